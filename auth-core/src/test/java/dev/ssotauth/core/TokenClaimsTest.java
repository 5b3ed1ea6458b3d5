package dev.ssotauth.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ssotauth.core.internal.Json;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The claims read in one pass give what the general parser and the claims policy gave: the same
 * documents refused (duplicates included, wherever they are), the same values, and each accessor
 * the same rejection.
 */
final class TokenClaimsTest {

    private static final String ISSUER = "https://login.example";
    private static final String BASE = "\"iss\":\"" + ISSUER + "\",\"sub\":\"alice\",\"aud\":\"chat\",\"iat\":1767225600,"
            + "\"exp\":1767226200";

    private static TokenClaims read(String json) throws Rejection {
        return TokenClaims.read(json.getBytes(StandardCharsets.UTF_8), ISSUER, Set.of("chat"));
    }

    private static TokenClaims claims(String extra) throws Rejection {
        return read("{" + BASE + (extra.isEmpty() ? "" : "," + extra) + "}");
    }

    private static Rejection rejection(String json) {
        return assertThrows(Rejection.class, () -> read(json));
    }

    private static Rejection rejection(Executable accessor) {
        return assertThrows(Rejection.class, accessor::run);
    }

    @FunctionalInterface
    private interface Executable {
        void run() throws Rejection;
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "[]", "\"x\"", "{", "{}x", "{\"iss\":1,}", "{\"a\":1 \"b\":2}", "{\"a\":01}",
        "{\"iss\":\"a\",\"iss\":\"a\"}", "{\"exp\":1,\"exp\":1}", "{\"roles\":[],\"roles\":[]}", "{\"sub\":null,\"sub\":\"a\"}",
        "{\"\\u0069ss\":\"a\",\"iss\":\"a\"}", "{\"x\":1,\"x\":2}", "{\"x\":null,\"x\":null}",
        "{\"a\":1,\"b\":2,\"c\":3,\"d\":4,\"e\":5,\"f\":6,\"g\":7,\"h\":8,\"i\":9,\"j\":10,\"a\":11}",
        "{\"a\":1,\"b\":2,\"c\":3,\"d\":4,\"e\":5,\"f\":6,\"g\":7,\"h\":8,\"i\":9,\"i\":10}",
        "{\"x\":{\"y\":1,\"y\":2}}", "{\"roles\":[\"a\",{\"y\":1,\"y\":2}]}", "{\"aud\":[\"a\",\"b\"c]}",
        "{\"roles\":[\"a\" \"b\"]}", "{\"exp\":1.}", "{\"exp\":-}", "{\"iss\":\"\t\"}"})
    void readWhenThePayloadIsNotOneAcceptableJsonObjectThenMalformed(String json) {
        Rejection rejection = rejection(json);

        assertEquals(RejectionReason.MALFORMED, rejection.reason());
        assertEquals("token payload is not a valid JSON object", rejection.getMessage());
    }

    @Test
    void readWhenAClaimIsDuplicatedAfterAnotherErrorWouldApplyThenStillMalformed() {
        // The whole document is read before any claim is checked: no MISSING_CLAIM, no INVALID_CLAIM.
        assertEquals(RejectionReason.MALFORMED, rejection("{\"sub\":5,\"x\":1,\"x\":1}").reason());
        assertEquals(RejectionReason.MALFORMED, rejection("{\"iss\":\"a\",\"iss\":\"a\"").reason());
    }

    @Test
    void issuerWhenTheConfiguredIssuerThenThatInstance() throws Exception {
        assertSame(ISSUER, claims("").issuer());
        assertEquals(ISSUER, read("{\"iss\":\"https:\\/\\/login.example\"}").issuer());
    }

    @Test
    void audienceWhenTheOnlyConfiguredAudienceThenThatInstanceAlone() throws Exception {
        String configured = new String("chat".toCharArray());
        TokenClaims claims = TokenClaims.read("{\"aud\":\"chat\"}".getBytes(StandardCharsets.UTF_8), ISSUER,
                Set.of(configured));

        Set<String> audience = claims.audience();

        assertEquals(Set.of("chat"), audience);
        assertSame(configured, audience.iterator().next());
    }

    @Test
    void audienceWhenAnArrayThenInOrderWithoutDuplicates() throws Exception {
        Set<String> audience = read("{\"aud\":[\"x\",\"chat\",\"x\",\"y\"]}").audience();

        assertEquals(List.of("x", "chat", "y"), List.copyOf(audience));
        assertThrows(UnsupportedOperationException.class, () -> audience.add("z"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "[]            | claim 'aud' must be a string or a non-empty array of strings",
        "5             | claim 'aud' must be a string or a non-empty array of strings",
        "{}            | claim 'aud' must be a string or a non-empty array of strings",
        "true          | claim 'aud' must be a string or a non-empty array of strings",
        "[\"chat\",1]  | claim 'aud' must be a string or an array of strings",
        "[null]        | claim 'aud' must be a string or an array of strings",
        "[[\"chat\"]]  | claim 'aud' must be a string or an array of strings",
    })
    void audienceWhenNotAStringOrANonEmptyArrayOfStringsThenInvalidClaim(String aud, String message) throws Exception {
        TokenClaims claims = read("{\"aud\":" + aud + "}");

        Rejection rejection = rejection(claims::audience);

        assertEquals(RejectionReason.INVALID_CLAIM, rejection.reason());
        assertEquals(message, rejection.getMessage());
    }

    @Test
    void rolesWhenAnArrayThenInOrderWithoutDuplicatesWhateverItsLength() throws Exception {
        assertEquals(List.of("b", "a", "c"), List.copyOf(claims("\"roles\":[\"b\",\"a\",\"b\",\"c\",\"a\"]").rolesOrNull()));
        assertEquals(List.of(), List.copyOf(claims("\"roles\":[]").rolesOrNull()));
        assertEquals(List.of(), List.copyOf(claims("\"roles\":null").rolesOrNull()));
        assertEquals(List.of(), List.copyOf(claims("").rolesOrNull()));
        assertEquals(List.of("\u00e9", "\ud83d\ude00", "a\"b"),
                List.copyOf(claims("\"roles\":[\"\\u00e9\",\"\ud83d\ude00\",\"a\\\"b\"]").rolesOrNull()));
        StringBuilder many = new StringBuilder("\"roles\":[");
        for (int i = 0; i < 20; i++) {
            many.append(i == 0 ? "" : ",").append("\"r").append(i % 12).append('"');
        }
        List<String> expected = List.of("r0", "r1", "r2", "r3", "r4", "r5", "r6", "r7", "r8", "r9", "r10", "r11");
        assertEquals(expected, List.copyOf(claims(many.append(']').toString()).rolesOrNull()));
    }

    @Test
    void rolesWhenOneStringThenItsSpaceSeparatedValues() throws Exception {
        assertEquals(List.of("admin", "user"), List.copyOf(claims("\"roles\":\" admin  user admin\"").rolesOrNull()));
        assertEquals(List.of(), List.copyOf(claims("\"roles\":\"  \"").rolesOrNull()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"5", "{}", "[\"a\",1]", "[1,\"a\"]", "[null]", "[[\"a\"]]", "true"})
    void rolesWhenNeitherAnArrayOfStringsNorAStringThenNullForTheCallerToWarn(String roles) throws Exception {
        assertEquals(null, claims("\"roles\":" + roles).rolesOrNull());
    }

    @ParameterizedTest
    @CsvSource({
        "1767226200,                1767226200, 0",
        "0,                         0,          0",
        "-0,                        0,          0",
        "1767226200.5,              1767226200, 500000000",
        "1767226200.123456789999,   1767226200, 123456789",
        "-1.25,                     -2,         750000000",
        "1.7672262E9,               1767226200, 0",
        "17672262000e-1,            1767226200, 0",
        "0001,                      -1,         -1",
        "1234567890123456789,       -1,         -1",
        "253402300799,              253402300799, 0",
        "253402300799.000000001,    -1,         -1",
        "253402300798.999999999,    253402300798, 999999999",
        "-253402300799,             -253402300799, 0",
        "-253402300799.000000001,   -1,         -1",
        "2.53402300799E11,          253402300799, 0",
        "0.0000000001,              0,          0",
        "0.000000001,               0,          1",
        "-0.0000000001,             -1,         999999999",
        "1e-999999999,              0,          0",
        "-1e-2147483647,            -1,         999999999",
        "0e-2147483647,             0,          0",
        "1E-1000000,                0,          0",
        "1e2147483647,              -1,         -1",
    })
    void expiresAtWhenANumberInAnyJsonFormThenTheInstantOrOutOfRange(String exp, long seconds, int nanos)
            throws Exception {
        if (exp.equals("0001")) {
            assertEquals(RejectionReason.MALFORMED, rejection("{\"exp\":0001}").reason()); // leading zeros
            return;
        }
        TokenClaims claims = read("{\"exp\":" + exp + "}");
        if (seconds == -1 && nanos == -1) {
            Rejection rejection = rejection(claims::expiresAt);
            assertEquals("claim 'exp' is out of range", rejection.getMessage());
            return;
        }

        assertEquals(Instant.ofEpochSecond(seconds, nanos), claims.expiresAt());
    }

    @ParameterizedTest
    @ValueSource(strings = {"253402300800", "-253402300800", "253402300799.9999999999e0", "1e400", "9223372036854775807",
        "-9223372036854775808", "9223372036854775808", "99999999999999999999999"})
    void issuedAtWhenBeyondYear9999ThenOutOfRange(String iat) throws Exception {
        TokenClaims claims = read("{\"iat\":" + iat + "}");

        Rejection rejection = rejection(claims::issuedAt);

        assertEquals(RejectionReason.INVALID_CLAIM, rejection.reason());
        assertEquals("claim 'iat' is out of range", rejection.getMessage());
    }

    @Test
    void notBeforeWhenAbsentNullOrNotANumberThenNullOrInvalidClaim() throws Exception {
        assertNull(claims("").notBefore());
        assertEquals("claim 'nbf' must be a number (seconds since the epoch)",
                rejection(claims("\"nbf\":null")::notBefore).getMessage());
        assertEquals("claim 'nbf' must be a number (seconds since the epoch)",
                rejection(claims("\"nbf\":\"1767226200\"")::notBefore).getMessage());
        assertEquals(Instant.ofEpochSecond(1767226200, 250_000_000), claims("\"nbf\":1767226200.25").notBefore());
    }

    @Test
    void requireRegisteredWhenAbsentOrNullThenMissingClaimInTheDocumentedOrder() throws Exception {
        assertEquals("required claim 'iss' is missing", rejection(read("{}")::requireRegistered).getMessage());
        assertEquals("required claim 'iss' is missing",
                rejection(read("{\"exp\":null,\"iss\":null}")::requireRegistered).getMessage());
        assertEquals("required claim 'aud' is missing",
                rejection(read("{\"exp\":null,\"iss\":1,\"sub\":1}")::requireRegistered).getMessage());
        assertEquals("required claim 'iat' is missing",
                rejection(read("{\"iss\":1,\"sub\":1,\"aud\":1,\"exp\":\"x\"}")::requireRegistered).getMessage());
    }

    @Test
    void stringClaimsWhenNotStringsThenInvalidClaim() throws Exception {
        assertEquals("claim 'iss' must be a string", rejection(read("{\"iss\":[\"a\"]}")::issuer).getMessage());
        assertEquals("claim 'sub' must be a string", rejection(read("{\"sub\":1}")::subject).getMessage());
        assertEquals("claim 'sub' must not be empty", rejection(read("{\"sub\":\"\"}")::subject).getMessage());
        assertEquals("claim 'jti' must be a string", rejection(read("{\"jti\":{}}")::tokenId).getMessage());
        assertEquals("claim 'sid' must be a string", rejection(read("{\"sid\":false}")::sessionId).getMessage());
        assertNull(read("{\"jti\":null}").tokenId());
        assertNull(read("{}").sessionId());
        assertEquals("\u00e9\ud83d\ude00\n", read("{\"sub\":\"\\u00e9\\ud83d\\ude00\\n\"}").subject());
    }

    @Test
    void extraClaimsWhenOtherClaimsThenFrozenInTokenOrderWithoutNulls() throws Exception {
        Map<String, Object> extra = claims("\"z\":1,\"scope\":\"a b\",\"n\":null,\"\\u0069ss2\":true,"
                + "\"o\":{\"x\":null,\"y\":[1,null,{\"z\":null}]},\"big\":123456789012345678901,\"d\":-1.5e-3,"
                + "\"roles\":[\"r\"],\"sid\":\"s\",\"jti\":\"j\",\"nbf\":1767225600").extraClaims();

        assertEquals(List.of("z", "scope", "iss2", "o", "big", "d"), List.copyOf(extra.keySet()));
        assertEquals(1L, extra.get("z"));
        assertEquals(Map.of("y", List.of(1L, Map.of())), extra.get("o"));
        assertEquals(new BigInteger("123456789012345678901"), extra.get("big"));
        assertEquals(new BigDecimal("-1.5e-3"), extra.get("d"));
        assertThrows(UnsupportedOperationException.class, () -> extra.put("x", 1));
        @SuppressWarnings("unchecked")
        Map<String, Object> nested = (Map<String, Object>) extra.get("o");
        assertThrows(UnsupportedOperationException.class, () -> nested.put("x", 1));
        assertTrue(claims("\"n\":null").extraClaims().isEmpty());
    }

    @Test
    void extraClaimsWhenMoreThanEightThenAllInTokenOrder() throws Exception {
        StringBuilder members = new StringBuilder();
        for (int i = 0; i < 30; i++) {
            members.append(i == 0 ? "" : ",").append("\"c").append(29 - i).append("\":").append(i);
        }

        Map<String, Object> extra = claims(members.toString()).extraClaims();

        assertEquals(30, extra.size());
        assertEquals("c29", extra.keySet().iterator().next());
        assertEquals(29L, extra.get("c0"));
        assertThrows(UnsupportedOperationException.class, () -> extra.remove("c0"));
    }

    @Test
    void readWhenWhitespaceEverywhereThenTheSameClaims() throws Exception {
        TokenClaims claims = read(" \n{ \"iss\" :\t\"" + ISSUER + "\" , \"roles\" : [ \"a\" , \"b\" ] ,\r\"exp\" : 5 ,"
                + " \"x\" : [ ] } \n");

        assertSame(ISSUER, claims.issuer());
        assertEquals(List.of("a", "b"), List.copyOf(claims.rolesOrNull()));
        assertEquals(Instant.ofEpochSecond(5), claims.expiresAt());
        assertEquals(Map.of("x", List.of()), claims.extraClaims());
    }

    @Test
    void readWhenTheSamePayloadThenTheSameValuesAsTheGeneralParser() throws Exception {
        String json = "{" + BASE + ",\"jti\":\"id-1\",\"roles\":[\"user\",\"admin\"],\"sid\":\"s-1\","
                + "\"name\":\"Al\\u00efce\",\"n\":[1,2.5,\"x\",false]}";
        Map<String, Object> parsed = Json.parseObject(json.getBytes(StandardCharsets.UTF_8));

        TokenClaims claims = read(json);

        assertEquals(parsed.get("sub"), claims.subject());
        assertEquals(parsed.get("jti"), claims.tokenId());
        assertEquals(parsed.get("sid"), claims.sessionId());
        assertEquals(parsed.get("roles"), List.copyOf(claims.rolesOrNull()));
        assertEquals(Instant.ofEpochSecond((Long) parsed.get("exp")), claims.expiresAt());
        assertEquals(Instant.ofEpochSecond((Long) parsed.get("iat")), claims.issuedAt());
        assertEquals(Map.of("name", parsed.get("name"), "n", parsed.get("n")), claims.extraClaims());
    }
}
