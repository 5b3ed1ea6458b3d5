package dev.ssotauth.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Properties over random and mutated tokens, for every algorithm: {@code authenticate} never throws,
 * never accepts a token whose signed bytes changed, and agrees with every authority of the same
 * fingerprint and policy while no other key accepts. Inputs come from seeded generators, so a failure
 * names the seed and try that reproduce it; the number of calls made, and the slowest, are printed at the
 * end (JMH measures speed; a unit test does not assert it).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
final class TokenPropertiesTest {

    private static final List<String> ALGORITHMS =
            List.of("HS256", "HS384", "HS512", "RS256", "PS256", "ES256", "ES384", "ES512", "EdDSA");
    private static final String BASE64URL = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    private static final long SEED = 20261126L;

    private final Map<String, JwtAuthority> signers = new HashMap<>();
    private final Map<String, JwtAuthority> twins = new HashMap<>();
    private final Map<String, JwtAuthority> strangers = new HashMap<>();
    private final Map<String, String> tokens = new HashMap<>();
    private final AtomicLong calls = new AtomicLong();
    private final AtomicLong slowestNanos = new AtomicLong();
    private Path dir;

    @BeforeAll
    void keys(@TempDir Path keysDir) throws Exception {
        dir = keysDir;
        byte[] secret = new byte[64];
        new Random(SEED).nextBytes(secret);
        byte[] otherSecret = secret.clone();
        otherSecret[0] ^= 1;
        for (String alg : ALGORITHMS) {
            if (alg.startsWith("HS")) {
                signers.put(alg, base().hmacSecret(secret).algorithms(alg).build());
                twins.put(alg, base().hmacSecret(secret.clone()).algorithms(alg).build());
                strangers.put(alg, base().hmacSecret(otherSecret).algorithms(alg).build());
            } else {
                TestKeys.TestKey key = TestKeys.generate(alg, "k-" + alg);
                TestKeys.TestKey other = TestKeys.generate(alg, "k-" + alg);
                JwtAuthority signer = base().signingKeys(write(alg + "-s", TestKeys.set(key.privateJwk)))
                        .algorithms(alg).build();
                signers.put(alg, signer);
                twins.put(alg, base().jwksFile(write(alg + "-p", signer.publicJwks())).algorithms(alg).build());
                strangers.put(alg, base().jwksFile(write(alg + "-o", TestKeys.set(other.publicJwk))).algorithms(alg)
                        .build());
            }
            tokens.put(alg, signers.get(alg).issue(TokenRequest.forSubject("alice").roles("user").sessionId("s1")
                    .claim("tenant", "acme").build()));
        }
    }

    @AfterAll
    void report() {
        System.out.printf("TokenPropertiesTest: %d authenticate calls on random and mutated tokens, the slowest %d ms%n",
                calls.get(), slowestNanos.get() / 1_000_000);
    }

    private static JwtAuthority.Builder base() {
        return JwtAuthority.builder().issuer(Fixtures.ISSUER).audience(Fixtures.AUDIENCE).clock(Fixtures.CLOCK);
    }

    private Path write(String name, String json) {
        return TestKeys.write(dir, name + ".json", json);
    }

    private AuthResult check(JwtAuthority authority, String token, String where) {
        calls.incrementAndGet();
        long start = System.nanoTime();
        AuthResult result = authority.authenticate(token);
        slowestNanos.accumulateAndGet(System.nanoTime() - start, Math::max);
        assertNotNull(result, where);
        return result;
    }

