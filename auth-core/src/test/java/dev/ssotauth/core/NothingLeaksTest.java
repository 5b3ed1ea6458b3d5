package dev.ssotauth.core;

import static dev.ssotauth.core.Fixtures.b64;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ssotauth.core.testing.CapturedLogs;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * Feeds distinctive secrets, tokens and claim values through every rejection path and every
 * configuration error, then inspects every message, exception text, {@code toString} and captured log
 * line: none may contain them.
 */
@Isolated
final class NothingLeaksTest {

    private static final String CANARY = "CANARY7f3a";
    private static final String SECRET = CANARY + "-secret-0123456789-abcdefghijklmnop";
    private static final String ISSUER = "https://" + CANARY + "-issuer.example";
    private static final long NOW = 1_767_225_600L;

    /** What the authority's listener heard: events must not carry what messages must not. */
    private final List<AuthEvent> events = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final JwtAuthority authority = JwtAuthority.builder().hmacSecret(SECRET.getBytes(StandardCharsets.UTF_8))
            .issuer(ISSUER).audience(CANARY + "-aud").clock(Clock.fixed(Instant.ofEpochSecond(NOW), ZoneOffset.UTC))
            .listener(events::add).build();

    private String signed(String header, String payload) {
        return Fixtures.sign(SECRET.getBytes(StandardCharsets.UTF_8), header, payload);
    }

    private String claims(String members) {
        return "{\"iss\":\"" + ISSUER + "\",\"sub\":\"" + CANARY + "-sub\",\"aud\":\"" + CANARY + "-aud\",\"iat\":" + NOW
                + ",\"exp\":" + (NOW + 600) + ",\"jti\":\"" + CANARY + "-jti\",\"" + CANARY + "-name\":\"" + CANARY
                + "-value\"" + members + "}";
    }

    private List<String> badTokens() {
        String header = "{\"alg\":\"HS256\",\"kid\":\"" + CANARY + "-kid\"}";
        String plain = "{\"alg\":\"HS256\"}";
        List<String> tokens = new ArrayList<>();
        tokens.add(CANARY + "-not-a-token");
        tokens.add(CANARY + "." + CANARY + "." + CANARY);
        tokens.add(CANARY.repeat(1000));
        tokens.add(b64("{\"alg\":\"" + CANARY + "\"}") + "." + b64(claims("")) + ".");
        tokens.add(b64("{\"alg\":\"none\",\"x\":\"" + CANARY + "\"}") + "." + b64(claims("")) + ".");
        tokens.add(signed(header, claims("")));
        tokens.add(signed("{\"alg\":\"HS256\",\"typ\":\"" + CANARY + "\"}", claims("")));
        tokens.add(signed("{\"alg\":\"HS256\",\"crit\":[\"" + CANARY + "\"]}", claims("")));
        tokens.add(Fixtures.sign(Fixtures.OTHER_SECRET, plain, claims("")));
        tokens.add(signed(plain, claims(",\"exp\":\"" + CANARY + "\"").replace(",\"exp\":" + (NOW + 600), "")));
        tokens.add(signed(plain, claims("").replace(ISSUER, ISSUER + "-other")));
        tokens.add(signed(plain, claims("").replace("\"aud\":\"" + CANARY + "-aud\"", "\"aud\":\"" + CANARY + "-x\"")));
        tokens.add(signed(plain, claims(",\"nonce\":\"" + CANARY + "\"")));
        tokens.add(signed(plain, claims(",\"typ\":\"ID\",\"roles\":\"" + CANARY + "\"")));
        tokens.add(signed(plain, claims(",\"nbf\":" + (NOW + 9999))));
        tokens.add(signed(plain, claims("").replace("\"exp\":" + (NOW + 600), "\"exp\":" + (NOW - 600)).replace(
                "\"iat\":" + NOW, "\"iat\":" + (NOW - 900))));
        tokens.add(signed(plain, "{\"" + CANARY + "\":1,\"" + CANARY + "\":2}"));
        tokens.add(signed(plain, claims("").replace("\"sub\":\"" + CANARY + "-sub\",", "")));
        return tokens;
    }

