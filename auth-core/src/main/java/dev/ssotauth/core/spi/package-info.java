/**
 * For implementers of a {@link dev.ssotauth.core.RevocationStore} shared by many processes (such as
 * the Redis store of {@code auth-revocation-redis}), not for applications: an application picks a store
 * and hands it to {@code JwtAuthority.builder().revocationStore(…)}, and never needs this package.
 *
 * <p>The entry point is {@link dev.ssotauth.core.spi.RevocationTable}: the bounded, in-memory view of
 * revocations that a shared store keeps in step with its source and answers
 * {@link dev.ssotauth.core.RevocationStore#isRevoked isRevoked} from, with the listener fan-out that
 * goes with it. It is the same table {@link dev.ssotauth.core.InMemoryRevocationStore} is built on.
 */
package dev.ssotauth.core.spi;
