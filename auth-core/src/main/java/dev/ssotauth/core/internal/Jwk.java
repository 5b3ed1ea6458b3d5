package dev.ssotauth.core.internal;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPrivateKeySpec;
import java.security.spec.ECPublicKeySpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPrivateCrtKeySpec;
import java.security.spec.RSAPrivateKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One asymmetric JSON Web Key (RFC 7517, 7518 §6, 8037), checked and converted once to JCA keys.
 * Refuses what would be unsafe to trust: RSA under 2048 bits, a public exponent that is even or
 * below 3, keys with the ROCA weakness, EC points not on their curve, coordinates of the wrong size,
 * an {@code alg} that does not fit the key, and private keys that do not match their public keys.
 * Immutable.
 */
public final class Jwk {

    /** Why a JWK cannot be used; the message names members, never key material. */
    public static final class InvalidKeyException extends Exception {
        private static final long serialVersionUID = 1L;

        InvalidKeyException(String message) {
            super(message, null, false, false);
        }
    }

    private static final Set<String> PRIVATE_MEMBERS = Set.of("d", "p", "q", "dp", "dq", "qi", "oth", "k");
    private static final byte[] ED25519_SPKI = {0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00};
    private static final byte[] ED25519_PKCS8 = {0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70,
        0x04, 0x22, 0x04, 0x20};

    private final String keyId;
    private final JwsAlgorithm.Family family;
    private final String curve;
    private final JwsAlgorithm declaredAlgorithm;
    private final PublicKey publicKey;
    private final PrivateKey privateKey;
    private final String thumbprint;
    private final Map<String, String> publicMembers;

    private Jwk(String keyId, JwsAlgorithm.Family family, String curve, JwsAlgorithm declaredAlgorithm,
            PublicKey publicKey, PrivateKey privateKey, String thumbprint, Map<String, String> publicMembers) {
        this.keyId = keyId;
        this.family = family;
        this.curve = curve;
        this.declaredAlgorithm = declaredAlgorithm;
        this.publicKey = publicKey;
        this.privateKey = privateKey;
        this.thumbprint = thumbprint;
        this.publicMembers = publicMembers;
    }