    private List<Supplier<Object>> configurationErrors() {
        List<Supplier<Object>> errors = new ArrayList<>();
        Map<String, String> base = new HashMap<>();
        base.put("JWT_ISSUER", ISSUER);
        base.put("JWT_AUDIENCE", CANARY + "-aud");
        Map<String, String> conflict = new HashMap<>(base);
        conflict.put("JWT_SECRET_KEY", SECRET);
        conflict.put("WEBSOCKET_JWT_SECRET", SECRET + "-2");
        errors.add(() -> JwtAuthority.fromEnvironment(conflict));
        Map<String, String> shortSecret = new HashMap<>(base);
        shortSecret.put("JWT_SECRET", CANARY);
        errors.add(() -> JwtAuthority.fromEnvironment(shortSecret));
        Map<String, String> badBase64 = new HashMap<>(base);
        badBase64.put("JWT_SECRET_KEY", "base64:" + CANARY + "%%");
        errors.add(() -> JwtAuthority.fromEnvironment(badBase64));
        Map<String, String> badTtl = new HashMap<>(base);
        badTtl.put("JWT_SECRET_KEY", SECRET);
        badTtl.put("JWT_ACCESS_TOKEN_TTL", CANARY);
        errors.add(() -> JwtAuthority.fromEnvironment(badTtl));
        Map<String, String> twoRoots = new HashMap<>(base);
        twoRoots.put("JWT_SECRET_KEY", SECRET);
        twoRoots.put("JWT_JWKS_URI", "https://" + CANARY);
        errors.add(() -> JwtAuthority.fromEnvironment(twoRoots));
        Map<String, String> lurking = new HashMap<>(base);
        lurking.put("JWT_SECRET_KEY", SECRET);
        lurking.put("MY_JWT_SECRET", CANARY + "-lurking");
        errors.add(() -> JwtAuthority.fromEnvironment(lurking));
        errors.add(() -> JwtAuthority.builder().hmacSecret(CANARY.getBytes(StandardCharsets.UTF_8)).issuer(ISSUER)
                .audience("a").build());
        errors.add(() -> JwtAuthority.builder().hmacSecret(SECRET.getBytes(StandardCharsets.UTF_8)).issuer(ISSUER)
                .audience("a").build().issue(TokenRequest.forSubject(CANARY).ttl(java.time.Duration.ofDays(30)).build()));
        return errors;
    }

    @Test
    void everyRejectionAndConfigurationErrorWhenFedCanariesThenNoMessageOrLogLineContainsThem() {
        CapturedLogs.clear();
        List<String> texts = new ArrayList<>();
        int rejections = 0;
        for (String token : badTokens()) {
            AuthResult result = authority.authenticate(token);
            assertFalse(result.isAuthenticated(), token);
            texts.add(result.toString());
            try {
                authority.verify(token);
            } catch (TokenRejectedException e) {
                texts.add(e.toString());
                texts.add(String.valueOf(e.getMessage()));
            }
            rejections++;
        }
        for (Supplier<Object> error : configurationErrors()) {
            try {
                texts.add(String.valueOf(error.get()));
            } catch (RuntimeException e) {
                texts.add(e.toString());
            }
        }
        UserContext user = authority.verify(authority.issue(TokenRequest.forSubject(CANARY + "-sub")
                .sessionId(CANARY + "-sid").roles(CANARY + "-role").claim(CANARY + "-claim", CANARY + "-value").build()));
        texts.add(user.toString());
        texts.add(TokenRequest.forSubject(CANARY).claim("k", CANARY).build().toString());
        texts.add(authority.toString());
        authority.revokeSession(CANARY + "-sid");
        authority.revokeSubject(CANARY + "-sub");
        events.forEach(event -> texts.add(event.toString()));
        texts.addAll(CapturedLogs.lines());

        assertTrue(rejections >= 17);
        for (String text : texts) {
            assertFalse(text.contains(CANARY), () -> "leaked: " + text);
            assertFalse(text.contains(SECRET.substring(10)), () -> "leaked the secret: " + text);
        }
    }
}
