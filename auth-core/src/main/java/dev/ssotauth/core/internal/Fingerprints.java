package dev.ssotauth.core.internal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Fingerprints that identify a secret or a configured value without revealing it: the first 8
 * bytes, in hex, of HMAC-SHA-256 keyed with the value over a fixed label. That is neither the value
 * nor a plain hash of it, and equal values (in any encoding, since it works on decoded bytes) give
 * equal fingerprints. Stateless and thread-safe.
 */
public final class Fingerprints {

    private static final byte[] LABEL = "ssot-auth key fingerprint v1".getBytes(StandardCharsets.US_ASCII);

    private Fingerprints() {
    }

    /** The fingerprint of {@code material}; {@code "(empty)"} for no bytes. */
    public static String of(byte[] material) {
        if (material.length == 0) {
            return "(empty)";
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(material, "HmacSHA256"));
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

    /** The fingerprint of a configured text value, over its UTF-8 bytes. */
    public static String of(String value) {
        return of(value.getBytes(StandardCharsets.UTF_8));
    }
}
