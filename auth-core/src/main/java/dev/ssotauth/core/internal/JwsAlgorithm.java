package dev.ssotauth.core.internal;

import java.util.Locale;

/**
 * The JWS algorithms this library knows, each bound to one key family and one JCA algorithm.
 * Asymmetric families join this enum; the token path selects keys by {@link #family()}.
 */
public enum JwsAlgorithm {
    /** HMAC with SHA-256 (RFC 7518 §3.2); keys of at least 32 bytes. */
    HS256(Family.HMAC, "HmacSHA256", 32),
    /** HMAC with SHA-384; keys of at least 48 bytes. */
    HS384(Family.HMAC, "HmacSHA384", 48),
    /** HMAC with SHA-512; keys of at least 64 bytes. */
    HS512(Family.HMAC, "HmacSHA512", 64);

    /** The kind of key an algorithm works with. */
    public enum Family {
        /** A shared secret. */
        HMAC
    }

    private final Family family;
    private final String jcaName;
    private final int minKeyBytes;

    JwsAlgorithm(Family family, String jcaName, int minKeyBytes) {
        this.family = family;
        this.jcaName = jcaName;
        this.minKeyBytes = minKeyBytes;
    }

    /** The key family. */
    public Family family() {
        return family;
    }

    /** The JCA name of the MAC or signature algorithm. */
    public String jcaName() {
        return jcaName;
    }

    /** For HMAC, the shortest key accepted (the hash size, RFC 7518 §3.2). */
    public int minKeyBytes() {
        return minKeyBytes;
    }

    /**
     * Looks up an algorithm by its exact JWS name ({@code "HS256"}).
     *
     * @return the algorithm, or {@code null} for any other name
     */
    public static JwsAlgorithm fromJwsName(String name) {
        switch (name) {
            case "HS256":
                return HS256;
            case "HS384":
                return HS384;
            case "HS512":
                return HS512;
            default:
                return null;
        }
    }

    /** Whether {@code name} is the unsecured algorithm {@code none}, in any letter case. */
    public static boolean isNone(String name) {
        return "none".equals(name.toLowerCase(Locale.ROOT));
    }
}
