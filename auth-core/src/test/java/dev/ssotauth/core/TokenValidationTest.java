package dev.ssotauth.core;

import static dev.ssotauth.core.Fixtures.AUDIENCE;
import static dev.ssotauth.core.Fixtures.HS256_HEADER;
import static dev.ssotauth.core.Fixtures.ISSUER;
import static dev.ssotauth.core.Fixtures.NOW_SECONDS;
import static dev.ssotauth.core.Fixtures.OTHER_SECRET;
import static dev.ssotauth.core.Fixtures.SECRET;
import static dev.ssotauth.core.Fixtures.authority;
import static dev.ssotauth.core.Fixtures.b64;
import static dev.ssotauth.core.Fixtures.claims;
import static dev.ssotauth.core.Fixtures.object;
import static dev.ssotauth.core.Fixtures.reason;
import static dev.ssotauth.core.Fixtures.sign;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** One or more tests per rejection reason, each through the public {@code authenticate}. */
final class TokenValidationTest {

    private final JwtAuthority authority = authority().build();
    private final String valid = sign(HS256_HEADER, claims("alice", ""));

    @Test
    void authenticateWhenHandMadeTokenIsValidThenAuthenticated() {
        // given a token made by an independent signer
        // when
        AuthResult result = authority.authenticate(valid);
        // then
        assertTrue(result.isAuthenticated(), () -> result.toString());
        assertEquals("alice", ((AuthResult.Authenticated) result).user().subject());
    }

    // ------------------------------------------------------------------ TOO_LARGE

    @Test
    void authenticateWhenLongerThanDefaultMaximumThenTooLarge() {
        String token = "a".repeat(8193);
        assertEquals(RejectionReason.TOO_LARGE, reason(authority, token));
        assertEquals(RejectionReason.MALFORMED, reason(authority, "a".repeat(8192)));
    }

    @Test
    void authenticateWhenValidTokenExceedsConfiguredMaximumThenTooLargeBeforeDecoding() {
        // given a small maximum and a correctly signed token just above it
        JwtAuthority small = authority().maxTokenBytes(256).build();
        String token = sign(HS256_HEADER, claims("alice", "\"pad\":\"" + "x".repeat(200) + "\""));
        assertTrue(token.length() > 256);
        // when / then
        assertEquals(RejectionReason.TOO_LARGE, reason(small, token));
        AuthResult.Rejected rejected = (AuthResult.Rejected) small.authenticate(token);
        assertEquals("token is longer than 256 bytes", rejected.message());
    }

    // ------------------------------------------------------------------ MALFORMED

    static Stream<String> malformedTokens() {
        String h = b64(HS256_HEADER);
        String p = b64(claims("alice", ""));
        String valid = sign(HS256_HEADER, claims("alice", ""));
        String sig = valid.substring(valid.lastIndexOf('.') + 1);
        return Stream.of(
                "", "abc", "a.b", h + "." + p, valid + ".", valid + ".x", h + "." + p + ".x.y.z",
                " " + valid, valid + " ", valid + "\n", "Bearer " + valid, valid.replace('.', ','),
                h + "=." + p + "." + sig, h + "." + p + "=." + sig, h + "." + p + "." + sig + "=",
                h.replace('-', '+'), valid.replace("e", "é"), "." + p + "." + sig, Fixtures.signRaw(SECRET, "HmacSHA256", h + "."),
                "{\"payload\":\"" + p + "\",\"signatures\":[]}",
                b64("not json") + "." + p + "." + sig,
                b64("[\"HS256\"]") + "." + p + "." + sig,
                b64("{\"alg\":\"HS256\",\"alg\":\"HS256\"}") + "." + p + "." + sig,
                b64("{\"typ\":\"JWT\"}") + "." + p + "." + sig,
                b64("{\"alg\":256}") + "." + p + "." + sig,
                b64("{\"alg\":\"HS256\",\"kid\":7}") + "." + p + "." + sig,
                b64("{\"alg\":\"HS256\"} trailing") + "." + p + "." + sig,
                b64("{\"alg\":\"HS256\",\"enc\":\"A128GCM\"}") + "." + p + "." + sig,
                // correctly signed, but the payload is not one acceptable JSON object
                sign(HS256_HEADER, "[1,2,3]"),
                sign(HS256_HEADER, "foo"),
                sign(HS256_HEADER, claims("alice", "\"sub\":\"mallory\"")),
                sign(HS256_HEADER, claims("alice", "\"deep\":" + "[".repeat(40) + "]".repeat(40))),
                sign(HS256_HEADER, claims("alice", "\"x\":01")),
                sign(HS256_HEADER, claims("alice", "\"x\":NaN")),
                sign(HS256_HEADER, claims("alice", "\"x\":\"\\ud800\"")),
                sign(HS256_HEADER, claims("alice", "\"x\":\"tab\there\"")));
    }

