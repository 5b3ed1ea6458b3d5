package dev.ssotauth.example;

import dev.ssotauth.core.AuthUnavailableException;
import dev.ssotauth.core.InMemoryRevocationStore;
import dev.ssotauth.core.RevocationStore;
import dev.ssotauth.revocation.redis.RedisRevocationStore;

import java.time.Clock;
import java.util.Map;

/**
 * Where revocations ({@code POST /logout}, {@code /logout-all}) are kept: with {@code --redis URI} or
 * {@value #REDIS_URL} a {@link RedisRevocationStore} shared by every process on that Redis; otherwise in this
 * process only. The URI is never printed: it may carry a password.
 *
 * @param redis       the same store when it is on Redis, else {@code null}
 * @param description one line for the banner; no credentials
 */
record RevocationSetup(RevocationStore store, RedisRevocationStore redis, String description)
        implements AutoCloseable {

    /** The environment variable that names the Redis. */
    static final String REDIS_URL = "REDIS_URL";

    /** The store of {@code --redis} ({@code option}) or {@value #REDIS_URL}, connected; else in memory. */
    static RevocationSetup resolve(String option, Map<String, String> environment, Clock clock)
            throws AuthoritySetup.SetupException {
        String variable = environment.get(REDIS_URL);
        String uri = option != null ? option : variable;
        if ("".equals(variable)) {
            throw new AuthoritySetup.SetupException(REDIS_URL + " is set but empty: unset it or give it a Redis URI "
                    + "such as redis://127.0.0.1:6379");
        } else if (option != null && variable != null && !option.equals(variable)) {
            throw new AuthoritySetup.SetupException("--redis and " + REDIS_URL + " name different Redis URIs "
                    + "(neither is printed: they may hold a password); give one of them");
        } else if (uri == null) {
            return new RevocationSetup(new InMemoryRevocationStore(clock), null,
                    "in memory, this process only (--redis URI or " + REDIS_URL + " shares them between processes)");
        } else if (!isRedisUri(uri)) {
            throw new AuthoritySetup.SetupException(REDIS_URL + " must be a redis:// or rediss:// URI with a host, "
                    + "such as redis://127.0.0.1:6379");
        }
        try {
            RedisRevocationStore store = RedisRevocationStore.builder(uri).clock(clock).build();
            return new RevocationSetup(store, store, store + " (from " + (option != null ? "--redis" : REDIS_URL)
                    + "), shared by every process on that Redis: a logout on one holds on all of them");
        } catch (AuthUnavailableException e) { // its message names the Redis without credentials
            throw new AuthoritySetup.SetupException("revocations cannot be shared: " + e.getMessage());
        }
    }

    /** Whether {@code text} is a URI the Redis store accepts; checks its form, connects nowhere. */
    static boolean isRedisUri(String text) {
        try {
            RedisRevocationStore.builder(text);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** Closes the Redis store's connections and threads, if any. Idempotent. */
    @Override
    public void close() {
        if (redis != null) {
            redis.close();
        }
    }
}
