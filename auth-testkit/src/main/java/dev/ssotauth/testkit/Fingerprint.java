package dev.ssotauth.testkit;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Identifies a secret in a message without revealing it: the first 8 bytes, in hex, of HMAC-SHA-256
 * keyed with the secret over a fixed label. That is neither the secret nor a plain hash of it. The
 * derivation is the one core documents for {@code JwtAuthority.fingerprint()} and its configuration
 * messages, so a fingerprint in a testkit failure can be matched against a start-up log; a test
 * checks that the two agree. Stateless.
 */
final class Fingerprint {

    private static final byte[] LABEL = "ssot-auth key fingerprint v1".getBytes(StandardCharsets.US_ASCII);

    private Fingerprint() {
    }

    static String of(byte[] secret) {
        if (secret.length == 0) {
            return "(empty)";
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            byte[] digest = mac.doFinal(LABEL);
            StringBuilder hex = new StringBuilder(16);
            for (int i = 0; i < 8; i++) {
                hex.append(Character.forDigit(digest[i] >> 4 & 0xf, 16)).append(Character.forDigit(digest[i] & 0xf, 16));
            }
            return hex.toString();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available in this JVM", e);
        }
    }
}
