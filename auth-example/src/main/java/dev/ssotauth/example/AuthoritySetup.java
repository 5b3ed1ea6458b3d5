package dev.ssotauth.example;

import dev.ssotauth.core.AuthConfigurationException;
import dev.ssotauth.core.AuthListener;
import dev.ssotauth.core.JwtAuthority;
import dev.ssotauth.core.RevocationStore;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECPoint;
import java.time.Clock;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * This process's one {@link JwtAuthority}: with any {@code JWT_*} variable (or legacy secret alias) set, as an
 * environment variable or a system property, from the single configuration source; with none, a demo default
 * that dies with the process — {@code --role all} a random HMAC secret, {@code --role login} a published P-256
 * key pair with the process's own URL as issuer. {@code --role chat} must be told whom to trust. No secret or
 * private key is ever printed.
 */
final class AuthoritySetup {

    static final String DEFAULT_ISSUER = "ssot-auth-example";
    static final String DEFAULT_AUDIENCE = "chat";

    private static final Set<String> LEGACY_SECRETS = Set.of("JWT_SECRET", "WEBSOCKET_JWT_SECRET",
            "AUTH_SERVICE_JWT_SECRET");

    /** The authority, whether to publish its public JWK Set, and one line for the banner (no secret). */
    record Setup(JwtAuthority authority, boolean publishesKeys, String description) {
    }

    /** This role cannot run with this configuration; the message says what to set. */
    static final class SetupException extends Exception {
        private static final long serialVersionUID = 1L;

        SetupException(String message) {
            super(message);
        }
    }

    private AuthoritySetup() {
    }

    /**
     * Resolves the authority for {@code role}; {@code ownUrl} is the issuer of an unconfigured login process.
     *
     * @throws SetupException             when the role cannot run with the configuration
     * @throws AuthConfigurationException when the single configuration source refuses the variables
     * @throws IOException                when the ephemeral key pair cannot be handed to the authority
     */
    static Setup resolve(Role role, String ownUrl, Map<String, String> environment,
            Map<String, String> properties, Clock clock, RevocationStore revocations, AuthListener listener)
            throws SetupException, IOException {
        UnaryOperator<JwtAuthority.Builder> common = builder -> builder.clock(clock).revocationStore(revocations)
                .listener(listener);
        if (configured(environment) || configured(properties)) {
            return fromEnvironment(role, common.apply(JwtAuthority.builderFromEnvironment()).build());
        }
        JwtAuthority.Builder defaults = common.apply(JwtAuthority.builder()).audience(DEFAULT_AUDIENCE);
        return switch (role) {
            case ALL -> ephemeralSecret(defaults);
            case LOGIN -> ephemeralKeyPair(defaults.issuer(ownUrl));
            case CHAT -> throw new SetupException("--role chat only verifies tokens, so it must be told whom to trust: "
                    + "set JWT_ISSUER_URI to the login process's URL (http://127.0.0.1:<login port>) and JWT_AUDIENCE="
                    + DEFAULT_AUDIENCE + " (a login process started without configuration prints this line), or "
                    + "the same JWT_SECRET_KEY, JWT_ISSUER and JWT_AUDIENCE as the login process");
        };
    }

    /** Whether any variable of the single configuration source is set. */
    static boolean configured(Map<String, String> variables) {
        return variables.keySet().stream().anyMatch(AuthoritySetup::isConfigurationVariable);
    }

    /** Whether {@code name} belongs to the single configuration source: {@code JWT_*} or a legacy secret alias. */
    static boolean isConfigurationVariable(String name) {
        return name.startsWith("JWT_") || LEGACY_SECRETS.contains(name);
    }

    private static Setup fromEnvironment(Role role, JwtAuthority authority) throws SetupException {
        if (role.logsIn() && !authority.canIssue()) {
            throw new SetupException("--role " + role.label() + " issues tokens, but the configuration can only "
                    + "verify them (JWT_JWKS_URI or JWT_JWKS_FILE); configure JWT_SIGNING_KEYS_FILE or "
                    + "JWT_SECRET_KEY, or run this process with --role chat");
        }
        if (!authority.canIssue()) {
            // A remote key set is fetched on first use; its fingerprint is not known yet.
            return new Setup(authority, false, "verifying tokens with the key set from the environment "
                    + "(JWT_JWKS_URI / JWT_JWKS_FILE), issuer and audience from JWT_ISSUER and JWT_AUDIENCE");
        }
        boolean publishes = role.logsIn()
                && HttpJson.readObject(authority.publicJwks()).path("keys").size() > 0;
        return new Setup(authority, publishes, "from the environment (" + (publishes
                ? "JWT_SIGNING_KEYS_FILE" : "JWT_SECRET_KEY") + ", fingerprint " + authority.fingerprint()
                + "), issuer and audience from JWT_ISSUER and JWT_AUDIENCE");
    }

    private static Setup ephemeralSecret(JwtAuthority.Builder builder) {
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        try {
            JwtAuthority authority = builder.hmacSecret(secret).issuer(DEFAULT_ISSUER).build();
            return new Setup(authority, false, "an ephemeral random HMAC secret made at start (fingerprint "
                    + authority.fingerprint() + "; never printed): tokens die with this process");
        } finally {
            Arrays.fill(secret, (byte) 0);
        }
    }

    /** A fresh P-256 key pair, handed to the authority through a temporary file deleted at once. */
    private static Setup ephemeralKeyPair(JwtAuthority.Builder builder) throws IOException {
        SecureRandom random = new SecureRandom();
        String kid = "ephemeral-" + HexFormat.of().toHexDigits(random.nextInt());
        Path file = Files.createTempFile("ssot-auth-example-keys", ".json"); // owner-only where POSIX
        try {
            Files.writeString(file, signingKeySet(kid, random));
            JwtAuthority authority = builder.signingKeys(file).build();
            return new Setup(authority, true, "an ephemeral P-256 key pair made at start (ES256, kid " + kid
                    + ", fingerprint " + authority.fingerprint() + "): tokens die with this process");
        } finally {
            Files.delete(file);
        }
    }

    /** A private JWK Set with one fresh P-256 key; tests use it to configure JWT_SIGNING_KEYS_FILE. */
    static String signingKeySet(String kid, SecureRandom random) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"), random);
            KeyPair pair = generator.generateKeyPair();
            ECPoint point = ((ECPublicKey) pair.getPublic()).getW();
            return HttpJson.write(Map.of("keys", List.of(Map.of(
                    "kty", "EC", "crv", "P-256", "kid", kid, "use", "sig", "alg", "ES256",
                    "x", coordinate(point.getAffineX()), "y", coordinate(point.getAffineY()),
                    "d", coordinate(((ECPrivateKey) pair.getPrivate()).getS())))));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK cannot make a P-256 key pair", e);
        }
    }

    /** A P-256 field element as 32 big-endian bytes, base64url without padding (RFC 7518 §6.2.1.2). */
    private static String coordinate(BigInteger value) {
        byte[] bytes = value.toByteArray();
        byte[] fixed = new byte[32];
        int length = Math.min(bytes.length, 32);
        System.arraycopy(bytes, bytes.length - length, fixed, 32 - length, length);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(fixed);
    }
}
