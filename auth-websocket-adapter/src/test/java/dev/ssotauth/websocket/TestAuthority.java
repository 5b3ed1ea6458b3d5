package dev.ssotauth.websocket;

import dev.ssotauth.core.JwtAuthority;
import dev.ssotauth.core.TokenRequest;
import dev.ssotauth.websocket.internal.ProcessAuthority;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The test JVM's single configuration source: a fresh random secret and a zero clock skew, set as
 * system properties before anything reads them, so that the tests and every adapter a container
 * creates with its no-argument constructor share one authority. Also remembers every token it
 * issued, for the "no token in any log line" check.
 */
final class TestAuthority {

    static final String ISSUER = "https://login.ssot-auth.test";
    static final String AUDIENCE = "chat";
    private static final byte[] SECRET = secret();
    static final JwtAuthority AUTHORITY = configure();
    /** The same keys and names, one hour behind: its tokens have expired when they reach the server. */
    private static final JwtAuthority AN_HOUR_AGO = JwtAuthority.builder().hmacSecret(SECRET).issuer(ISSUER)
            .audience(AUDIENCE).clock(Clock.offset(Clock.systemUTC(), Duration.ofHours(-1))).build();

    private static final Set<String> ISSUED = ConcurrentHashMap.newKeySet();

    private TestAuthority() {
    }

    private static byte[] secret() {
        byte[] secret = new byte[48];
        new SecureRandom().nextBytes(secret);
        return secret;
    }

    /** The test secret, for another authority on the same keys. */
    static byte[] sharedSecret() {
        return SECRET.clone();
    }

    private static JwtAuthority configure() {
        System.setProperty("JWT_SECRET_KEY", "base64url:" + Base64.getUrlEncoder().withoutPadding().encodeToString(SECRET));
        System.setProperty("JWT_ISSUER", ISSUER);
        System.setProperty("JWT_AUDIENCE", AUDIENCE);
        System.setProperty("JWT_CLOCK_SKEW", "0s");
        return ProcessAuthority.get();
    }

    static String token(String subject) {
        return remember(AUTHORITY.issue(TokenRequest.forSubject(subject).roles("user").build()));
    }

    /**
     * A token with its own lifetime: {@code exp} is {@code iat + ttl} and {@code iat} is rounded down to
     * the second, so the token has more than {@code ttl} minus one second left.
     */
    static String token(String subject, Duration ttl) {
        return remember(AUTHORITY.issue(TokenRequest.forSubject(subject).ttl(ttl).build()));
    }

    static String adminToken(String subject) {
        return remember(AUTHORITY.issue(TokenRequest.forSubject(subject).roles("user", "admin").build()));
    }

    /** A correctly signed token that expired 45 minutes ago. */
    static String expired(String subject) {
        return remember(AN_HOUR_AGO.issue(TokenRequest.forSubject(subject).build()));
    }

    /** A token with a valid structure whose signature does not verify (last signature char changed). */
    static String tampered(String subject) {
        String token = token(subject);
        char last = token.charAt(token.length() - 2);
        return remember(token.substring(0, token.length() - 2) + (last == 'A' ? 'B' : 'A') + token.charAt(token.length() - 1));
    }

    static String remember(String token) {
        ISSUED.add(token);
        return token;
    }

    /** @return every token handed out so far */
    static Set<String> issued() {
        return Set.copyOf(ISSUED);
    }
}
