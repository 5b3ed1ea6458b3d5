package dev.ssotauth.core.internal;

import java.security.spec.AlgorithmParameterSpec;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.util.Collection;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The JWS algorithms this library knows (RFC 7518 §3, RFC 8037), each bound to one key family (and,
 * for EC, one curve) and one JCA algorithm. The token path selects keys by {@link #family()}, so a
 * token can never make an HMAC check run with a public key's bytes.
 */
public enum JwsAlgorithm {
    /** HMAC with SHA-256; keys of at least 32 bytes. */
    HS256(Family.HMAC, "HmacSHA256", 32, null),
    /** HMAC with SHA-384; keys of at least 48 bytes. */
    HS384(Family.HMAC, "HmacSHA384", 48, null),
    /** HMAC with SHA-512; keys of at least 64 bytes. */
    HS512(Family.HMAC, "HmacSHA512", 64, null),
    /** RSASSA-PKCS1-v1_5 with SHA-256. */
    RS256(Family.RSA, "SHA256withRSA", 0, null),
    /** RSASSA-PKCS1-v1_5 with SHA-384. */
    RS384(Family.RSA, "SHA384withRSA", 0, null),
    /** RSASSA-PKCS1-v1_5 with SHA-512. */
    RS512(Family.RSA, "SHA512withRSA", 0, null),
    /** RSASSA-PSS with SHA-256 and MGF1 with SHA-256. */
    PS256(Family.RSA, "RSASSA-PSS", 0, "SHA-256"),
    /** RSASSA-PSS with SHA-384 and MGF1 with SHA-384. */
    PS384(Family.RSA, "RSASSA-PSS", 0, "SHA-384"),
    /** RSASSA-PSS with SHA-512 and MGF1 with SHA-512. */
    PS512(Family.RSA, "RSASSA-PSS", 0, "SHA-512"),
    /** ECDSA on P-256 with SHA-256; signatures are R || S, 32 bytes each. */
    ES256(Family.EC, "SHA256withECDSAinP1363Format", 32, "P-256"),
    /** ECDSA on P-384 with SHA-384; 48-byte R and S. */
    ES384(Family.EC, "SHA384withECDSAinP1363Format", 48, "P-384"),
    /** ECDSA on P-521 with SHA-512; 66-byte R and S. */
    ES512(Family.EC, "SHA512withECDSAinP1363Format", 66, "P-521"),
    /** EdDSA on Ed25519 (RFC 8037). */
    EdDSA(Family.OKP, "Ed25519", 32, "Ed25519");

    /** The kind of key an algorithm works with. */
    public enum Family {
        /** A shared secret. */
        HMAC,
        /** An RSA key pair. */
        RSA,
        /** An elliptic-curve key pair on a NIST curve. */
        EC,
        /** An octet key pair (Edwards curve). */
        OKP
    }

    /** {@link #values()} without a copy per call. */
    private static final JwsAlgorithm[] ALL = values();

    private final Family family;
    private final String jcaName;
    private final int size;
    private final String detail;

    JwsAlgorithm(Family family, String jcaName, int size, String detail) {
        this.family = family;
        this.jcaName = jcaName;
        this.size = size;
        this.detail = detail;
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
        return family == Family.HMAC ? size : 0;
    }

    /** For ECDSA, the length of R and of S in a signature. */
    public int coordinateBytes() {
        return size;
    }

    /** For EC and OKP, the JWK {@code crv} this algorithm is bound to; otherwise {@code null}. */
    public String curve() {
        return family == Family.EC || family == Family.OKP ? detail : null;
    }

    /** The JCA parameters the signature engine needs (PSS), or {@code null}. */
    public AlgorithmParameterSpec parameters() {
        if (jcaName.equals("RSASSA-PSS")) {
            int saltLength = detail.equals("SHA-256") ? 32 : detail.equals("SHA-384") ? 48 : 64;
            return new PSSParameterSpec(detail, "MGF1", new MGF1ParameterSpec(detail), saltLength, 1);
        }
        return null;
    }

    /**
     * Looks up an algorithm by its exact JWS name ({@code "HS256"}, {@code "EdDSA"}).
     *
     * @return the algorithm, or {@code null} for any other name
     */
    public static JwsAlgorithm fromJwsName(String name) {
        for (JwsAlgorithm algorithm : ALL) {
            if (algorithm.name().equals(name)) {
                return algorithm;
            }
        }
        return null;
    }

    /** Whether {@code name} is the unsecured algorithm {@code none}, in any letter case. */
    public static boolean isNone(String name) {
        // Only a four-character string can lower-case to "none" (no character of it has a
        // multi-character lower case), so others need no lower-cased copy.
        return name.length() == 4 && "none".equals(name.toLowerCase(Locale.ROOT));
    }

    /** The names of {@code algorithms}, sorted, as {@code [ES256, HS256]}: for messages and descriptions. */
    public static String names(Collection<JwsAlgorithm> algorithms) {
        return algorithms.stream().map(Enum::name).sorted().collect(Collectors.joining(", ", "[", "]"));
    }
}