    /** Whether the JSON object has any private member ({@code d}, {@code k}, …). */
    public static boolean hasPrivateMembers(Map<String, Object> json) {
        for (String member : PRIVATE_MEMBERS) {
            if (json.containsKey(member)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether the key is meant for signatures: {@code use}, when present, is {@code sig};
     * {@code key_ops}, when present, names {@code sign} for a signing key, {@code verify} for a
     * verification key; {@code alg}, when present, is an asymmetric JWS algorithm this library knows.
     */
    public static boolean isForSignatures(Map<String, Object> json, boolean signing) {
        Object use = json.get("use");
        if (use != null && !"sig".equals(use)) {
            return false;
        }
        Object ops = json.get("key_ops");
        if (ops != null && !(ops instanceof List && ((List<?>) ops).contains(signing ? "sign" : "verify"))) {
            return false;
        }
        Object alg = json.get("alg");
        return alg == null || alg instanceof String && JwsAlgorithm.fromJwsName((String) alg) != null
                && JwsAlgorithm.fromJwsName((String) alg).family() != JwsAlgorithm.Family.HMAC;
    }

    /**
     * Parses and checks one JWK.
     *
     * @param json        the JWK object
     * @param withPrivate whether the private part is required (signing keys) or forbidden
     * @throws InvalidKeyException when the key is unusable or unsafe
     */
    public static Jwk parse(Map<String, Object> json, boolean withPrivate) throws InvalidKeyException {
        String kty = text(json, "kty", true);
        String kid = text(json, "kid", false);
        if (kid != null && kid.isEmpty()) {
            throw new InvalidKeyException("kid must not be empty");
        }
        if (hasPrivateMembers(json) != withPrivate) {
            throw new InvalidKeyException(withPrivate ? "a signing key must include its private part"
                    : "a private key was given where only public keys are expected");
        }
        if (!isForSignatures(json, withPrivate)) {
            throw new InvalidKeyException("the key is not meant for signatures (use, key_ops or alg)");
        }
        String alg = text(json, "alg", false);
        JwsAlgorithm declared = alg == null ? null : JwsAlgorithm.fromJwsName(alg);
        try {
            switch (kty) {
                case "RSA":
                    return rsa(json, kid, declared, withPrivate);
                case "EC":
                    return ec(json, kid, declared, withPrivate);
                case "OKP":
                    return okp(json, kid, declared, withPrivate);
                case "oct":
                    throw new InvalidKeyException("symmetric (oct) keys are never taken from a JWK Set; configure an "
                            + "HMAC secret as JWT_SECRET_KEY instead");
                default:
                    throw new InvalidKeyException("kty must be RSA, EC or OKP");
            }
        } catch (GeneralSecurityException e) {
            throw new InvalidKeyException("the " + kty + " key is not valid");
        }
    }

    private static Jwk rsa(Map<String, Object> json, String kid, JwsAlgorithm declared, boolean withPrivate)
            throws InvalidKeyException, GeneralSecurityException {
        if (declared != null && declared.family() != JwsAlgorithm.Family.RSA) {
            throw new InvalidKeyException("alg " + declared + " does not fit an RSA key");
        }
        String nText = text(json, "n", true);
        String eText = text(json, "e", true);
        BigInteger n = unsigned(nText, "n");
        BigInteger e = unsigned(eText, "e");
        if (n.bitLength() < 2048) {
            throw new InvalidKeyException("RSA keys must have at least 2048 bits; this one has " + n.bitLength());
        }
        if (!e.testBit(0) || e.compareTo(BigInteger.valueOf(3)) < 0 || e.compareTo(n) >= 0) {
            throw new InvalidKeyException("the RSA public exponent must be odd and at least 3");
        }
        if (RocaCheck.isVulnerable(n)) {
            throw new InvalidKeyException("the RSA key has the ROCA weakness (CVE-2017-15361); generate a new one");
        }
        KeyFactory factory = KeyFactory.getInstance("RSA");
        PublicKey publicKey = factory.generatePublic(new RSAPublicKeySpec(n, e));
        PrivateKey privateKey = null;
        if (withPrivate) {
            BigInteger d = unsigned(text(json, "d", true), "d");
            if (json.containsKey("p")) {
                privateKey = factory.generatePrivate(new RSAPrivateCrtKeySpec(n, e, d,
                        unsigned(text(json, "p", true), "p"), unsigned(text(json, "q", true), "q"),
                        unsigned(text(json, "dp", true), "dp"), unsigned(text(json, "dq", true), "dq"),
                        unsigned(text(json, "qi", true), "qi")));
            } else {
                privateKey = factory.generatePrivate(new RSAPrivateKeySpec(n, d));
            }
        }
        Map<String, String> members = new LinkedHashMap<>();
        members.put("e", eText);
        members.put("kty", "RSA");
        members.put("n", nText);
        return finish(kid, JwsAlgorithm.Family.RSA, null, declared, publicKey, privateKey, members);
    }

    private static Jwk ec(Map<String, Object> json, String kid, JwsAlgorithm declared, boolean withPrivate)
            throws InvalidKeyException, GeneralSecurityException {
        String crv = text(json, "crv", true);
        JwsAlgorithm bound = null;
        for (JwsAlgorithm algorithm : JwsAlgorithm.values()) {
            if (algorithm.family() == JwsAlgorithm.Family.EC && crv.equals(algorithm.curve())) {
                bound = algorithm;
            }
        }
        if (bound == null) {
            throw new InvalidKeyException("EC keys must be on P-256, P-384 or P-521");
        }
        if (declared != null && declared != bound) {
            throw new InvalidKeyException("alg " + declared + " does not fit an EC key on " + crv);
        }
        String xText = text(json, "x", true);
        String yText = text(json, "y", true);
        byte[] x = bytes(xText, "x");
        byte[] y = bytes(yText, "y");
        if (x.length != bound.coordinateBytes() || y.length != bound.coordinateBytes()) {
            throw new InvalidKeyException("EC coordinates on " + crv + " must be " + bound.coordinateBytes() + " bytes");
        }
        ECParameterSpec params = EcCurves.parameters(crv);
        ECPoint point = new ECPoint(new BigInteger(1, x), new BigInteger(1, y));
        if (!EcCurves.isOnCurve(point, params)) {
            throw new InvalidKeyException("the EC point is not on " + crv);
        }
        KeyFactory factory = KeyFactory.getInstance("EC");
        PublicKey publicKey = factory.generatePublic(new ECPublicKeySpec(point, params));
        PrivateKey privateKey = null;
        if (withPrivate) {
            BigInteger d = new BigInteger(1, bytes(text(json, "d", true), "d"));
            if (d.signum() <= 0 || d.compareTo(params.getOrder()) >= 0) {
                throw new InvalidKeyException("the EC private key is out of range");
            }
            privateKey = factory.generatePrivate(new ECPrivateKeySpec(d, params));
        }
        Map<String, String> members = new LinkedHashMap<>();
        members.put("crv", crv);
        members.put("kty", "EC");
        members.put("x", xText);
        members.put("y", yText);
        return finish(kid, JwsAlgorithm.Family.EC, crv, declared, publicKey, privateKey, members);
    }

    private static Jwk okp(Map<String, Object> json, String kid, JwsAlgorithm declared, boolean withPrivate)
            throws InvalidKeyException, GeneralSecurityException {
        String crv = text(json, "crv", true);
        if (!"Ed25519".equals(crv)) {
            throw new InvalidKeyException("OKP keys must be on Ed25519");
        }
        if (declared != null && declared != JwsAlgorithm.EdDSA) {
            throw new InvalidKeyException("alg " + declared + " does not fit an Ed25519 key");
        }
        String xText = text(json, "x", true);
        byte[] x = bytes(xText, "x");
        if (x.length != 32) {
            throw new InvalidKeyException("an Ed25519 public key must be 32 bytes");
        }
        KeyFactory factory = KeyFactory.getInstance("Ed25519");
        PublicKey publicKey = factory.generatePublic(new X509EncodedKeySpec(concat(ED25519_SPKI, x)));
        PrivateKey privateKey = null;
        if (withPrivate) {
            byte[] d = bytes(text(json, "d", true), "d");
            if (d.length != 32) {
                throw new InvalidKeyException("an Ed25519 private key must be 32 bytes");
            }
            privateKey = factory.generatePrivate(new PKCS8EncodedKeySpec(concat(ED25519_PKCS8, d)));
        }
        Map<String, String> members = new LinkedHashMap<>();
        members.put("crv", crv);
        members.put("kty", "OKP");
        members.put("x", xText);
        return finish(kid, JwsAlgorithm.Family.OKP, crv, declared, publicKey, privateKey, members);
    }

    private static Jwk finish(String kid, JwsAlgorithm.Family family, String curve, JwsAlgorithm declared,
            PublicKey publicKey, PrivateKey privateKey, Map<String, String> thumbprintMembers)
            throws InvalidKeyException, GeneralSecurityException {
        String thumbprint = thumbprint(thumbprintMembers);
        if (privateKey != null) {
            JwsAlgorithm probe = declared != null ? declared : defaultAlgorithm(family, curve);
            byte[] message = "ssot-auth key check".getBytes(StandardCharsets.US_ASCII);
            Signature signer = Signature.getInstance(probe.jcaName());
            if (probe.parameters() != null) {
                signer.setParameter(probe.parameters());
            }
            signer.initSign(privateKey);
            signer.update(message);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(probe.jcaName());
            if (probe.parameters() != null) {
                verifier.setParameter(probe.parameters());
            }
            verifier.initVerify(publicKey);
            verifier.update(message);
            if (!verifier.verify(signature)) {
                throw new InvalidKeyException("the private key does not match its public key");
            }
        }
        Map<String, String> published = new LinkedHashMap<>();
        published.put("kty", thumbprintMembers.get("kty"));
        published.put("kid", kid != null ? kid : thumbprint);
        published.put("use", "sig");
        if (declared != null) {
            published.put("alg", declared.name());
        }
        for (Map.Entry<String, String> member : thumbprintMembers.entrySet()) {
            if (!member.getKey().equals("kty")) {
                published.put(member.getKey(), member.getValue());
            }
        }
        return new Jwk(kid != null ? kid : thumbprint, family, curve, declared, publicKey, privateKey, thumbprint,
                published);
    }

    /** The algorithm a key without {@code alg} signs with: RS256, ES256/384/512 by curve, or EdDSA. */
    public static JwsAlgorithm defaultAlgorithm(JwsAlgorithm.Family family, String curve) {
        switch (family) {
            case RSA:
                return JwsAlgorithm.RS256;
            case OKP:
                return JwsAlgorithm.EdDSA;
            case EC:
                for (JwsAlgorithm algorithm : JwsAlgorithm.values()) {
                    if (algorithm.family() == JwsAlgorithm.Family.EC && algorithm.curve().equals(curve)) {
                        return algorithm;
                    }
                }
                throw new IllegalStateException("no algorithm for curve " + curve);
            default:
                throw new IllegalStateException("no default algorithm for " + family);
        }
    }

    /** Which algorithms this key may verify: its {@code alg}, or every algorithm of its family and curve. */
    public Set<JwsAlgorithm> algorithms() {
        if (declaredAlgorithm != null) {
            return EnumSet.of(declaredAlgorithm);
        }
        Set<JwsAlgorithm> algorithms = EnumSet.noneOf(JwsAlgorithm.class);
        for (JwsAlgorithm algorithm : JwsAlgorithm.values()) {
            if (algorithm.family() == family && (curve == null || curve.equals(algorithm.curve()))) {
                algorithms.add(algorithm);
            }
        }
        return algorithms;
    }

    /** The algorithm issued tokens carry when this key signs. */
    public JwsAlgorithm signingAlgorithm() {
        return declaredAlgorithm != null ? declaredAlgorithm : defaultAlgorithm(family, curve);
    }

    /** The {@code kid}: the JWK's own, or its RFC 7638 thumbprint when it has none. */
    public String keyId() {
        return keyId;
    }

    /** The key family. */
    public JwsAlgorithm.Family family() {
        return family;
    }

    /** The JCA public key. */
    public PublicKey publicKey() {
        return publicKey;
    }

    /** The JCA private key, or {@code null} for a public key. */
    public PrivateKey privateKey() {
        return privateKey;
    }

    /** The RFC 7638 SHA-256 thumbprint, base64url. */
    public String thumbprint() {
        return thumbprint;
    }

    /** The public JWK members to publish, in order; never a private member. */
    public Map<String, String> publicMembers() {
        return publicMembers;
    }

    /** For EC keys, the curve's order; used to range-check signatures. */
    public BigInteger ecOrder() {
        return family == JwsAlgorithm.Family.EC ? ((ECPublicKey) publicKey).getParams().getOrder() : null;
    }

    private static String thumbprint(Map<String, String> sortedMembers) {
        StringBuilder json = new StringBuilder("{");
        for (Map.Entry<String, String> member : sortedMembers.entrySet()) {
            if (json.length() > 1) {
                json.append(',');
            }
            json.append('"').append(member.getKey()).append("\":\"").append(member.getValue()).append('"');
        }
        json.append('}');
        try {
            return Base64Url.encode(MessageDigest.getInstance("SHA-256")
                    .digest(json.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is not available in this JVM", e);
        }
    }

    private static String text(Map<String, Object> json, String name, boolean required) throws InvalidKeyException {
        Object value = json.get(name);
        if (value == null) {
            if (required) {
                throw new InvalidKeyException("the JWK has no " + name);
            }
            return null;
        }
        if (!(value instanceof String)) {
            throw new InvalidKeyException("the JWK member " + name + " must be a string");
        }
        return (String) value;
    }

    private static byte[] bytes(String text, String name) throws InvalidKeyException {
        byte[] bytes = Base64Url.decode(text);
        if (bytes == null || bytes.length == 0) {
            throw new InvalidKeyException("the JWK member " + name + " is not canonical base64url");
        }
        return bytes;
    }

    private static BigInteger unsigned(String text, String name) throws InvalidKeyException {
        return new BigInteger(1, bytes(text, name));
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