    private static String randomString(Random random, int maxLength) {
        int length = random.nextInt(maxLength + 1);
        StringBuilder s = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            int kind = random.nextInt(10);
            if (kind < 6) {
                s.append(BASE64URL.charAt(random.nextInt(BASE64URL.length())));
            } else if (kind < 8) {
                String punctuation = ".={}\"\\ +/\n\t";
                s.append(punctuation.charAt(random.nextInt(punctuation.length())));
            } else {
                s.appendCodePoint(random.nextInt(0x2FFFF));
            }
        }
        return s.toString();
    }

    @Test
    void authenticateWhenAnyStringThenAnswersAndNeverAccepts() {
        Random random = new Random(SEED);
        for (int i = 0; i < 5_000; i++) {
            String anything = randomString(random, 300);
            String where = "seed " + SEED + ", try " + i;
            for (String alg : List.of("HS256", "ES256")) {
                assertFalse(check(signers.get(alg), anything, where).isAuthenticated(), where);
            }
        }
    }

    @Test
    void authenticateWhenRandomThreeSegmentTokenThenNeverAccepted() {
        Random random = new Random(SEED + 1);
        for (int i = 0; i < 5_000; i++) {
            String token = segment(random) + "." + segment(random) + "." + segment(random);
            String alg = ALGORITHMS.get(random.nextInt(ALGORITHMS.size()));
            String where = "seed " + (SEED + 1) + ", try " + i + ", " + alg;
            assertFalse(check(signers.get(alg), token, where).isAuthenticated(), where);
        }
    }

    private static String segment(Random random) {
        int length = random.nextInt(400);
        StringBuilder s = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            s.append(BASE64URL.charAt(random.nextInt(BASE64URL.length())));
        }
        return s.toString();
    }

    @Test
    void authenticateWhenSignedBytesChangeThenNeverAccepted() {
        Random random = new Random(SEED + 2);
        int changed = 0;
        for (int i = 0; i < 9_000; i++) {
            String alg = ALGORITHMS.get(i % ALGORITHMS.size());
            String[] parts = tokens.get(alg).split("\\.", -1);
            int segment = random.nextInt(3);
            byte[] bytes = Base64.getUrlDecoder().decode(parts[segment]);
            byte[] mutated = mutate(bytes, random);
            if (Arrays.equals(bytes, mutated)) {
                continue;
            }
            parts[segment] = Base64.getUrlEncoder().withoutPadding().encodeToString(mutated);
            String token = String.join(".", parts);
            String where = "seed " + (SEED + 2) + ", try " + i + ", " + alg + ", segment " + segment;
            assertFalse(check(signers.get(alg), token, where).isAuthenticated(), where);
            assertFalse(check(twins.get(alg), token, where).isAuthenticated(), where);
            changed++;
        }
        assertTrue(changed > 8_000, "mutations that changed bytes: " + changed);
    }

    /** Flip a bit, insert a byte, delete a byte, or truncate. */
    private static byte[] mutate(byte[] bytes, Random random) {
        if (bytes.length == 0) {
            return new byte[] {(byte) random.nextInt(256)};
        }
        int at = random.nextInt(bytes.length);
        switch (random.nextInt(4)) {
            case 0: {
                byte[] out = bytes.clone();
                out[at] ^= (byte) (1 << random.nextInt(8));
                return out;
            }
            case 1: {
                byte[] out = new byte[bytes.length + 1];
                System.arraycopy(bytes, 0, out, 0, at);
                out[at] = (byte) random.nextInt(256);
                System.arraycopy(bytes, at, out, at + 1, bytes.length - at);
                return out;
            }
            case 2: {
                byte[] out = new byte[bytes.length - 1];
                System.arraycopy(bytes, 0, out, 0, at);
                System.arraycopy(bytes, at + 1, out, at, bytes.length - at - 1);
                return out;
            }
            default:
                return Arrays.copyOf(bytes, at);
        }
    }

    @Test
    void authenticateWhenSameFingerprintAndPolicyThenSameAnswerAndOtherKeysNever() {
        Random random = new Random(SEED + 3);
        for (int i = 0; i < 450; i++) {
            String alg = ALGORITHMS.get(i % ALGORITHMS.size());
            String subject = randomString(random, 64);
            if (subject.isBlank() || subject.length() > 1024 || hasLoneSurrogate(subject)) {
                subject = "user-" + i;
            }
            String where = "seed " + (SEED + 3) + ", try " + i + ", " + alg;
            JwtAuthority signer = signers.get(alg);
            String token = signer.issue(TokenRequest.forSubject(subject).build());
            assertEquals(signer.fingerprint(), twins.get(alg).fingerprint(), where);
            assertNotEquals(signer.fingerprint(), strangers.get(alg).fingerprint(), where);
            AuthResult mine = check(signer, token, where);
            AuthResult twin = check(twins.get(alg), token, where);
            assertTrue(mine.isAuthenticated() && twin.isAuthenticated(), where);
            assertEquals(((AuthResult.Authenticated) mine).user(), ((AuthResult.Authenticated) twin).user(), where);
            assertEquals(subject, ((AuthResult.Authenticated) twin).user().subject(), where);
            assertFalse(check(strangers.get(alg), token, where).isAuthenticated(), where);
        }
    }

    private static boolean hasLoneSurrogate(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1))) {
                    return true;
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return true;
            }
        }
        return false;
    }
}
