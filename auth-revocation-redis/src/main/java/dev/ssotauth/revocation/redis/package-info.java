/**
 * A revocation store shared by many nodes, on Redis. The entry point is
 * {@link dev.ssotauth.revocation.redis.RedisRevocationStore#builder(String)}; hand the store to
 * {@code JwtAuthority.builder().revocationStore(...)}.
 */
package dev.ssotauth.revocation.redis;
