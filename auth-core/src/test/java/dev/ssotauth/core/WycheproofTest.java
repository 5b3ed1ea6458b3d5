package dev.ssotauth.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.ssotauth.core.internal.Json;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every case of Project Wycheproof's {@code json_web_signature_test.json} (401 cases, every algorithm)
 * through the JWS-level path, and every key of {@code json_web_key_test.json} at configuration time.
 * The files are Apache-2.0, copied with their licence under {@code src/test/resources/wycheproof}.
 */
final class WycheproofTest {

    /**
     * Expected results that this copy of the data cannot have, each explained:
     * 367, 370 are byte-for-byte the valid token of 357; 372, 373 contain '?', outside base64url;
     * 346, 350 (RFC 7520 figure 20) sign with PS384 under a key whose alg is PS256; 347, 351 (RFC 7520
     * figure 27) use a key whose alg is "ES521", which is no JWS algorithm (ES512 is).
     */
    private static final Map<Integer, Boolean> DATA_QUIRKS = Map.of(367, true, 370, true, 372, false, 373, false,
            346, false, 350, false, 347, false, 351, false);

    @TempDir
    Path dir;

    private static Map<String, Object> load(String name) throws IOException, Json.JsonException {
        try (InputStream in = WycheproofTest.class.getResourceAsStream("/wycheproof/" + name)) {
            assertNotNull(in, name);
            return Json.parseObject(in.readAllBytes());
        }
    }

    private static String json(Object value) {
        StringBuilder out = new StringBuilder();
        Json.write(out, value);
        return out.toString();
    }

    /** An authority trusting {@code key} (a JWK), or the configuration error it gets. */
    private Object authorityFor(Map<?, ?> key) {
        try {
            JwtAuthority.Builder builder = JwtAuthority.builder().issuer("wycheproof").audience("wycheproof");
            Object alg = key.get("alg");
            if ("oct".equals(key.get("kty"))) {
                builder.hmacSecret(Base64.getUrlDecoder().decode((String) key.get("k")));
                if (key.get("kid") != null) {
                    builder.hmacKeyId((String) key.get("kid"));
                }
            } else {
                Path file = TestKeys.write(dir, "k" + System.nanoTime() + ".json", "{\"keys\":[" + json(key) + "]}");
                builder.jwksFile(file);
            }
            if (alg instanceof String && dev.ssotauth.core.internal.JwsAlgorithm.fromJwsName((String) alg) != null) {
                builder.algorithms((String) alg);
            } else if (!"oct".equals(key.get("kty"))) {
                builder.algorithms("RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512", "EdDSA");
            }
            return builder.build();
        } catch (IllegalArgumentException e) { // AuthConfigurationException is one
            return e;
        }
    }

    @TestFactory
    Stream<DynamicTest> everyJwsCaseAgreesWithItsExpectedResult() throws Exception {
        List<DynamicTest> tests = new ArrayList<>();
        int count = 0;
        for (Object g : (List<?>) load("json_web_signature_test.json").get("testGroups")) {
            Map<?, ?> group = (Map<?, ?>) g;
            Map<?, ?> key = (Map<?, ?>) (group.get("public") != null ? group.get("public") : group.get("private"));
            Object authority = authorityFor(key);
            for (Object t : (List<?>) group.get("tests")) {
                Map<?, ?> test = (Map<?, ?>) t;
                count++;
                int id = ((Long) test.get("tcId")).intValue();
                String token = test.get("jws") instanceof String ? (String) test.get("jws") : json(test.get("jws"));
                boolean valid = DATA_QUIRKS.getOrDefault(id, "valid".equals(test.get("result")));
                tests.add(DynamicTest.dynamicTest("tcId " + id + " " + group.get("comment") + " " + test.get("comment")
                        + " → " + (valid ? "valid" : "invalid"), () -> {
                    if (!(authority instanceof JwtAuthority)) {
                        if (valid) {
                            fail("the key of a valid case was refused: " + ((Exception) authority).getMessage());
                        }
                        return; // an unusable key refuses every token
                    }
                    String outcome;
                    try {
                        ((JwtAuthority) authority).verifySignatureOnly(token);
                        outcome = "accepted";
                    } catch (Rejection r) {
                        outcome = r.reason().name();
                    }
                    String seen = outcome;
                    assertEquals(valid, outcome.equals("accepted"), () -> "outcome: " + seen);
                }));
            }
        }
        assertEquals(401, count);
        return tests.stream();
    }

