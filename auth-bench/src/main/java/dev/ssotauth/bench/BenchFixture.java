package dev.ssotauth.bench;

import dev.ssotauth.core.JwtAuthority;
import dev.ssotauth.core.TokenRequest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Provider;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.NamedParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.bouncycastle.jce.provider.BouncyCastleProvider;

/**
 * The keys, tokens and authorities every benchmark shares. Keys come from a seeded generator, so
 * every forked JVM of a run measures the same keys; every library verifies tokens that this
 * library issued, with the same claims (315 bytes of JSON). Immutable after construction.
 */
final class BenchFixture {

    static final String ISSUER = "https://login.example.com";
    static final String AUDIENCE = "chat";
    static final String SUBJECT = "user-4f1c2a9e-7d3b";
    static final String SESSION = "sess-0b9d6e21c4a8f735";
    static final List<String> ROLES = List.of("user", "moderator");
    /** Further claims, to reach a realistic claims size. */
    static final Map<String, Object> EXTRA = extra();
    /** Long enough for any run; below the default maximum token lifetime. */
    static final Duration TTL = Duration.ofHours(12);
    /** The one clock of the benchmarks (the system's): peers that take "now" are given it from here. */
    static final java.time.Clock CLOCK = java.time.Clock.systemUTC();
    /** An HMAC secret: 32 random-looking bytes. */
    static final byte[] SECRET = "Zq4t7w!z%C*F-JaNdRgUkXp2s5v8y/B?".getBytes(StandardCharsets.US_ASCII);

    /** Makes a JCA engine (a {@code Mac}, a {@code Signature}) ready for use. */
    interface Engine<T> {
        T make() throws GeneralSecurityException;
    }

