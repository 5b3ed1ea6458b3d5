package dev.ssotauth.revocation.redis;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;

import dev.ssotauth.core.AuthResult;
import dev.ssotauth.core.AuthUnavailableException;
import dev.ssotauth.core.JwtAuthority;
import dev.ssotauth.core.Revocation;
import dev.ssotauth.core.TokenRequest;

/**
 * One node of a system under test: its own {@link RedisRevocationStore} (own connections), an
 * authority using it, and every revocation its listener heard. Nodes share the test secret, so a token
 * one issues is valid on all.
 */
final class Node implements AutoCloseable {

    static final byte[] SECRET = "redis-it-secret-0123456789-abcdefghij-KLMNOP".getBytes(StandardCharsets.UTF_8);
    static final String ISSUER = "https://login.example";
    static final String AUDIENCE = "chat";

    /** What a node answers for a token: accepted, one rejection reason, or "cannot decide". */
    static final String ACCEPTED = "ACCEPTED";
    static final String UNAVAILABLE = "UNAVAILABLE";

    final RedisRevocationStore store;
    final JwtAuthority authority;
    final List<Revocation> heard = new CopyOnWriteArrayList<>();

    private Node(RedisRevocationStore store, UnaryOperator<JwtAuthority.Builder> authoritySettings) {
        this.store = store;
        this.authority = authoritySettings.apply(
                JwtAuthority.builder().hmacSecret(SECRET).issuer(ISSUER).audience(AUDIENCE).revocationStore(store))
                .build();
        store.subscribe(heard::add);
    }

    /** A node on {@code redisUri} with default settings. */
    static Node start(String redisUri) {
        return start(redisUri, b -> b, b -> b);
    }

    /** A node on {@code redisUri} with test-friendly timeouts plus {@code storeSettings}. */
    static Node start(String redisUri, UnaryOperator<RedisRevocationStore.Builder> storeSettings) {
        return start(redisUri, storeSettings, b -> b);
    }

    static Node start(String redisUri, UnaryOperator<RedisRevocationStore.Builder> storeSettings,
            UnaryOperator<JwtAuthority.Builder> authoritySettings) {
        RedisRevocationStore store = storeSettings.apply(RedisRevocationStore.builder(redisUri)
                .timeout(Duration.ofSeconds(2))
                .startTimeout(Duration.ofSeconds(20)))
                .build();
        return new Node(store, authoritySettings);
    }

    /** A token for {@code subject} in login session {@code session}. */
    String token(String subject, String session) {
        return authority.issue(TokenRequest.forSubject(subject).sessionId(session).build());
    }

    /** {@link #ACCEPTED}, the rejection reason's name, or {@link #UNAVAILABLE}. */
    String outcome(String token) {
        try {
            AuthResult result = authority.authenticate(token);
            return result instanceof AuthResult.Rejected rejected ? rejected.reason().name() : ACCEPTED;
        } catch (AuthUnavailableException e) {
            return UNAVAILABLE;
        }
    }

    @Override
    public void close() {
        store.close();
    }
}
