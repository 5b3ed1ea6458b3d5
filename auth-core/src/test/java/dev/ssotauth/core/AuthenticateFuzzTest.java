package dev.ssotauth.core;

import static dev.ssotauth.core.Fixtures.AUDIENCE;
import static dev.ssotauth.core.Fixtures.ISSUER;
import static dev.ssotauth.core.Fixtures.NOW_SECONDS;
import static dev.ssotauth.core.Fixtures.SECRET;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import dev.ssotauth.core.internal.Json;
import dev.ssotauth.core.testing.CapturedLogs;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Fuzz target: the whole {@code authenticate} path with the authority's own HMAC key. Header and
 * payload are generated member by member from the fuzzer's data (registered claims absent, right,
 * or of any JSON form; further claims; duplicates; whitespace) and then signed, so that inputs reach
 * the claims step instead of dying at the signature; some tokens are then changed by a character, or
 * replaced by the raw data.
 *
 * <p>Invariants: {@code authenticate} returns a value and never reaches its last resort
 * ({@link JwtAuthority#unexpectedFailures()}); an accepted token's signature verifies with plain JCA
 * and with Nimbus; the accepted user is what Nimbus reads from the same payload (subject, issuer,
 * audience, times, roles, session id); neither the result, the user's {@code toString} nor any line
 * logged meanwhile contains the token or the subject. Where Nimbus differs by design, the case is
 * one of {@link NimbusDifferences}.
 */
final class AuthenticateFuzzTest {

    private static final String[] REGISTERED = {"iss", "sub", "aud", "exp", "iat", "nbf", "jti", "sid", "roles"};
    private static final String[] HEADERS = {"{\"alg\":\"HS256\",\"typ\":\"JWT\"}", "{\"alg\":\"HS256\"}",
        "{\"typ\":\"at+jwt\",\"alg\":\"HS256\"}", "{\"alg\":\"HS256\",\"kid\":\"k\"}", "{\"alg\":\"HS256\",\"crit\":[\"exp\"]}",
        "{\"alg\":\"none\"}", "{\"alg\":\"HS384\"}", "{\"alg\":\"HS256\",\"b64\":false}", "{\"alg\":\"HS256\",\"typ\":\"JWT\",\"typ\":\"JWT\"}"};

    private final JwtAuthority authority = Fixtures.authority().build();

    @FuzzTest(maxDuration = "30s")
    void authenticateWhenSignedGeneratedTokenThenAValueAndWhatAnIndependentReaderSees(FuzzedDataProvider data) {
        int mode = data.consumeInt(0, 9);
        String header = mode == 9 ? data.consumeString(40) : HEADERS[data.consumeInt(0, HEADERS.length - 1)];
        String payload = payload(data);
        String token = sign(header, payload);
        if (mode == 7 && !token.isEmpty()) { // one character changed
            int at = data.consumeInt(0, token.length() - 1);
            token = token.substring(0, at) + data.consumeChar() + token.substring(at + 1);
        } else if (mode == 8) { // anything at all
            token = data.consumeRemainingAsString();
        }

        int logged = CapturedLogs.lines().size();
        AuthResult result = authority.authenticate(token);

        assertEquals(0, authority.unexpectedFailures(), "authenticate reached its last resort");
        String subject = subjectOrNull(payload);
        List<String> lines = CapturedLogs.lines();
        for (String line : lines.subList(Math.min(logged, lines.size()), lines.size())) {
            assertFalse(leaks(line, token, subject), "a log line quotes the token or the subject");
        }
        if (result instanceof AuthResult.Rejected rejected) {
            assertFalse(leaks(rejected.message(), token, subject), "the rejection quotes the token or the subject");
            return;
        }
        UserContext user = result.orElseThrow();
        assertFalse(leaks(user.toString(), token, subject));
        assertIndependentlyVerified(token);
        assertSameUserAsNimbus(token, user);
    }

    /** Members for the registered claims (each absent, right, or anything), further claims, a duplicate. */
    private static String payload(FuzzedDataProvider data) {
        if (data.consumeInt(0, 15) == 0) {
            return data.consumeString(200); // not built from members at all
        }
        List<String> members = new ArrayList<>();
        for (String name : REGISTERED) {
            int choice = data.consumeInt(0, 5);
            if (choice == 0 && !name.equals("nbf") && !name.equals("jti") && !name.equals("sid") && !name.equals("roles")
                    || choice == 1) {
                members.add(quote(name) + ":" + good(name));
            } else if (choice == 2) {
                members.add(quote(name) + ":" + value(data, 0));
            }
        }
        int extra = data.consumeInt(0, 3);
        for (int i = 0; i < extra; i++) {
            members.add(quote(data.consumeString(8)) + ":" + value(data, 0));
        }
        if (!members.isEmpty() && data.consumeInt(0, 7) == 0) {
            members.add(members.get(data.consumeInt(0, members.size() - 1)));
        }
        for (int i = members.size() - 1; i > 0; i--) { // an order chosen by the data
            int j = data.consumeInt(0, i);
            members.set(i, members.set(j, members.get(i)));
        }
        String space = data.consumeBoolean() ? "" : " \n";
        return "{" + space + String.join("," + space, members) + space + "}";
    }

    private static String good(String name) {
        switch (name) {
            case "iss": return quote(ISSUER);
            case "sub": return quote("alice");
            case "aud": return quote(AUDIENCE);
            case "exp": return Long.toString(NOW_SECONDS + 600);
            case "iat": return Long.toString(NOW_SECONDS);
            case "nbf": return Long.toString(NOW_SECONDS - 60);
            case "jti": return quote("token-1");
            case "sid": return quote("session-1");
            default: return "[\"user\",\"admin\"]";
        }
    }

    /** A JSON value, or any text, from the data. */
    private static String value(FuzzedDataProvider data, int depth) {
        switch (data.consumeInt(0, depth < 3 ? 9 : 6)) {
            case 0: return quote(data.consumeString(16));
            case 1: return number(data);
            case 2: return Long.toString(NOW_SECONDS + data.consumeLong(-100_000, 100_000));
            case 3: return data.pickValue(new String[] {"null", "true", "false", "\"\"", "[]", "{}", "-0", "1e400"});
            case 4: return quote(data.pickValue(new String[] {ISSUER, AUDIENCE, "alice", "user", "ID", "Refresh"}));
            case 5: return data.consumeString(12); // anything, maybe not JSON
            case 6: return quote(data.consumeString(4)) + "  ";
            default:
                int count = data.consumeInt(0, 3);
                List<String> elements = new ArrayList<>();
                boolean object = data.consumeBoolean();
                for (int i = 0; i < count; i++) {
                    String element = value(data, depth + 1);
                    elements.add(object ? quote(data.consumeString(4)) + ":" + element : element);
                }
                return (object ? "{" : "[") + String.join(",", elements) + (object ? "}" : "]");
        }
    }

    /** A number in any JSON form (and some forms that are not JSON). */
    private static String number(FuzzedDataProvider data) {
        StringBuilder number = new StringBuilder();
        String alphabet = "0123456789-+.eE";
        int length = data.consumeInt(1, 24);
        for (int i = 0; i < length; i++) {
            number.append(alphabet.charAt(data.consumeInt(0, alphabet.length() - 1)));
        }
        return number.toString();
    }

    private static String quote(String s) {
        StringBuilder out = new StringBuilder();
        Json.writeString(out, s);
        return out.toString();
    }

    private static String sign(String header, String payload) {
        return Fixtures.sign(header, payload);
    }

    /** The subject as a plain JSON reader sees it, when it is a string long enough to be looked for. */
    private static String subjectOrNull(String payload) {
        try {
            Object sub = Json.parseObject(payload.getBytes(StandardCharsets.UTF_8)).get("sub");
            return sub instanceof String s && s.length() >= 6 ? s : null;
        } catch (Json.JsonException unreadable) {
            return null;
        }
    }

    private static boolean leaks(String text, String token, String subject) {
        return text != null && (token.length() >= 16 && text.contains(token) || subject != null && text.contains(subject));
    }

    /** HMAC-SHA256 of the signing input, computed with plain JCA, is the token's signature. */
    private static void assertIndependentlyVerified(String token) {
        int dot = token.lastIndexOf('.');
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(SECRET, "HmacSHA256"));
            byte[] expected = mac.doFinal(token.substring(0, dot).getBytes(StandardCharsets.US_ASCII));
            assertArrayEquals(expected, Base64.getUrlDecoder().decode(token.substring(dot + 1)),
                    "accepted a token whose signature does not verify");
        } catch (GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }

    /** Nimbus verifies the same token with the same key and reads the same user from it. */
    private static void assertSameUserAsNimbus(String token, UserContext user) {
        try {
            SignedJWT jwt = SignedJWT.parse(token);
            assertTrue(jwt.verify(new MACVerifier(SECRET)), "Nimbus does not verify an accepted token");
            JWTClaimsSet claims = jwt.getJWTClaimsSet();
            assertEquals(claims.getSubject(), user.subject());
            assertEquals(claims.getIssuer(), user.issuer());
            assertEquals(new LinkedHashSet<>(claims.getAudience()), user.audience());
            assertEquals(claims.getExpirationTime().getTime() / 1000, user.expiresAt().getEpochSecond());
            assertEquals(claims.getIssueTime().getTime() / 1000, user.issuedAt().getEpochSecond());
            assertEquals(claims.getStringClaim("sid"), user.sessionId().orElse(null));
            Object roles = claims.getClaim("roles");
            if (roles instanceof List<?> list && list.stream().allMatch(String.class::isInstance)) {
                assertEquals(new LinkedHashSet<>(list), user.roles());
            } else if (roles instanceof String text) {
                assertEquals(TokenClaims.spaceSeparated(text), user.roles());
            } else { // absent, null, or an array with something else in it: no roles (and a warning)
                assertEquals(0, user.roles().size());
            }
            Map<String, Object> ours = user.claims();
            for (String name : ours.keySet()) {
                assertTrue(claims.getClaims().containsKey(name), "a claim Nimbus does not see");
            }
        } catch (ParseException | JOSEException e) {
            if (NimbusDifferences.beyondDouble(payloadOf(token))) {
                return; // a documented difference: Nimbus refuses such numbers, this library keeps them exactly
            }
            throw new AssertionError("Nimbus cannot read an accepted token", e);
        }
    }

    private static byte[] payloadOf(String token) {
        return Base64.getUrlDecoder().decode(token.substring(token.indexOf('.') + 1, token.lastIndexOf('.')));
    }
}