    /** One engine per thread, since JCA engines are not thread-safe; a failure to make one is unchecked. */
    static <T> ThreadLocal<T> perThread(Engine<T> engine) {
        return ThreadLocal.withInitial(() -> {
            try {
                return engine.make();
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    /** HMAC-SHA-256 keyed with {@code secret}, one per thread. */
    static ThreadLocal<Mac> hmacSha256(byte[] secret) {
        SecretKeySpec key = new SecretKeySpec(secret, "HmacSHA256");
        return perThread(() -> {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac;
        });
    }

    /** The algorithms measured. */
    enum Alg {
        HS256, RS256, ES256, EdDSA
    }

    final Provider bouncyCastle = new BouncyCastleProvider();
    final KeyPair rsa;
    final KeyPair ec;
    final KeyPair ed;
    /** The same public keys as BouncyCastle's own key objects, for the raw floor with BouncyCastle. */
    final PublicKey ecBouncyCastle;
    final PublicKey edBouncyCastle;
    final Map<Alg, String> kids = Map.of(Alg.RS256, "rs-1", Alg.ES256, "es-1", Alg.EdDSA, "ed-1");
    final Map<Alg, Path> signingKeyFiles = new LinkedHashMap<>();
    final TokenRequest request = request();

    BenchFixture() {
        try {
            SecureRandom seeded = SecureRandom.getInstance("SHA1PRNG");
            seeded.setSeed(20260101L); // before first use: deterministic across forks
            KeyPairGenerator rsaGenerator = KeyPairGenerator.getInstance("RSA");
            rsaGenerator.initialize(2048, seeded);
            rsa = rsaGenerator.generateKeyPair();
            KeyPairGenerator ecGenerator = KeyPairGenerator.getInstance("EC");
            ecGenerator.initialize(new ECGenParameterSpec("secp256r1"), seeded);
            ec = ecGenerator.generateKeyPair();
            KeyPairGenerator edGenerator = KeyPairGenerator.getInstance("Ed25519");
            edGenerator.initialize(NamedParameterSpec.ED25519, seeded);
            ed = edGenerator.generateKeyPair();
            ecBouncyCastle = KeyFactory.getInstance("EC", bouncyCastle)
                    .generatePublic(new X509EncodedKeySpec(ec.getPublic().getEncoded()));
            edBouncyCastle = KeyFactory.getInstance("Ed25519", bouncyCastle)
                    .generatePublic(new X509EncodedKeySpec(ed.getPublic().getEncoded()));
            Path dir = Files.createTempDirectory("ssot-auth-bench");
            dir.toFile().deleteOnExit();
            for (Alg alg : List.of(Alg.RS256, Alg.ES256, Alg.EdDSA)) {
                Path file = Files.writeString(dir.resolve(alg + ".jwks.json"), "{\"keys\":[" + privateJwk(alg) + "]}");
                file.toFile().deleteOnExit();
                signingKeyFiles.put(alg, file);
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static TokenRequest request() {
        TokenRequest.Builder builder = TokenRequest.forSubject(SUBJECT).roles(ROLES.toArray(new String[0]))
                .sessionId(SESSION);
        EXTRA.forEach(builder::claim);
        return builder.build();
    }

    private static Map<String, Object> extra() {
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("name", "Alice Example");
        extra.put("email", "alice@example.com");
        extra.put("tenant", "acme-eu-west-1");
        extra.put("scope", "chat:read chat:write profile");
        return extra;
    }

    /**
     * A new authority for {@code alg} that issues and verifies.
     *
     * @param bouncyCastle whether ES256 and EdDSA may use BouncyCastle (core's default when it is on
     *                     the class path) or must use the JDK's provider
     */
    JwtAuthority authority(Alg alg, boolean bouncyCastle) {
        return authority(alg, bouncyCastle, 0);
    }

    /** As {@link #authority(Alg, boolean)}, with a verified-token cache of {@code cacheEntries} (0: none). */
    JwtAuthority authority(Alg alg, boolean bouncyCastle, int cacheEntries) {
        JwtAuthority.Builder builder = builder(alg, ISSUER, AUDIENCE);
        if (!bouncyCastle) {
            forceJdkProvider(builder);
        }
        if (cacheEntries > 0) {
            builder.verifiedTokenCache(cacheEntries);
        }
        return builder.build();
    }

    /**
     * A new authority for {@code alg} with the fixture's keys but another issuer, audience or clock:
     * its tokens are signed correctly, and a verifier configured for the fixture's must refuse them
     * when any of the three differs (a clock {@link #TTL} or more behind: expired tokens).
     */
    JwtAuthority authority(Alg alg, String issuer, String audience, java.time.Clock clock) {
        return builder(alg, issuer, audience).clock(clock).build();
    }

    private JwtAuthority.Builder builder(Alg alg, String issuer, String audience) {
        JwtAuthority.Builder builder = JwtAuthority.builder().issuer(issuer).audience(audience).tokenTtl(TTL);
        if (alg == Alg.HS256) {
            builder.hmacSecret(SECRET);
        } else {
            builder.signingKeys(signingKeyFiles.get(alg)).algorithms(alg.name());
        }
        return builder;
    }

    /**
     * Makes the builder use the JDK's providers although BouncyCastle is on the class path, through
     * the package-private field core's own tests use. Benchmarks only: core keeps no public switch
     * for it, and both variants are measured in the same run on the same class path.
     */
    private static void forceJdkProvider(JwtAuthority.Builder builder) {
        try {
            Field provider = JwtAuthority.Builder.class.getDeclaredField("provider");
            provider.setAccessible(true);
            provider.set(builder, null);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("core's Builder.provider field is gone; update BenchFixture", e);
        }
    }

    /** A fresh token for {@code alg}, issued by this library with the fixture's claims. */
    String token(Alg alg) {
        return authority(alg, true).issue(request);
    }

    PublicKey publicKey(Alg alg) {
        switch (alg) {
            case RS256:
                return rsa.getPublic();
            case ES256:
                return ec.getPublic();
            case EdDSA:
                return ed.getPublic();
            default:
                throw new IllegalArgumentException(alg + " has no public key");
        }
    }

    /** The public JWK members of {@code alg}'s key, with its kid. */
    Map<String, String> publicJwkMembers(Alg alg) {
        Map<String, String> jwk = new LinkedHashMap<>();
        switch (alg) {
            case RS256: {
                RSAPublicKey key = (RSAPublicKey) rsa.getPublic();
                jwk.put("kty", "RSA");
                jwk.put("n", unsigned(key.getModulus()));
                jwk.put("e", unsigned(key.getPublicExponent()));
                break;
            }
            case ES256: {
                ECPublicKey key = (ECPublicKey) ec.getPublic();
                jwk.put("kty", "EC");
                jwk.put("crv", "P-256");
                jwk.put("x", fixed(key.getW().getAffineX(), 32));
                jwk.put("y", fixed(key.getW().getAffineY(), 32));
                break;
            }
            case EdDSA: {
                byte[] spki = ed.getPublic().getEncoded();
                jwk.put("kty", "OKP");
                jwk.put("crv", "Ed25519");
                jwk.put("x", b64(Arrays.copyOfRange(spki, spki.length - 32, spki.length)));
                break;
            }
            default:
                throw new IllegalArgumentException(alg + " has no public key");
        }
        jwk.put("kid", kids.get(alg));
        jwk.put("alg", alg.name());
        jwk.put("use", "sig");
        return jwk;
    }

    private String privateJwk(Alg alg) {
        Map<String, String> jwk = publicJwkMembers(alg);
        switch (alg) {
            case RS256: {
                RSAPrivateCrtKey key = (RSAPrivateCrtKey) rsa.getPrivate();
                jwk.put("d", unsigned(key.getPrivateExponent()));
                jwk.put("p", unsigned(key.getPrimeP()));
                jwk.put("q", unsigned(key.getPrimeQ()));
                jwk.put("dp", unsigned(key.getPrimeExponentP()));
                jwk.put("dq", unsigned(key.getPrimeExponentQ()));
                jwk.put("qi", unsigned(key.getCrtCoefficient()));
                break;
            }
            case ES256:
                jwk.put("d", fixed(((ECPrivateKey) ec.getPrivate()).getS(), 32));
                break;
            default: {
                byte[] pkcs8 = ed.getPrivate().getEncoded();
                jwk.put("d", b64(Arrays.copyOfRange(pkcs8, pkcs8.length - 32, pkcs8.length)));
            }
        }
        return jwk.entrySet().stream().map(e -> "\"" + e.getKey() + "\":\"" + e.getValue() + "\"")
                .collect(Collectors.joining(",", "{", "}"));
    }

    static String b64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String unsigned(BigInteger value) {
        byte[] bytes = value.toByteArray();
        if (bytes.length > 1 && bytes[0] == 0) {
            bytes = Arrays.copyOfRange(bytes, 1, bytes.length);
        }
        return b64(bytes);
    }

    private static String fixed(BigInteger value, int length) {
        byte[] bytes = value.toByteArray();
        byte[] out = new byte[length];
        int copy = Math.min(bytes.length, length);
        System.arraycopy(bytes, bytes.length - copy, out, length - copy, copy);
        return b64(out);
    }
}