    @ParameterizedTest
    @MethodSource("malformedTokens")
    void authenticateWhenNotStrictCompactJwsThenMalformed(String token) {
        assertEquals(RejectionReason.MALFORMED, reason(authority, token));
    }

    @Test
    void authenticateWhenNullThenMalformedWithoutThrowing() {
        AuthResult.Rejected rejected = (AuthResult.Rejected) authority.authenticate(null);
        assertEquals(RejectionReason.MALFORMED, rejected.reason());
        assertEquals("token is missing", rejected.message());
    }

    @Test
    void authenticateWhenBase64HasNonZeroUnusedBitsThenMalformed() {
        // "Zm9v" is "foo"; "Zg" is "f" and "Zh" decodes to "f" too in lenient decoders
        String h = b64(HS256_HEADER);
        String token = Fixtures.signRaw(SECRET, "HmacSHA256", h + ".Zh");
        assertEquals(RejectionReason.MALFORMED, reason(authority, token));
    }

    @Test
    void authenticateWhenPayloadIsInvalidUtf8ThenMalformed() {
        byte[] payload = claims("alice", "\"x\":\"?\"").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        for (int i = 0; i < payload.length; i++) {
            if (payload[i] == '?') {
                payload[i] = (byte) 0xC0; // an overlong lead byte, never valid UTF-8
            }
        }
        String token = Fixtures.signRaw(SECRET, "HmacSHA256", b64(HS256_HEADER) + "." + b64(payload));
        assertEquals(RejectionReason.MALFORMED, reason(authority, token));
    }

    // ------------------------------------------------------------------ UNSUPPORTED_ALGORITHM

    @ParameterizedTest
    @ValueSource(strings = {"none", "None", "NONE", "nOnE", "HS384", "HS512", "RS256", "ES256", "EdDSA", "hs256",
            "HS256 ", ""})
    void authenticateWhenAlgorithmOutsideAllowListThenUnsupportedAlgorithm(String alg) {
        String header = "{\"alg\":\"" + alg + "\",\"typ\":\"JWT\"}";
        assertEquals(RejectionReason.UNSUPPORTED_ALGORITHM, reason(authority, sign(header, claims("alice", ""))));
    }

    @Test
    void authenticateWhenAlgNoneWithEmptySignatureThenUnsupportedAlgorithm() {
        String token = b64("{\"alg\":\"none\"}") + "." + b64(claims("alice", "")) + ".";
        AuthResult.Rejected rejected = (AuthResult.Rejected) authority.authenticate(token);
        assertEquals(RejectionReason.UNSUPPORTED_ALGORITHM, rejected.reason());
        assertEquals("unsecured tokens (alg none) are never accepted", rejected.message());
    }

    @Test
    void authenticateWhenAllowListHasHs512ThenHs512AcceptedAndHs256Refused() {
        byte[] longSecret = (new String(SECRET, java.nio.charset.StandardCharsets.UTF_8) + "-and-more-bytes-to-reach-64")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        JwtAuthority hs512 = JwtAuthority.builder().hmacSecret(longSecret).issuer(ISSUER).audience(AUDIENCE)
                .clock(Fixtures.CLOCK).algorithms("HS512").build();
        String header = "{\"alg\":\"HS512\"}";
        String token = Fixtures.signRaw(longSecret, "HmacSHA512", b64(header) + "." + b64(claims("alice", "")));
        assertNull(reason(hs512, token));
        assertEquals(RejectionReason.UNSUPPORTED_ALGORITHM, reason(hs512, sign(longSecret, HS256_HEADER,
                claims("alice", ""))));
    }

    // ------------------------------------------------------------------ WRONG_TYPE

