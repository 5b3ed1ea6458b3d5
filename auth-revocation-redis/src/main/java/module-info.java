/**
 * ssot-auth revocation on Redis: {@link dev.ssotauth.revocation.redis.RedisRevocationStore}, one deny
 * list shared by every node, mirrored in each node's memory.
 */
@SuppressWarnings("requires-automatic") // Lettuce ships an Automatic-Module-Name, not a module-info
module dev.ssotauth.revocation.redis {
    requires transitive dev.ssotauth.core;
    requires lettuce.core;
    requires org.slf4j;

    exports dev.ssotauth.revocation.redis;
}
