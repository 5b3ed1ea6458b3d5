package dev.ssotauth.example;

import dev.ssotauth.core.AuthUnavailableException;
import dev.ssotauth.core.InMemoryRevocationStore;
import dev.ssotauth.core.RevocationStore;
import dev.ssotauth.revocation.redis.RedisRevocationStore;

import java.time.Clock;
import java.util.Map;

/**
 * Decides where this process keeps revocations ({@code POST /logout}, {@code POST /logout-all}):
 *
 * <ul>
 * <li>{@code --redis URI} or the environment variable {@value #REDIS_URL} → a
 *     {@link RedisRevocationStore} on that Redis, shared by every process started with the same URI: a
 *     logout on one is refused on all, and their open sockets of that token close. Both given with
 *     different values → refused (the same rule the single configuration source applies to JWT
 *     settings).</li>
 * <li>Neither → an {@link InMemoryRevocationStore}: revocations hold in this process only.</li>
 * </ul>
 *
 * <p>The URI is never printed: it may carry a password. Descriptions use the store's own safe form.
 */
final class RevocationSetup implements AutoCloseable {

    /** The environment variable that names the Redis. */
    static final String REDIS_URL = "REDIS_URL";

    private final RevocationStore store;
    private final RedisRevocationStore redis;
    private final String description;

    private RevocationSetup(RevocationStore store, RedisRevocationStore redis, String description) {
        this.store = store;
        this.redis = redis;
        this.description = description;
    }

    /**
     * Resolves and, for Redis, connects the store: {@link RedisRevocationStore.Builder#build()} loads
     * the whole deny list before this returns.
     *
     * @param option      the value of {@code --redis}, or {@code null}
     * @param environment the process environment
     * @param clock       the authority's clock
     * @return the setup; close it on shut-down
     * @throws AuthoritySetup.SetupException when the two sources disagree, {@value #REDIS_URL} is not a
     *                                       Redis URI, or Redis cannot be reached or loaded
     */
    static RevocationSetup resolve(String option, Map<String, String> environment, Clock clock)
            throws AuthoritySetup.SetupException {
        String variable = environment.get(REDIS_URL);
        if (variable != null && variable.isEmpty()) {
            throw new AuthoritySetup.SetupException(REDIS_URL + " is set but empty: unset it or give it a Redis URI "
                    + "such as redis://127.0.0.1:6379");
        }
        if (option != null && variable != null && !option.equals(variable)) {
            throw new AuthoritySetup.SetupException("--redis and " + REDIS_URL + " name different Redis URIs "
                    + "(neither is printed: they may hold a password); give one of them");
        }
        String uri = option != null ? option : variable;
        if (uri == null) {
            return new RevocationSetup(new InMemoryRevocationStore(clock), null,
                    "in memory, this process only (--redis URI or " + REDIS_URL + " shares them between processes)");
        }
        if (!isRedisUri(uri)) {
            throw new AuthoritySetup.SetupException(REDIS_URL + " must be a redis:// or rediss:// URI with a host, "
                    + "such as redis://127.0.0.1:6379");
        }
        RedisRevocationStore store;
        try {
            store = RedisRevocationStore.builder(uri).clock(clock).build();
        } catch (AuthUnavailableException e) {
            // The store's messages name the Redis without credentials.
            throw new AuthoritySetup.SetupException("revocations cannot be shared: " + e.getMessage());
        }
        return new RevocationSetup(store, store, store + " (from " + (option != null ? "--redis" : REDIS_URL)
                + "), shared by every process on that Redis: a logout on one holds on all of them");
    }

    /**
     * Whether {@code text} is a URI the Redis store accepts; checks its form, connects nowhere.
     *
     * @param text a candidate URI
     * @return whether it is one
     */
    static boolean isRedisUri(String text) {
        try {
            RedisRevocationStore.builder(text);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** The store to give the authority. */
    RevocationStore store() {
        return store;
    }

    /** Whether revocations are shared through Redis. */
    boolean shared() {
        return redis != null;
    }

    /** One line for the banner; no credentials. */
    String description() {
        return description;
    }

    /** Closes the Redis store's connections and threads; nothing to do in memory. Idempotent. */
    @Override
    public void close() {
        if (redis != null) {
            redis.close();
        }
    }
}