    @ParameterizedTest
    @ValueSource(strings = {"\"typ\":\"JOSE\"", "\"typ\":\"at+jwt+x\"", "\"typ\":1", "\"typ\":\"\"",
            "\"typ\":\"JWT\",\"cty\":\"JWT\""})
    void authenticateWhenTypeIsNotJwtThenWrongType(String member) {
        String header = "{\"alg\":\"HS256\"," + member + "}";
        assertEquals(RejectionReason.WRONG_TYPE, reason(authority, sign(header, claims("alice", ""))));
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"alg\":\"HS256\",\"typ\":\"jwt\"}", "{\"alg\":\"HS256\",\"typ\":\"JWT\"}",
            "{\"alg\":\"HS256\",\"typ\":\"application/jwt\"}", "{\"alg\":\"HS256\"}"})
    void authenticateWhenTypeIsJwtInAnyCaseOrAbsentThenAccepted(String header) {
        assertNull(reason(authority, sign(header, claims("alice", ""))));
    }

    // ------------------------------------------------------------------ UNSUPPORTED_CRITICAL_HEADER

    @ParameterizedTest
    @ValueSource(strings = {"\"crit\":[\"exp\"],\"exp\":1", "\"crit\":[]", "\"crit\":[\"x-ext\"],\"x-ext\":1",
            "\"crit\":[\"alg\"]", "\"crit\":\"x\"", "\"crit\":[\"b64\"],\"b64\":false", "\"b64\":true"})
    void authenticateWhenCritOrB64ThenUnsupportedCriticalHeader(String members) {
        String header = "{\"alg\":\"HS256\"," + members + "}";
        assertEquals(RejectionReason.UNSUPPORTED_CRITICAL_HEADER, reason(authority, sign(header, claims("alice", ""))));
    }

    // ------------------------------------------------------------------ UNKNOWN_KEY

    @Test
    void authenticateWhenKidNamesNoTrustedKeyThenUnknownKey() {
        String header = "{\"alg\":\"HS256\",\"kid\":\"../../dev/null\"}";
        assertEquals(RejectionReason.UNKNOWN_KEY, reason(authority, sign(header, claims("alice", ""))));
    }

    @Test
    void authenticateWhenKidMatchesConfiguredKeyIdThenAcceptedAndOtherKidUnknown() {
        JwtAuthority withKid = authority().hmacKeyId("k1").build();
        String issued = withKid.issue(TokenRequest.forSubject("alice").build());
        assertTrue(new String(java.util.Base64.getUrlDecoder().decode(issued.substring(0, issued.indexOf('.'))),
                java.nio.charset.StandardCharsets.UTF_8).contains("\"kid\":\"k1\""));
        assertNull(reason(withKid, issued));
        assertNull(reason(withKid, sign("{\"alg\":\"HS256\",\"kid\":\"k1\"}", claims("alice", ""))));
        assertEquals(RejectionReason.UNKNOWN_KEY,
                reason(withKid, sign("{\"alg\":\"HS256\",\"kid\":\"k2\"}", claims("alice", ""))));
    }

    @Test
    void authenticateWhenHeaderCarriesItsOwnKeyThenKeyIsIgnoredAndSignatureFails() {
        // given a token signed with the attacker's key, which the header offers in every way
        String attackerKey = b64(OTHER_SECRET);
        String header = "{\"alg\":\"HS256\",\"jwk\":{\"kty\":\"oct\",\"k\":\"" + attackerKey + "\"},"
                + "\"x5c\":[\"MIIB\"],\"x5u\":\"http://127.0.0.1:1/x5u\"}";
        // when / then
        assertEquals(RejectionReason.BAD_SIGNATURE, reason(authority, sign(OTHER_SECRET, header, claims("alice", ""))));
    }

    @Test
    void authenticateWhenHeaderHasJkuThenUrlIsNeverFetched() throws IOException {
        try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            String url = "http://127.0.0.1:" + server.getLocalPort() + "/jwks.json";
            String header = "{\"alg\":\"HS256\",\"jku\":\"" + url + "\",\"x5u\":\"" + url + "\"}";
            // a token signed by the attacker and one signed correctly: neither may cause a fetch
            reason(authority, sign(OTHER_SECRET, header, claims("alice", "")));
            assertNull(reason(authority, sign(header, claims("alice", ""))));
            server.setSoTimeout(300);
            assertThrows(SocketTimeoutException.class, server::accept, "the authority connected to a URL in a token");
        }
    }

    // ------------------------------------------------------------------ BAD_SIGNATURE

    @Test
    void authenticateWhenSignedWithAnotherSecretThenBadSignature() {
        assertEquals(RejectionReason.BAD_SIGNATURE, reason(authority, sign(OTHER_SECRET, HS256_HEADER, claims("alice", ""))));
    }

    @Test
    void authenticateWhenPayloadOrSignatureTamperedThenBadSignature() {
        String[] parts = valid.split("\\.");
        String otherPayload = b64(claims("mallory", ""));
        char last = parts[2].charAt(0);
        String flipped = (last == 'A' ? 'B' : 'A') + parts[2].substring(1);
        assertEquals(RejectionReason.BAD_SIGNATURE, reason(authority, parts[0] + "." + otherPayload + "." + parts[2]));
        assertEquals(RejectionReason.BAD_SIGNATURE, reason(authority, parts[0] + "." + parts[1] + "." + flipped));
        assertEquals(RejectionReason.BAD_SIGNATURE, reason(authority, parts[0] + "." + parts[1] + "."));
        assertEquals(RejectionReason.BAD_SIGNATURE, reason(authority, parts[0] + "." + parts[1] + "." + parts[2].substring(0, 40)));
        assertEquals(RejectionReason.BAD_SIGNATURE, reason(authority, parts[0] + "." + parts[1] + "." + parts[2] + "AAAA"));
    }

    @Test
    void authenticateWhenSignatureFailsThenClaimsAreNotParsed() {
        // a payload that would be MALFORMED if it were parsed
        String token = b64(HS256_HEADER) + "." + b64("{\"a\":1,\"a\":2}") + "." + b64(new byte[32]);
        assertEquals(RejectionReason.BAD_SIGNATURE, reason(authority, token));
    }

    // ------------------------------------------------------------------ MISSING_CLAIM / INVALID_CLAIM

    @ParameterizedTest
    @ValueSource(strings = {"iss", "sub", "aud", "exp", "iat"})
    void authenticateWhenRequiredClaimAbsentOrNullThenMissingClaim(String name) {
        String all = claims("alice", "");
        String without = all.replaceAll("\"" + name + "\":(\"[^\"]*\"|\\d+),?", "").replace(",}", "}");
        String nulled = all.replaceAll("\"" + name + "\":(\"[^\"]*\"|\\d+)", "\"" + name + "\":null");
        AuthResult.Rejected rejected = (AuthResult.Rejected) authority.authenticate(sign(HS256_HEADER, without));
        assertEquals(RejectionReason.MISSING_CLAIM, rejected.reason());
        assertEquals("required claim '" + name + "' is missing", rejected.message());
        assertEquals(RejectionReason.MISSING_CLAIM, reason(authority, sign(HS256_HEADER, nulled)));
    }

    static Stream<Arguments> invalidClaims() {
        String iss = "\"iss\":\"" + ISSUER + "\"";
        String sub = "\"sub\":\"alice\"";
        String aud = "\"aud\":\"" + AUDIENCE + "\"";
        String iat = "\"iat\":" + NOW_SECONDS;
        String exp = "\"exp\":" + (NOW_SECONDS + 600);
        return Stream.of(
                Arguments.of(object("\"iss\":5", sub, aud, iat, exp), "claim 'iss' must be a string"),
                Arguments.of(object(iss, "\"sub\":[\"alice\"]", aud, iat, exp), "claim 'sub' must be a string"),
                Arguments.of(object(iss, "\"sub\":\"\"", aud, iat, exp), "claim 'sub' must not be empty"),
                Arguments.of(object(iss, sub, "\"aud\":5", iat, exp),
                        "claim 'aud' must be a string or a non-empty array of strings"),
                Arguments.of(object(iss, sub, "\"aud\":[]", iat, exp),
                        "claim 'aud' must be a string or a non-empty array of strings"),
                Arguments.of(object(iss, sub, "\"aud\":[\"chat\",1]", iat, exp),
                        "claim 'aud' must be a string or an array of strings"),
                Arguments.of(object(iss, sub, aud, iat, "\"exp\":\"" + (NOW_SECONDS + 600) + "\""),
                        "claim 'exp' must be a number (seconds since the epoch)"),
                Arguments.of(object(iss, sub, aud, "\"iat\":true", exp),
                        "claim 'iat' must be a number (seconds since the epoch)"),
                Arguments.of(object(iss, sub, aud, iat, exp, "\"nbf\":\"now\""),
                        "claim 'nbf' must be a number (seconds since the epoch)"),
                Arguments.of(object(iss, sub, aud, iat, "\"exp\":1e300"), "claim 'exp' is out of range"),
                Arguments.of(object(iss, sub, aud, iat, "\"exp\":99999999999999999999999"), "claim 'exp' is out of range"),
                Arguments.of(object(iss, sub, aud, iat, "\"exp\":" + (NOW_SECONDS - 10)), "claim 'exp' is before 'iat'"),
                Arguments.of(object(iss, sub, aud, iat, exp, "\"jti\":42"), "claim 'jti' must be a string"),
                Arguments.of(object(iss, sub, aud, iat, exp, "\"sid\":false"), "claim 'sid' must be a string"));
    }

    @ParameterizedTest
    @MethodSource("invalidClaims")
    void authenticateWhenRegisteredClaimHasWrongTypeThenInvalidClaim(String payload, String message) {
        AuthResult.Rejected rejected = (AuthResult.Rejected) authority.authenticate(sign(HS256_HEADER, payload));
        assertEquals(RejectionReason.INVALID_CLAIM, rejected.reason());
        assertEquals(message, rejected.message());
    }

    @Test
    void authenticateWhenTimesAreFractionalThenAccepted() {
        String payload = object("\"iss\":\"" + ISSUER + "\"", "\"sub\":\"alice\"", "\"aud\":[\"x\",\"chat\"]",
                "\"iat\":" + NOW_SECONDS + ".25", "\"exp\":" + (NOW_SECONDS + 60) + ".5");
        UserContext user = authority.verify(sign(HS256_HEADER, payload));
        assertEquals(java.time.Instant.ofEpochSecond(NOW_SECONDS + 60, 500_000_000), user.expiresAt());
    }

    // ------------------------------------------------------------------ times

    private String withTimes(long iat, long exp, String extra) {
        return sign(HS256_HEADER, object("\"iss\":\"" + ISSUER + "\"", "\"sub\":\"alice\"", "\"aud\":\"" + AUDIENCE + "\"",
                "\"iat\":" + iat, "\"exp\":" + exp) .replace("}", extra.isEmpty() ? "}" : "," + extra + "}"));
    }

    @Test
    void authenticateWhenExpiredBeyondSkewThenExpiredAndWithinSkewAccepted() {
        long skew = 60;
        assertEquals(RejectionReason.EXPIRED, reason(authority, withTimes(NOW_SECONDS - 3600, NOW_SECONDS - skew, "")));
        assertEquals(RejectionReason.EXPIRED, reason(authority, withTimes(NOW_SECONDS - 3600, NOW_SECONDS - skew - 1, "")));
        assertNull(reason(authority, withTimes(NOW_SECONDS - 3600, NOW_SECONDS - skew + 1, "")));
    }

    @Test
    void authenticateWhenSkewIsZeroThenExpiryIsExact() {
        JwtAuthority strict = authority().clockSkew(Duration.ZERO).build();
        assertEquals(RejectionReason.EXPIRED, reason(strict, withTimes(NOW_SECONDS - 60, NOW_SECONDS, "")));
        assertNull(reason(strict, withTimes(NOW_SECONDS - 60, NOW_SECONDS + 1, "")));
    }

    @Test
    void authenticateWhenNotBeforeAheadBeyondSkewThenNotYetValid() {
        assertEquals(RejectionReason.NOT_YET_VALID,
                reason(authority, withTimes(NOW_SECONDS, NOW_SECONDS + 600, "\"nbf\":" + (NOW_SECONDS + 61))));
        assertNull(reason(authority, withTimes(NOW_SECONDS, NOW_SECONDS + 600, "\"nbf\":" + (NOW_SECONDS + 60))));
    }

    @Test
    void authenticateWhenIssuedAheadBeyondSkewThenIssuedInFuture() {
        assertEquals(RejectionReason.ISSUED_IN_FUTURE, reason(authority, withTimes(NOW_SECONDS + 61, NOW_SECONDS + 600, "")));
        assertNull(reason(authority, withTimes(NOW_SECONDS + 60, NOW_SECONDS + 600, "")));
        JwtAuthority lenient = authority().clockSkew(Duration.ofMinutes(2)).build();
        assertNull(reason(lenient, withTimes(NOW_SECONDS + 61, NOW_SECONDS + 600, "")));
    }

    @Test
    void authenticateWhenLifetimeExceedsMaximumThenLifetimeTooLong() {
        long day = 24 * 3600;
        assertEquals(RejectionReason.LIFETIME_TOO_LONG, reason(authority, withTimes(NOW_SECONDS, NOW_SECONDS + day + 1, "")));
        assertNull(reason(authority, withTimes(NOW_SECONDS, NOW_SECONDS + day, "")));
        JwtAuthority shortLived = authority().maxTokenLifetime(Duration.ofHours(1)).build();
        AuthResult.Rejected rejected = (AuthResult.Rejected) shortLived.authenticate(withTimes(NOW_SECONDS, NOW_SECONDS + 3601, ""));
        assertEquals(RejectionReason.LIFETIME_TOO_LONG, rejected.reason());
        assertEquals("token lifetime (exp - iat) exceeds the maximum of PT1H", rejected.message());
    }

    // ------------------------------------------------------------------ issuer / audience

    @ParameterizedTest
    @ValueSource(strings = {"https://LOGIN.example", "https://login.example/", "https://login.example ", "login.example",
            "https://evil.example"})
    void authenticateWhenIssuerNotExactlyConfiguredThenWrongIssuer(String iss) {
        String token = sign(HS256_HEADER, claims("alice", "").replace(ISSUER, iss));
        assertEquals(RejectionReason.WRONG_ISSUER, reason(authority, token));
    }

    @Test
    void authenticateWhenAudienceSharesNoAcceptedValueThenWrongAudience() {
        assertEquals(RejectionReason.WRONG_AUDIENCE,
                reason(authority, sign(HS256_HEADER, claims("alice", "").replace("\"aud\":\"chat\"", "\"aud\":\"Chat\""))));
        assertEquals(RejectionReason.WRONG_AUDIENCE,
                reason(authority, sign(HS256_HEADER, claims("alice", "").replace("\"aud\":\"chat\"", "\"aud\":[\"billing\",\"admin\"]"))));
        assertNull(reason(authority, sign(HS256_HEADER, claims("alice", "").replace("\"aud\":\"chat\"", "\"aud\":[\"billing\",\"chat\"]"))));
    }

    @Test
    void authenticateWhenAudienceIsOneOfAdditionalAudiencesThenAccepted() {
        JwtAuthority multi = authority().additionalAudiences("billing", "agents").build();
        assertNull(reason(multi, sign(HS256_HEADER, claims("alice", "").replace("\"aud\":\"chat\"", "\"aud\":\"agents\""))));
        assertEquals(java.util.List.of("chat", "billing", "agents"), multi.audiences());
    }

    // ------------------------------------------------------------------ order of checks

    @Test
    void authenticateWhenSeveralFaultsThenTheDocumentedFirstCheckDecides() {
        // wrong issuer and expired: the issuer is checked first
        String both = withTimes(NOW_SECONDS - 7200, NOW_SECONDS - 3600, "");
        String wrongIssuerExpired = sign(HS256_HEADER, object("\"iss\":\"x\"", "\"sub\":\"a\"", "\"aud\":\"chat\"",
                "\"iat\":" + (NOW_SECONDS - 7200), "\"exp\":" + (NOW_SECONDS - 3600)));
        assertEquals(RejectionReason.EXPIRED, reason(authority, both));
        assertEquals(RejectionReason.WRONG_ISSUER, reason(authority, wrongIssuerExpired));
        // alg none with a bad kid and crit: the algorithm is checked first
        String none = b64("{\"alg\":\"none\",\"kid\":\"x\",\"crit\":[\"y\"]}") + "." + b64(claims("a", "")) + ".";
        assertEquals(RejectionReason.UNSUPPORTED_ALGORITHM, reason(authority, none));
    }
}
