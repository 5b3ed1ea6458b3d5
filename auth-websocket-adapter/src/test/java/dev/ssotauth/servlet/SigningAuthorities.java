package dev.ssotauth.servlet;

import dev.ssotauth.core.JwtAuthority;

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
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;

/** Authorities that sign with a fresh P-256 key, written with the JDK and plain Base64, none of the library's code. */
final class SigningAuthorities {

    private SigningAuthorities() {
    }

    /**
     * An ES256 authority for {@code issuer} and audience {@code chat}; its private JWK Set reaches it
     * through a file deleted as soon as it is read.
     */
    static JwtAuthority es256(String issuer) {
        try {
            Path file = Files.createTempFile("ssot-auth-signing-keys", ".json");
            try {
                Files.writeString(file, "{\"keys\":[" + privateJwk() + "]}");
                return JwtAuthority.builder().signingKeys(file).issuer(issuer).audience("chat").build();
            } finally {
                Files.delete(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String privateJwk() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            KeyPair pair = generator.generateKeyPair();
            ECPublicKey publicKey = (ECPublicKey) pair.getPublic();
            return "{\"kty\":\"EC\",\"crv\":\"P-256\",\"kid\":\"test-1\",\"use\":\"sig\",\"alg\":\"ES256\""
                    + ",\"x\":\"" + fixed(publicKey.getW().getAffineX()) + "\""
                    + ",\"y\":\"" + fixed(publicKey.getW().getAffineY()) + "\""
                    + ",\"d\":\"" + fixed(((ECPrivateKey) pair.getPrivate()).getS()) + "\"}";
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK cannot make a P-256 key pair", e);
        }
    }

    private static String fixed(BigInteger value) {
        byte[] bytes = value.toByteArray();
        byte[] out = new byte[32];
        int copy = Math.min(bytes.length, 32);
        System.arraycopy(bytes, bytes.length - copy, out, 32 - copy, copy);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(out);
    }
}