    @TestFactory
    Stream<DynamicTest> everyInvalidKeyIsRefusedAtConfigurationTime() throws Exception {
        List<DynamicTest> tests = new ArrayList<>();
        for (Object g : (List<?>) load("json_web_key_test.json").get("testGroups")) {
            Map<?, ?> group = (Map<?, ?>) g;
            for (Object t : (List<?>) group.get("tests")) {
                Map<?, ?> test = (Map<?, ?>) t;
                int id = ((Long) test.get("tcId")).intValue();
                boolean valid = "valid".equals(test.get("result"));
                String jws = (String) test.get("jws");
                tests.add(DynamicTest.dynamicTest("tcId " + id + " " + group.get("comment") + " " + test.get("comment"),
                        () -> check(group, id, valid, jws)));
            }
        }
        assertEquals(26, tests.size());
        return tests.stream();
    }

    private void check(Map<?, ?> group, int id, boolean valid, String jws) {
        Map<?, ?> privateSet = (Map<?, ?>) group.get("private");
        Map<?, ?> publicSet = (Map<?, ?>) group.get("public");
        Path signing = TestKeys.write(dir, "s" + id + ".json", json(privateSet));
        Object signer = build(JwtAuthority.builder().signingKeys(signing));
        Object verifier = publicSet == null ? null
                : build(JwtAuthority.builder().jwksFile(TestKeys.write(dir, "p" + id + ".json", json(publicSet))));
        boolean symmetric = json(privateSet).contains("\"kty\":\"oct\"");
        if (symmetric) {
            // JWK Sets never carry secrets here: valid or not, a set with an oct key is refused,
            // and a secret is configured as JWT_SECRET_KEY instead.
            assertTrue(signer instanceof AuthConfigurationException, "tcId " + id);
            assertTrue(((Exception) signer).getMessage().contains("symmetric (oct) keys are never taken from a JWK Set"));
            return;
        }
        if (!valid) {
            assertTrue(signer instanceof AuthConfigurationException, "signing set of tcId " + id + " was accepted");
            assertTrue(verifier == null || verifier instanceof AuthConfigurationException,
                    "public set of tcId " + id + " was accepted");
            return;
        }
        assertTrue(verifier instanceof JwtAuthority, () -> "valid public set refused: " + verifier);
        assertTrue(signer instanceof JwtAuthority, () -> "valid signing set refused: " + signer);
        assertThrows(Rejection.class, () -> ((JwtAuthority) verifier).verifySignatureOnly(jws + "x"));
        try {
            ((JwtAuthority) verifier).verifySignatureOnly(jws);
        } catch (Rejection r) {
            fail("valid token rejected: " + r.reason());
        }
    }

    private static Object build(JwtAuthority.Builder builder) {
        try {
            return builder.algorithms("RS256", "PS256", "ES256", "EdDSA").issuer("w").audience("w").build();
        } catch (AuthConfigurationException e) {
            return e;
        }
    }

    /** Keeps the set of quirks honest: each is a real case id. */
    @TestFactory
    Stream<DynamicTest> quirksNameRealCases() throws Exception {
        Set<Integer> ids = new java.util.HashSet<>();
        for (Object g : (List<?>) load("json_web_signature_test.json").get("testGroups")) {
            for (Object t : (List<?>) ((Map<?, ?>) g).get("tests")) {
                ids.add(((Long) ((Map<?, ?>) t).get("tcId")).intValue());
            }
        }
        return DATA_QUIRKS.keySet().stream().map(id -> DynamicTest.dynamicTest("quirk " + id,
                () -> assertTrue(ids.contains(id))));
    }
}
