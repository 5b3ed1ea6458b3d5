package dev.ssotauth.core;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Key pairs made with the JDK and written as JWKs with plain {@link Base64} — none of the library's
 * code — so that key parsing is tested against an independent encoder.
 */
final class TestKeys {

    private TestKeys() {
    }

    /** A generated key pair with its JWK members. */
    static final class TestKey {
        final KeyPair pair;
        final Map<String, String> publicJwk;
        final Map<String, String> privateJwk;

        TestKey(KeyPair pair, Map<String, String> publicJwk, Map<String, String> privateJwk) {
            this.pair = pair;
            this.publicJwk = publicJwk;
            this.privateJwk = privateJwk;
        }
    }

    static String b64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static String unsigned(BigInteger value) {
        byte[] bytes = value.toByteArray();
        if (bytes.length > 1 && bytes[0] == 0) {
            bytes = Arrays.copyOfRange(bytes, 1, bytes.length);
        }
        return b64(bytes);
    }

    static String fixed(BigInteger value, int length) {
        byte[] bytes = value.toByteArray();
        byte[] out = new byte[length];
        int copy = Math.min(bytes.length, length);
        System.arraycopy(bytes, bytes.length - copy, out, length - copy, copy);
        return b64(out);
    }

    /** A key for {@code alg} (RS*, PS*, ES*, EdDSA) with the given kid, {@code alg} written into the JWK. */
    static TestKey generate(String alg, String kid) {
        try {
            Map<String, String> pub = new LinkedHashMap<>();
            Map<String, String> priv = new LinkedHashMap<>();
            KeyPair pair;
            if (alg.startsWith("RS") || alg.startsWith("PS")) {
                KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
                generator.initialize(2048);
                pair = generator.generateKeyPair();
                RSAPublicKey rsa = (RSAPublicKey) pair.getPublic();
                RSAPrivateCrtKey crt = (RSAPrivateCrtKey) pair.getPrivate();
                pub.put("kty", "RSA");
                pub.put("n", unsigned(rsa.getModulus()));
                pub.put("e", unsigned(rsa.getPublicExponent()));
                priv.putAll(pub);
                priv.put("d", unsigned(crt.getPrivateExponent()));
                priv.put("p", unsigned(crt.getPrimeP()));
                priv.put("q", unsigned(crt.getPrimeQ()));
                priv.put("dp", unsigned(crt.getPrimeExponentP()));
                priv.put("dq", unsigned(crt.getPrimeExponentQ()));
                priv.put("qi", unsigned(crt.getCrtCoefficient()));
            } else if (alg.startsWith("ES")) {
                String crv = alg.equals("ES256") ? "P-256" : alg.equals("ES384") ? "P-384" : "P-521";
                String std = alg.equals("ES256") ? "secp256r1" : alg.equals("ES384") ? "secp384r1" : "secp521r1";
                int size = alg.equals("ES256") ? 32 : alg.equals("ES384") ? 48 : 66;
                KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
                generator.initialize(new ECGenParameterSpec(std));
                pair = generator.generateKeyPair();
                ECPublicKey ec = (ECPublicKey) pair.getPublic();
                pub.put("kty", "EC");
                pub.put("crv", crv);
                pub.put("x", fixed(ec.getW().getAffineX(), size));
                pub.put("y", fixed(ec.getW().getAffineY(), size));
                priv.putAll(pub);
                priv.put("d", fixed(((ECPrivateKey) pair.getPrivate()).getS(), size));
            } else {
                KeyPairGenerator generator = KeyPairGenerator.getInstance("Ed25519");
                pair = generator.generateKeyPair();
                byte[] spki = pair.getPublic().getEncoded();
                byte[] pkcs8 = pair.getPrivate().getEncoded();
                pub.put("kty", "OKP");
                pub.put("crv", "Ed25519");
                pub.put("x", b64(Arrays.copyOfRange(spki, spki.length - 32, spki.length)));
                priv.putAll(pub);
                priv.put("d", b64(Arrays.copyOfRange(pkcs8, pkcs8.length - 32, pkcs8.length)));
            }
            for (Map<String, String> jwk : List.of(pub, priv)) {
                jwk.put("kid", kid);
                jwk.put("alg", alg);
                jwk.put("use", "sig");
            }
            return new TestKey(pair, pub, priv);
        } catch (GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }

    static String jwk(Map<?, ?> members) {
        return members.entrySet().stream().map(e -> "\"" + e.getKey() + "\":\"" + e.getValue() + "\"")
                .collect(Collectors.joining(",", "{", "}"));
    }

    static String set(Map<?, ?>... keys) {
        return set(Arrays.asList(keys));
    }

    static String set(List<? extends Map<?, ?>> keys) {
        return keys.stream().map(TestKeys::jwk).collect(Collectors.joining(",", "{\"keys\":[", "]}"));
    }

    static Path write(Path dir, String name, String json) {
        try {
            return Files.writeString(dir.resolve(name), json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
