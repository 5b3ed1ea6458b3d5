package dev.ssotauth.core;

import dev.ssotauth.core.internal.AsymmetricKey;
import dev.ssotauth.core.internal.Base64Url;
import dev.ssotauth.core.internal.CryptoProviders;
import dev.ssotauth.core.internal.EnvironmentConfiguration;
import dev.ssotauth.core.internal.Fingerprints;
import dev.ssotauth.core.internal.HmacKey;
import dev.ssotauth.core.internal.Json;
import dev.ssotauth.core.internal.JwkSets;
import dev.ssotauth.core.internal.JwsAlgorithm;
import dev.ssotauth.core.internal.KeyResolver;
import dev.ssotauth.core.internal.KeySet;
import dev.ssotauth.core.internal.RemoteKeySet;
import dev.ssotauth.core.internal.SecretRules;
import dev.ssotauth.core.internal.SigningKey;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Provider;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one authority for a system's JSON Web Tokens: it issues them and it decides whether a token is
 * valid, from one configuration. Every service, filter, WebSocket endpoint and background job of a
 * system should hold the same authority (or authorities built from the same configuration, which
 * have the same {@link #fingerprint()}).
 *
 * <pre>{@code
 * JwtAuthority authority = JwtAuthority.builder()
 *         .hmacSecret(secret)                      // at least 32 random bytes
 *         .issuer("https://login.example")
 *         .audience("chat")
 *         .build();
 *
 * String token = authority.issue(TokenRequest.forSubject("alice").roles("user").build());
 * AuthResult result = authority.authenticate(token);
 * }</pre>
 *
 * <p>Or from the single configuration source (environment variables and system properties):
 * {@link #fromEnvironment()}, or {@link #builderFromEnvironment()} to add what the environment does not
 * carry, such as a shared revocation store.
 *
 * <p>Immutable and thread-safe; one instance per process is enough.
 */
public final class JwtAuthority {

    private static final Logger log = LoggerFactory.getLogger(JwtAuthority.class);

    /** Default lifetime of issued tokens. */
    public static final Duration DEFAULT_TOKEN_TTL = Duration.ofMinutes(15);
    /** Default tolerance for {@code exp}, {@code nbf} and {@code iat}. */
    public static final Duration DEFAULT_CLOCK_SKEW = Duration.ofSeconds(60);
    /** Default longest accepted {@code exp - iat}. */
    public static final Duration DEFAULT_MAX_TOKEN_LIFETIME = Duration.ofHours(24);
    /** Default longest token looked at, in bytes. */
    public static final int DEFAULT_MAX_TOKEN_BYTES = 8192;
    /** Default time a fetched JWK Set is used before it is fetched again. */
    public static final Duration DEFAULT_JWKS_CACHE_TTL = Duration.ofMinutes(5);
    /** Default time before the cache expires at which a background refresh starts. */
    public static final Duration DEFAULT_JWKS_REFRESH_AHEAD = Duration.ofSeconds(30);
    /** Default shortest time between two fetches of a JWK Set (also for unknown {@code kid}s). */
    public static final Duration DEFAULT_JWKS_MIN_REFRESH_INTERVAL = Duration.ofSeconds(30);
    /** Default time past expiry that the last good JWK Set keeps serving while its source is down. */
    public static final Duration DEFAULT_JWKS_OUTAGE_TOLERANCE = Duration.ofHours(1);
    /** Default bound on one fetch of a JWK Set: connection, headers and body together. */
    public static final Duration DEFAULT_JWKS_TIMEOUT = Duration.ofSeconds(3);
    /** Default largest JWK Set response accepted, in bytes. */
    public static final int DEFAULT_JWKS_MAX_BYTES = 64 * 1024;

    private final TokenPolicy policy;
    private final SigningKey signingKey;
    private final KeyResolver keys;
    private final String issuer;
    private final List<String> audiences;
    private final String issuedAudienceJson;
    /** The encoded header of issued tokens and the dot after it, as ASCII bytes. */
    private final byte[] headerAndDot;
    private final Clock clock;
    private final Duration clockSkew;
    private final Duration tokenTtl;
    private final Duration maxTokenLifetime;
    private final int maxTokenBytes;
    private final Set<JwsAlgorithm> algorithms;
    private final RevocationStore revocations;
    private final SecureRandom random = new SecureRandom();

    private JwtAuthority(Builder b, KeyResolver keys, SigningKey signingKey, Set<JwsAlgorithm> algorithms) {
        this.keys = keys;
        this.signingKey = signingKey;
        this.algorithms = algorithms;
        this.issuer = b.issuer;
        this.audiences = List.copyOf(b.audiences);
        this.clock = b.clock;
        this.clockSkew = b.clockSkew;
        this.tokenTtl = b.tokenTtl;
        this.maxTokenLifetime = b.maxTokenLifetime;
        this.maxTokenBytes = b.maxTokenBytes;
        this.revocations = b.revocationStore != null ? b.revocationStore : new InMemoryRevocationStore(clock);
        VerifiedTokenCache cache = b.cacheEntries == null ? null
                : new VerifiedTokenCache(b.cacheEntries, b.cacheBytes);
        this.policy = new TokenPolicy(keys, algorithms, issuer, Set.copyOf(audiences), clock, clockSkew,
                maxTokenLifetime, maxTokenBytes, revocations, cache);
        StringBuilder aud = new StringBuilder();
        Json.writeString(aud, audiences.get(0));
        this.issuedAudienceJson = aud.toString();
        if (signingKey != null) {
            StringBuilder header = new StringBuilder("{\"alg\":\"").append(signingKey.algorithm().name()).append('"');
            if (signingKey.keyId() != null) {
                header.append(",\"kid\":");
                Json.writeString(header, signingKey.keyId());
            }
            header.append(",\"typ\":\"JWT\"}");
            this.headerAndDot = (Base64Url.encode(header.toString().getBytes(StandardCharsets.UTF_8)) + '.')
                    .getBytes(StandardCharsets.US_ASCII);
        } else {
            this.headerAndDot = null;
        }
    }

    /**
     * Starts building an authority.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Builds the authority from the single configuration source: the process environment and the
     * system properties, read under the same names ({@code JWT_SECRET_KEY}, {@code JWT_ISSUER},
     * {@code JWT_AUDIENCE}, …; see the README). A setting given in both places with different values,
     * or the secret given under its legacy aliases ({@code JWT_SECRET}, {@code WEBSOCKET_JWT_SECRET},
     * {@code AUTH_SERVICE_JWT_SECRET}) with different values, is refused; equal duplicates and
     * aliases start with a warning naming what to remove or rename.
     *
     * @return the authority
     * @throws AuthConfigurationException when the configuration is missing, weak, conflicting or has
     *                                    two roots of trust; the message names variables and
     *                                    fingerprints, never values
     */
    public static JwtAuthority fromEnvironment() {
        return builderFromEnvironment().build();
    }

    /**
     * Builds the authority from {@code variables}, read as environment variables under the names and
     * rules of {@link #fromEnvironment()}; the process environment and system properties are not
     * consulted. Useful in tests and when configuration comes from elsewhere.
     *
     * @param variables the variables
     * @return the authority
     * @throws AuthConfigurationException as for {@link #fromEnvironment()}
     * @throws NullPointerException       if {@code variables} is or contains {@code null}
     */
    public static JwtAuthority fromEnvironment(Map<String, String> variables) {
        return builderFromEnvironment(variables).build();
    }

    /**
     * A builder filled from the single configuration source, resolved under exactly the rules of
     * {@link #fromEnvironment()}, for the settings the environment does not carry: a
     * {@link Builder#revocationStore(RevocationStore) revocation store} shared by many processes, a
     * {@link Builder#clock(Clock) clock}. {@code builderFromEnvironment().build()} is
     * {@code fromEnvironment()}.
     *
     * <pre>{@code
     * JwtAuthority authority = JwtAuthority.builderFromEnvironment()
     *         .clock(clock)
     *         .revocationStore(store)
     *         .build();
     * }</pre>
     *
     * <p>A setting the environment gave cannot be given again ({@link IllegalStateException}), and
     * {@link Builder#build()} checks the rules that span settings with the environment's variable names
     * in its messages (a key added beside the configured one is two roots of trust).
     *
     * @return a new builder, filled from the process environment and the system properties
     * @throws AuthConfigurationException when the variables are incomplete, unreadable, conflicting or
     *                                    name two roots of trust (what needs the keys themselves, such as
     *                                    a secret's length or a key set file, is checked by
     *                                    {@link Builder#build()}); the message names variables and
     *                                    fingerprints, never values
     */
    public static Builder builderFromEnvironment() {
        Map<String, String> properties = new TreeMap<>();
        Properties system = System.getProperties();
        for (String name : system.stringPropertyNames()) {
            properties.put(name, system.getProperty(name));
        }
        return builderFromSources(List.of(
                new EnvironmentConfiguration.Source("environment variable", System.getenv()),
                new EnvironmentConfiguration.Source("system property", properties)));
    }

    /**
     * A builder filled from {@code variables}, read as environment variables under the names and rules
     * of {@link #fromEnvironment()}; the process environment and system properties are not consulted.
     * {@code builderFromEnvironment(variables).build()} is {@code fromEnvironment(variables)}.
     *
     * @param variables the variables
     * @return a new builder, filled from {@code variables}
     * @throws AuthConfigurationException as for {@link #builderFromEnvironment()}
     * @throws NullPointerException       if {@code variables} is or contains {@code null}
     */
    public static Builder builderFromEnvironment(Map<String, String> variables) {
        Objects.requireNonNull(variables, "variables");
        return builderFromSources(List.of(new EnvironmentConfiguration.Source("environment variable", variables)));
    }

    private static Builder builderFromSources(List<EnvironmentConfiguration.Source> sources) {
        Set<String> warnings = new LinkedHashSet<>();
        EnvironmentConfiguration.Settings s = EnvironmentConfiguration.resolve(sources, warnings::add);
        warnings.forEach(w -> log.warn("ssot-auth configuration: {}", w));
        Builder b = builder();
        if (s.secretSetting != null) {
            b.labels.put("hmacSecret", s.secretSetting);
        }
        // Only the settings the environment gave are named after its variables: a key a caller adds to
        // the builder keeps its setter's name in messages.
        if (s.signingKeysFile != null) {
            b.labels.put("signingKeys", EnvironmentConfiguration.SIGNING_KEYS_FILE);
        }
        if (s.jwksFile != null) {
            b.labels.put("jwksFile", EnvironmentConfiguration.JWKS_FILE);
        }
        if (s.jwksUri != null) {
            b.labels.put("jwksUri", EnvironmentConfiguration.JWKS_URI);
        }
        b.issuer(s.issuer).audience(s.audiences.get(0));
        if (s.audiences.size() > 1) {
            b.additionalAudiences(s.audiences.subList(1, s.audiences.size()).toArray(new String[0]));
        }
        try {
            if (s.secret != null) {
                b.hmacSecret(s.secret);
            }
            if (s.signingKeysFile != null) {
                b.signingKeys(Path.of(s.signingKeysFile));
            }
            if (s.jwksFile != null) {
                b.jwksFile(Path.of(s.jwksFile));
            }
            if (s.jwksUri != null) {
                b.jwksUri(URI.create(s.jwksUri));
            }
            if (s.algorithms != null) {
                b.algorithms(s.algorithms.toArray(new String[0]));
            }
            if (s.tokenTtl != null) {
                b.tokenTtl(s.tokenTtl);
            }
            if (s.clockSkew != null) {
                b.clockSkew(s.clockSkew);
            }
            if (s.maxTokenLifetime != null) {
                b.maxTokenLifetime(s.maxTokenLifetime);
            }
            if (s.maxTokenBytes != null) {
                b.maxTokenBytes(s.maxTokenBytes);
            }
            if (s.jwksCacheTtl != null) {
                b.jwksCacheTtl(s.jwksCacheTtl);
            }
            if (s.jwksMinRefreshInterval != null) {
                b.jwksMinRefreshInterval(s.jwksMinRefreshInterval);
            }
            if (s.jwksOutageTolerance != null) {
                b.jwksOutageTolerance(s.jwksOutageTolerance);
            }
        } catch (IllegalArgumentException e) {
            throw new AuthConfigurationException(e.getMessage());
        }
        return b;
    }

    /**
     * Signs a token for the request: {@code iss}, {@code aud} (the first configured audience),
     * {@code sub}, {@code iat} (now, from the clock), {@code exp}, a random 128-bit {@code jti},
     * {@code roles} when given, {@code sid} when given, then the request's extra claims.
     *
     * @param request what the token says
     * @return the compact JWS
     * @throws NullPointerException     if {@code request} is {@code null}
     * @throws IllegalArgumentException if the request's lifetime exceeds the maximum token lifetime
     * @throws IllegalStateException    if this authority has no signing key (it verifies with a
     *                                  published key set only)
     */
    public String issue(TokenRequest request) {
        Objects.requireNonNull(request, "request");
        if (signingKey == null) {
            throw new IllegalStateException("this authority only verifies tokens: it has no signing key (configure "
                    + "hmacSecret or signingKeys to issue)");
        }
        Duration ttl = request.ttl().orElse(tokenTtl);
        if (ttl.compareTo(maxTokenLifetime) > 0) {
            throw new IllegalArgumentException("ttl " + ttl + " exceeds the maximum token lifetime " + maxTokenLifetime);
        }
        long iat = clock.instant().getEpochSecond();
        long lifetime = ttl.getSeconds() + (ttl.getNano() > 0 ? 1 : 0);
        byte[] jti = new byte[16];
        random.nextBytes(jti);

        StringBuilder payload = new StringBuilder(256);
        payload.append("{\"iss\":");
        Json.writeString(payload, issuer);
        payload.append(",\"sub\":");
        Json.writeString(payload, request.subject());
        payload.append(",\"aud\":").append(issuedAudienceJson);
        payload.append(",\"iat\":").append(iat);
        payload.append(",\"exp\":").append(iat + lifetime);
        payload.append(",\"jti\":\"").append(Base64Url.encode(jti)).append('"');
        if (!request.roles().isEmpty()) {
            payload.append(",\"roles\":");
            Json.write(payload, request.roles());
        }
        if (request.sessionId().isPresent()) {
            payload.append(",\"sid\":");
            Json.writeString(payload, request.sessionId().get());
        }
        for (Map.Entry<String, Object> claim : request.claims().entrySet()) {
            payload.append(',');
            Json.writeString(payload, claim.getKey());
            payload.append(':');
            Json.write(payload, claim.getValue());
        }
        payload.append('}');

        // Built as ASCII bytes: header, payload and signature are encoded straight into it.
        byte[] encodedPayload = Base64Url.encodeToAscii(payload.toString().getBytes(StandardCharsets.UTF_8));
        byte[] signingInput = Arrays.copyOf(headerAndDot, headerAndDot.length + encodedPayload.length);
        System.arraycopy(encodedPayload, 0, signingInput, headerAndDot.length, encodedPayload.length);
        byte[] encodedSignature = Base64Url.encodeToAscii(signingKey.sign(signingInput));
        byte[] token = Arrays.copyOf(signingInput, signingInput.length + 1 + encodedSignature.length);
        token[signingInput.length] = '.';
        System.arraycopy(encodedSignature, 0, token, signingInput.length + 1, encodedSignature.length);
        return new String(token, StandardCharsets.ISO_8859_1);
    }

    /**
     * Decides whether {@code token} is valid. Never throws for a bad token, whatever the string
     * ({@code null} included): the answer is {@link AuthResult.Rejected} with a stable reason.
     *
     * <p>Checks, in this order (the first failure decides the reason):
     * <ol>
     * <li>length against the maximum, before any decoding: {@code TOO_LARGE};</li>
     * <li>exactly three segments of unpadded base64url, non-empty header and payload:
     *     {@code MALFORMED};</li>
     * <li>header: canonical base64url, one JSON object without duplicate members ({@code MALFORMED});
     *     {@code alg} present, a string, in the allow-list and not {@code none}
     *     ({@code UNSUPPORTED_ALGORITHM}); no {@code enc} ({@code MALFORMED}); no {@code crit} and no
     *     {@code b64} ({@code UNSUPPORTED_CRITICAL_HEADER}); {@code typ} absent or {@code JWT}, no
     *     {@code cty} ({@code WRONG_TYPE});</li>
     * <li>key: {@code kid} selects a trusted key bound to the algorithm ({@code UNKNOWN_KEY}); keys
     *     never come from the token ({@code jwk}, {@code jku}, {@code x5u}, {@code x5c} are
     *     ignored);</li>
     * <li>signature, compared in constant time: {@code BAD_SIGNATURE}; claims are not parsed before
     *     this passes;</li>
     * <li>claims: a JSON object ({@code MALFORMED}); {@code iss}, {@code sub}, {@code aud},
     *     {@code exp}, {@code iat} present ({@code MISSING_CLAIM}); registered claims of the right JSON
     *     type, {@code exp} not before {@code iat} ({@code INVALID_CLAIM}); then {@code WRONG_ISSUER},
     *     {@code WRONG_AUDIENCE}, {@code EXPIRED}, {@code NOT_YET_VALID}, {@code ISSUED_IN_FUTURE},
     *     {@code LIFETIME_TOO_LONG}, each with the clock skew applied to times;</li>
     * <li>revocation: the token, its session or its subject revoked ({@code REVOKED}).</li>
     * </ol>
     *
     * @param token the compact JWS, without a {@code Bearer } prefix; may be {@code null}
     * @return the verified user, or the reason for rejection; never {@code null}
     * @throws AuthUnavailableException when the authority cannot decide (for example, a remote key set
     *                                  is unreachable and nothing is cached); never for a bad token
     */
    public AuthResult authenticate(String token) {
        try {
            return new AuthResult.Authenticated(policy.validate(token));
        } catch (Rejection rejection) {
            return rejection.toResult();
        } catch (AuthUnavailableException e) {
            throw e;
        } catch (RuntimeException e) {
            // Fail closed on anything unexpected; the exception's message may quote input, so only
            // its type is logged.
            log.error("token validation failed unexpectedly with {}; the token is rejected", e.getClass().getName());
            return new AuthResult.Rejected(RejectionReason.MALFORMED, "token could not be validated");
        }
    }

    /**
     * Like {@link #authenticate(String)}, but returns the user or throws.
     *
     * @param token the compact JWS; may be {@code null}
     * @return the verified user
     * @throws TokenRejectedException   when the token is not valid; {@link TokenRejectedException#reason()}
     *                                  says why
     * @throws AuthUnavailableException when the authority cannot decide
     */
    public UserContext verify(String token) {
        AuthResult result = authenticate(token);
        if (result instanceof AuthResult.Authenticated) {
            return ((AuthResult.Authenticated) result).user();
        }
        throw new TokenRejectedException((AuthResult.Rejected) result);
    }

    /**
     * Revokes the token {@code user} came from (by its {@code jti}): from now on it is
     * {@code REVOKED} wherever this authority's revocation store is seen. Kept until the token's
     * expiry plus the clock skew.
     *
     * @param user a verified user
     * @throws NullPointerException     if {@code user} is {@code null}
     * @throws IllegalArgumentException if the token has no {@code jti} (revoke its session or
     *                                  subject instead)
     * @throws AuthUnavailableException if a shared store cannot record it now
     */
    public void revoke(UserContext user) {
        Objects.requireNonNull(user, "user");
        String tokenId = user.tokenId().orElseThrow(() -> new IllegalArgumentException(
                "the token has no jti; revoke its session or subject instead"));
        revocations.revoke(Revocation.ofToken(tokenId, user.expiresAt().plus(clockSkew)));
    }

    /**
     * Revokes every token of a login session ({@code sid}), such as on "log out". Kept for the
     * maximum token lifetime plus the clock skew, by which time every token of the session has
     * expired.
     *
     * @param sessionId the {@code sid}
     * @throws NullPointerException     if {@code sessionId} is {@code null}
     * @throws IllegalArgumentException if it is empty
     * @throws AuthUnavailableException if a shared store cannot record it now
     */
    public void revokeSession(String sessionId) {
        Objects.requireNonNull(sessionId, "sessionId");
        revocations.revoke(Revocation.ofSession(sessionId, clock.instant().plus(maxTokenLifetime).plus(clockSkew)));
    }

    /**
     * Revokes every token issued to {@code subject} up to now ("log out everywhere", a stolen
     * account, a departed employee). Issue times are whole seconds, so a token issued later in the
     * same second is revoked too: a fresh login right after this call may need to wait a second.
     *
     * @param subject the {@code sub}
     * @throws NullPointerException     if {@code subject} is {@code null}
     * @throws IllegalArgumentException if it is empty
     * @throws AuthUnavailableException if a shared store cannot record it now
     */
    public void revokeSubject(String subject) {
        Objects.requireNonNull(subject, "subject");
        java.time.Instant now = clock.instant();
        revocations.revoke(Revocation.ofSubject(subject, now, now.plus(maxTokenLifetime).plus(clockSkew)));
    }

    /**
     * Calls {@code listener} for every revocation this authority's store records or learns of, on
     * this node or another; adapters use it to close the sockets a revoked token opened.
     *
     * @param listener called on a store thread; must not block for long
     * @return a handle that stops the calls when closed
     * @throws NullPointerException if {@code listener} is {@code null}
     */
    public RevocationStore.Subscription onRevocation(java.util.function.Consumer<Revocation> listener) {
        return revocations.subscribe(listener);
    }

    /**
     * Identifies the key material this authority trusts without revealing it. Two authorities that
     * trust the same keys (for a secret: the same bytes, however they were encoded in configuration)
     * have the same fingerprint; the value is neither the secret nor a plain hash of it. The same
     * fingerprints appear in configuration error messages.
     *
     * @return 16 lowercase hex characters
     * @throws AuthUnavailableException when the keys come from a remote set that cannot be fetched
     */
    public String fingerprint() {
        return keys.fingerprint();
    }

    /**
     * The public JWK Set to publish, e.g. at {@code /.well-known/jwks.json}: the public half of every
     * trusted asymmetric key, with {@code kid}, {@code use} and {@code alg}; never a private member.
     * An authority with an HMAC secret publishes an empty set.
     *
     * @return a JSON object with a {@code keys} array
     * @throws AuthUnavailableException when the keys come from a remote set that cannot be fetched
     */
    public String publicJwks() {
        return keys.publicJwks();
    }

    /**
     * Whether this authority can {@link #issue} tokens (it has an HMAC secret or signing keys), as
     * opposed to only verifying them with a published key set.
     *
     * @return whether {@code issue} works
     */
    public boolean canIssue() {
        return signingKey != null;
    }

    /**
     * The exact {@code iss} this authority issues and requires.
     *
     * @return the issuer
     */
    public String issuer() {
        return issuer;
    }

    /**
     * The accepted audiences; the first is the one issued tokens carry.
     *
     * @return an unmodifiable, non-empty list
     */
    public List<String> audiences() {
        return audiences;
    }

    /**
     * The clock every time decision uses. Adapters schedule expiry with it.
     *
     * @return the clock
     */
    public Clock clock() {
        return clock;
    }

    /**
     * The tolerance applied to {@code exp}, {@code nbf} and {@code iat}.
     *
     * @return the clock skew
     */
    public Duration clockSkew() {
        return clockSkew;
    }

    /**
     * The default lifetime of issued tokens.
     *
     * @return the token lifetime
     */
    public Duration tokenTtl() {
        return tokenTtl;
    }

    /**
     * The longest token, in bytes, that is looked at; longer ones are {@code TOO_LARGE}.
     *
     * @return the maximum token length
     */
    public int maxTokenBytes() {
        return maxTokenBytes;
    }

    /** The JWS-level path (structure, header, signature) without the claims policy; for tests. */
    byte[] verifySignatureOnly(String token) throws Rejection {
        return policy.verifyJws(token).payload;
    }

    /**
     * A safe description for logs: the algorithms and the key fingerprint; no secret, and not the
     * issuer or audiences either, since those are claim values of every token.
     *
     * @return the description
     */
    @Override
    public String toString() {
        // A remote key set is described without fetching it: toString must never do I/O.
        return "JwtAuthority[algorithms=" + names(algorithms) + ", "
                + (keys instanceof RemoteKeySet ? "keys=remote" : "fingerprint=" + fingerprint()) + "]";
    }

    static String names(Collection<JwsAlgorithm> algorithms) {
        return algorithms.stream().map(Enum::name).sorted().collect(Collectors.joining(", ", "[", "]"));
    }

    /**
     * Builds a {@link JwtAuthority}. Each setting may be given once ({@link IllegalStateException}
     * otherwise); a value out of range is an {@link IllegalArgumentException} naming the setting and
     * the rule; {@link #build()} checks what spans settings. Not thread-safe; the authority is.
     */
    public static final class Builder {
        private byte[] hmacSecret;
        private String hmacKeyId;
        private Path signingKeys;
        private Path jwksFile;
        private URI jwksUri;
        private Duration jwksCacheTtl;
        private Duration jwksRefreshAhead;
        private Duration jwksMinRefreshInterval;
        private Duration jwksOutageTolerance;
        private Duration jwksTimeout;
        private Integer jwksMaxBytes;
        /** How each key setting is named in messages; {@link #fromEnvironment} names variables. */
        final Map<String, String> labels = new java.util.HashMap<>();
        private RevocationStore revocationStore;
        /** The provider for EC and Ed25519; tests may force the JDK's with {@code null}. */
        Provider provider = CryptoProviders.bouncyCastle();
        private String issuer;
        private final List<String> audiences = new ArrayList<>();
        private boolean audienceSet;
        private boolean additionalAudiencesSet;
        private List<String> algorithmNames;
        private Clock clock;
        private Duration clockSkew;
        private Duration tokenTtl;
        private Duration maxTokenLifetime;
        private Integer maxTokenBytes;
        private Integer cacheEntries;
        private long cacheBytes;

        private Builder() {
        }

        /**
         * The shared HMAC secret that signs and verifies tokens. It must be at least as long as the
         * hash of the strongest allowed algorithm (32 bytes for HS256, 48 for HS384, 64 for HS512)
         * and not a published one; {@link #build()} checks both.
         *
         * @param secret the secret bytes; copied
         * @return this builder
         * @throws NullPointerException  if {@code secret} is {@code null}
         * @throws IllegalStateException if a secret was already given
         */
        public Builder hmacSecret(byte[] secret) {
            Objects.requireNonNull(secret, "hmacSecret");
            once(hmacSecret, "hmacSecret");
            this.hmacSecret = secret.clone();
            return this;
        }

        /**
         * The key id of the HMAC secret: issued tokens carry it as {@code kid}, and a token that names
         * a {@code kid} is accepted only when it is this one. Without it, tokens are issued without a
         * {@code kid} and any token that names one is {@code UNKNOWN_KEY}.
         *
         * @param keyId the key id, not blank
         * @return this builder
         * @throws NullPointerException     if {@code keyId} is {@code null}
         * @throws IllegalArgumentException if it is blank
         * @throws IllegalStateException    if a key id was already given
         */
        public Builder hmacKeyId(String keyId) {
            Objects.requireNonNull(keyId, "hmacKeyId");
            once(hmacKeyId, "hmacKeyId");
            if (keyId.isBlank()) {
                throw new IllegalArgumentException("hmacKeyId must not be blank");
            }
            this.hmacKeyId = keyId;
            return this;
        }

        /**
         * A private JWK Set (RFC 7517) to sign with: the first key signs every issued token, which
         * carries its {@code kid} (the key's RFC 7638 thumbprint when it has none); every key of the
         * set verifies. RSA (2048 bits or more), EC (P-256, P-384, P-521) and Ed25519 keys; read and
         * checked once, at {@link #build()}.
         *
         * @param file the JWK Set file, with private members
         * @return this builder
         * @throws NullPointerException  if {@code file} is {@code null}
         * @throws IllegalStateException if signing keys were already given
         */
        public Builder signingKeys(Path file) {
            Objects.requireNonNull(file, "signingKeys");
            once(signingKeys, "signingKeys");
            this.signingKeys = file;
            return this;
        }

        /**
         * A public JWK Set file to verify with; this authority then only verifies. A key with private
         * members is refused: a verifier never needs one.
         *
         * @param file the JWK Set file
         * @return this builder
         * @throws NullPointerException  if {@code file} is {@code null}
         * @throws IllegalStateException if a JWK Set file was already given
         */
        public Builder jwksFile(Path file) {
            Objects.requireNonNull(file, "jwksFile");
            once(jwksFile, "jwksFile");
            this.jwksFile = file;
            return this;
        }

        /**
         * The address of a published JWK Set to verify with, such as the login service's
         * {@code /.well-known/jwks.json}; this authority then only verifies. Fetched on first use and
         * cached; see the {@code jwks*} settings for refresh, rate limit and outage behaviour.
         *
         * @param uri an {@code https} URI, or {@code http} on a loopback host
         * @return this builder
         * @throws NullPointerException     if {@code uri} is {@code null}
         * @throws IllegalArgumentException if it is not https (nor http on loopback)
         * @throws IllegalStateException    if a URI was already given
         */
        public Builder jwksUri(URI uri) {
            Objects.requireNonNull(uri, "jwksUri");
            once(jwksUri, "jwksUri");
            if (!isHttpsOrLoopbackHttp(uri)) {
                throw new IllegalArgumentException("jwksUri must be an https URI (http only on a loopback host)");
            }
            this.jwksUri = uri;
            return this;
        }

        /**
         * How long a fetched JWK Set is used before it is fetched again (default 5 minutes).
         *
         * @param ttl between 1 second and 1 day
         * @return this builder
         * @throws IllegalArgumentException if out of range
         * @throws IllegalStateException    if already given
         */
        public Builder jwksCacheTtl(Duration ttl) {
            once(jwksCacheTtl, "jwksCacheTtl");
            this.jwksCacheTtl = range("jwksCacheTtl", ttl, Duration.ofSeconds(1), Duration.ofDays(1));
            return this;
        }

        /**
         * How long before the cache expires a background refresh starts, while the cached set keeps
         * serving (default 30 seconds).
         *
         * @param ahead between 0 and 1 hour
         * @return this builder
         * @throws IllegalArgumentException if out of range
         * @throws IllegalStateException    if already given
         */
        public Builder jwksRefreshAhead(Duration ahead) {
            once(jwksRefreshAhead, "jwksRefreshAhead");
            this.jwksRefreshAhead = range("jwksRefreshAhead", ahead, Duration.ZERO, Duration.ofHours(1));
            return this;
        }

        /**
         * The shortest time between two fetches of the JWK Set (default 30 seconds). A token with an
         * unknown {@code kid} triggers a fetch only when this much time has passed since the last one.
         *
         * @param interval between 0 and 1 hour
         * @return this builder
         * @throws IllegalArgumentException if out of range
         * @throws IllegalStateException    if already given
         */
        public Builder jwksMinRefreshInterval(Duration interval) {
            once(jwksMinRefreshInterval, "jwksMinRefreshInterval");
            this.jwksMinRefreshInterval = range("jwksMinRefreshInterval", interval, Duration.ZERO, Duration.ofHours(1));
            return this;
        }

        /**
         * How long past its expiry the last good JWK Set keeps serving while the source cannot be
         * fetched (default 1 hour); after that, {@link #authenticate} throws
         * {@link AuthUnavailableException}.
         *
         * @param tolerance between 0 and 7 days
         * @return this builder
         * @throws IllegalArgumentException if out of range
         * @throws IllegalStateException    if already given
         */
        public Builder jwksOutageTolerance(Duration tolerance) {
            once(jwksOutageTolerance, "jwksOutageTolerance");
            this.jwksOutageTolerance = range("jwksOutageTolerance", tolerance, Duration.ZERO, Duration.ofDays(7));
            return this;
        }

        /**
         * The bound on one fetch of the JWK Set, connection, headers and body together (default 3
         * seconds).
         *
         * @param timeout between 100 milliseconds and 1 minute
         * @return this builder
         * @throws IllegalArgumentException if out of range
         * @throws IllegalStateException    if already given
         */
        public Builder jwksTimeout(Duration timeout) {
            once(jwksTimeout, "jwksTimeout");
            this.jwksTimeout = range("jwksTimeout", timeout, Duration.ofMillis(100), Duration.ofMinutes(1));
            return this;
        }

        /**
         * The largest JWK Set response accepted (default 65,536 bytes).
         *
         * @param bytes between 1,024 and 16,777,216
         * @return this builder
         * @throws IllegalArgumentException if out of range
         * @throws IllegalStateException    if already given
         */
        public Builder jwksMaxBytes(int bytes) {
            once(jwksMaxBytes, "jwksMaxBytes");
            if (bytes < 1024 || bytes > 1 << 24) {
                throw new IllegalArgumentException("jwksMaxBytes must be between 1024 and 16777216; got " + bytes);
            }
            this.jwksMaxBytes = bytes;
            return this;
        }

        private static Duration range(String setting, Duration value, Duration min, Duration max) {
            Objects.requireNonNull(value, setting);
            if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
                throw new IllegalArgumentException(setting + " must be between " + min + " and " + max + "; got " + value);
            }
            return value;
        }

        private static boolean isHttpsOrLoopbackHttp(URI uri) {
            if (!uri.isAbsolute() || uri.getHost() == null) {
                return false;
            }
            if ("https".equalsIgnoreCase(uri.getScheme())) {
                return true;
            }
            if (!"http".equalsIgnoreCase(uri.getScheme())) {
                return false;
            }
            String host = uri.getHost();
            if (host.equalsIgnoreCase("localhost")) {
                return true;
            }
            if (!host.matches("[0-9.]+|\\[[0-9a-fA-F:.]+\\]")) {
                return false; // never resolve a name here
            }
            try {
                return InetAddress.getByName(host).isLoopbackAddress();
            } catch (UnknownHostException e) {
                return false;
            }
        }

        /**
         * Where revocations are kept and looked up (default: a new {@link InMemoryRevocationStore}
         * on this authority's clock, which serves one process). Give every authority of a process
         * the same store, and use a shared store (such as the Redis one) across processes.
         *
         * @param store the store
         * @return this builder
         * @throws NullPointerException  if {@code store} is {@code null}
         * @throws IllegalStateException if a store was already given
         */
        public Builder revocationStore(RevocationStore store) {
            Objects.requireNonNull(store, "revocationStore");
            once(revocationStore, "revocationStore");
            this.revocationStore = store;
            return this;
        }

        /**
         * The exact {@code iss} to issue and to require (compared case-sensitively).
         *
         * @param issuer the issuer, not blank
         * @return this builder
         * @throws NullPointerException     if {@code issuer} is {@code null}
         * @throws IllegalArgumentException if it is blank
         * @throws IllegalStateException    if an issuer was already given
         */
        public Builder issuer(String issuer) {
            Objects.requireNonNull(issuer, "issuer");
            once(this.issuer, "issuer");
            if (issuer.isBlank()) {
                throw new IllegalArgumentException("issuer must not be blank");
            }
            this.issuer = issuer;
            return this;
        }

        /**
         * The audience issued tokens carry, and one that is accepted.
         *
         * @param audience the audience, not blank
         * @return this builder
         * @throws NullPointerException     if {@code audience} is {@code null}
         * @throws IllegalArgumentException if it is blank
         * @throws IllegalStateException    if an audience was already given
         */
        public Builder audience(String audience) {
            Objects.requireNonNull(audience, "audience");
            if (audienceSet) {
                throw new IllegalStateException("audience is already set");
            }
            if (audience.isBlank()) {
                throw new IllegalArgumentException("audience must not be blank");
            }
            audiences.remove(audience);
            audiences.add(0, audience);
            audienceSet = true;
            return this;
        }

        /**
         * Further audiences to accept besides {@link #audience(String)}; a token is accepted when its
         * {@code aud} shares at least one value with the accepted set.
         *
         * @param audiences the audiences, none blank
         * @return this builder
         * @throws NullPointerException     if the array or an element is {@code null}
         * @throws IllegalArgumentException if one is blank
         * @throws IllegalStateException    if further audiences were already given
         */
        public Builder additionalAudiences(String... audiences) {
            Objects.requireNonNull(audiences, "additionalAudiences");
            if (additionalAudiencesSet) {
                throw new IllegalStateException("additionalAudiences is already set");
            }
            for (String audience : audiences) {
                Objects.requireNonNull(audience, "audience");
                if (audience.isBlank()) {
                    throw new IllegalArgumentException("additionalAudiences must not contain a blank audience");
                }
                if (!this.audiences.contains(audience)) {
                    this.audiences.add(audience);
                }
            }
            additionalAudiencesSet = true;
            return this;
        }

        /**
         * The allow-list of JWS algorithms (default {@code HS256}). The first one signs issued
         * tokens; {@code none} is never allowed.
         *
         * @param algorithms JWS names such as {@code "HS256"}, {@code "HS512"}
         * @return this builder
         * @throws NullPointerException     if the array or an element is {@code null}
         * @throws IllegalArgumentException if it is empty or names an unknown algorithm or {@code none}
         * @throws IllegalStateException    if algorithms were already given
         */
        public Builder algorithms(String... algorithms) {
            Objects.requireNonNull(algorithms, "algorithms");
            once(algorithmNames, "algorithms");
            if (algorithms.length == 0) {
                throw new IllegalArgumentException("algorithms must name at least one algorithm");
            }
            List<String> names = new ArrayList<>();
            for (String name : algorithms) {
                Objects.requireNonNull(name, "algorithm");
                if (JwsAlgorithm.isNone(name)) {
                    throw new IllegalArgumentException("algorithms must not contain 'none': unsecured tokens are "
                            + "never accepted");
                }
                if (JwsAlgorithm.fromJwsName(name) == null) {
                    throw new IllegalArgumentException("algorithms: '" + name + "' is not a supported algorithm; "
                            + "supported: " + Arrays.toString(JwsAlgorithm.values()));
                }
                names.add(name);
            }
            this.algorithmNames = List.copyOf(names);
            return this;
        }

        /**
         * The clock every time decision and every issued {@code iat} uses (default: the system UTC
         * clock).
         *
         * @param clock the clock
         * @return this builder
         * @throws NullPointerException  if {@code clock} is {@code null}
         * @throws IllegalStateException if a clock was already given
         */
        public Builder clock(Clock clock) {
            Objects.requireNonNull(clock, "clock");
            once(this.clock, "clock");
            this.clock = clock;
            return this;
        }

        /**
         * Tolerance for {@code exp}, {@code nbf} and {@code iat} (default 60 seconds).
         *
         * @param skew between zero and ten minutes
         * @return this builder
         * @throws NullPointerException     if {@code skew} is {@code null}
         * @throws IllegalArgumentException if it is negative or above ten minutes
         * @throws IllegalStateException    if a skew was already given
         */
        public Builder clockSkew(Duration skew) {
            Objects.requireNonNull(skew, "clockSkew");
            once(this.clockSkew, "clockSkew");
            if (skew.isNegative() || skew.compareTo(Duration.ofMinutes(10)) > 0) {
                throw new IllegalArgumentException("clockSkew must be between 0 and 10 minutes; got " + skew);
            }
            this.clockSkew = skew;
            return this;
        }

        /**
         * Lifetime of issued tokens (default 15 minutes); at most the maximum token lifetime.
         *
         * @param ttl at least one second
         * @return this builder
         * @throws NullPointerException     if {@code ttl} is {@code null}
         * @throws IllegalArgumentException if it is shorter than one second
         * @throws IllegalStateException    if a lifetime was already given
         */
        public Builder tokenTtl(Duration ttl) {
            Objects.requireNonNull(ttl, "tokenTtl");
            once(this.tokenTtl, "tokenTtl");
            if (ttl.compareTo(Duration.ofSeconds(1)) < 0) {
                throw new IllegalArgumentException("tokenTtl must be at least 1 second; got " + ttl);
            }
            this.tokenTtl = ttl;
            return this;
        }

        /**
         * Longest accepted {@code exp - iat} (default 24 hours); longer-lived tokens are
         * {@code LIFETIME_TOO_LONG}.
         *
         * @param lifetime between one second and 366 days
         * @return this builder
         * @throws NullPointerException     if {@code lifetime} is {@code null}
         * @throws IllegalArgumentException if it is out of range
         * @throws IllegalStateException    if a maximum was already given
         */
        public Builder maxTokenLifetime(Duration lifetime) {
            Objects.requireNonNull(lifetime, "maxTokenLifetime");
            once(this.maxTokenLifetime, "maxTokenLifetime");
            if (lifetime.compareTo(Duration.ofSeconds(1)) < 0 || lifetime.compareTo(Duration.ofDays(366)) > 0) {
                throw new IllegalArgumentException("maxTokenLifetime must be between 1 second and 366 days; got "
                        + lifetime);
            }
            this.maxTokenLifetime = lifetime;
            return this;
        }

        /**
         * Longest token looked at (default 8192 bytes); longer ones are {@code TOO_LARGE} before any
         * decoding.
         *
         * @param bytes between 256 and 1,048,576
         * @return this builder
         * @throws IllegalArgumentException if it is out of range
         * @throws IllegalStateException    if a maximum was already given
         */
        public Builder maxTokenBytes(int bytes) {
            once(this.maxTokenBytes, "maxTokenBytes");
            if (bytes < 256 || bytes > 1 << 20) {
                throw new IllegalArgumentException("maxTokenBytes must be between 256 and 1048576; got " + bytes);
            }
            this.maxTokenBytes = bytes;
            return this;
        }

        /**
         * Remembers up to {@code maxEntries} verified tokens, so that a token presented again (a
         * browser calling an API, a socket checking its token on each message) is answered without
         * parsing it or checking its signature again. Off by default. Every hit still checks
         * {@code exp}, {@code nbf}, {@code iat} and the maximum lifetime against the clock, asks the
         * revocation store, and checks that the key that verified the token is still the trusted key
         * for it (after a key is removed, or a remote key set is fetched again, its tokens are
         * verified afresh). Entries are found by the whole token text. Memory is bounded by the entry
         * count and by an estimate of {@code maxEntries × 4 KiB} (at most 1 GiB); the oldest entries go
         * first.
         *
         * @param maxEntries between 1 and 1,000,000
         * @return this builder
         * @throws IllegalArgumentException if it is out of range
         * @throws IllegalStateException    if a cache was already configured
         */
        public Builder verifiedTokenCache(int maxEntries) {
            return verifiedTokenCache(maxEntries, Math.min(4096L * Math.max(maxEntries, 1), 1L << 30));
        }

        /**
         * Like {@link #verifiedTokenCache(int)}, with an explicit bound on the estimated bytes the
         * cache keeps alive (the token text, about twice its claims' size for the parsed user, and a
         * fixed overhead per entry). A token too large for the bound on its own is not cached.
         *
         * @param maxEntries between 1 and 1,000,000
         * @param maxBytes   between 1 KiB and 1 GiB
         * @return this builder
         * @throws IllegalArgumentException if either is out of range
         * @throws IllegalStateException    if a cache was already configured
         */
        public Builder verifiedTokenCache(int maxEntries, long maxBytes) {
            once(cacheEntries, "verifiedTokenCache");
            if (maxEntries < 1 || maxEntries > 1_000_000) {
                throw new IllegalArgumentException("verifiedTokenCache maxEntries must be between 1 and 1000000; got "
                        + maxEntries);
            }
            if (maxBytes < 1024 || maxBytes > 1L << 30) {
                throw new IllegalArgumentException("verifiedTokenCache maxBytes must be between 1024 and 1073741824; got "
                        + maxBytes);
            }
            this.cacheEntries = maxEntries;
            this.cacheBytes = maxBytes;
            return this;
        }

        /**
         * Checks the settings together and builds the authority.
         *
         * @return the immutable authority
         * @throws AuthConfigurationException when no key or more than one source of keys is
         *                                    configured, the issuer or audience is missing, the secret
         *                                    is too short for the allowed algorithms or is a published
         *                                    one, a key set cannot be read or holds an unsafe key, an
         *                                    algorithm does not fit the kind of key, or the token
         *                                    lifetime exceeds the maximum
         */
        public JwtAuthority build() {
            List<String> roots = new ArrayList<>();
            if (hmacSecret != null) {
                roots.add(label("hmacSecret"));
            }
            if (signingKeys != null) {
                roots.add(label("signingKeys"));
            }
            if (jwksFile != null) {
                roots.add(label("jwksFile"));
            }
            if (jwksUri != null) {
                roots.add(label("jwksUri"));
            }
            if (roots.size() > 1) {
                throw new AuthConfigurationException("two roots of trust are configured: " + String.join(" and ", roots)
                        + "; configure exactly one source of keys");
            }
            List<String> missing = new ArrayList<>();
            if (roots.isEmpty()) {
                missing.add("a key (hmacSecret, signingKeys, jwksFile or jwksUri)");
            }
            if (issuer == null) {
                missing.add("issuer");
            }
            if (!audienceSet) {
                missing.add("audience");
            }
            if (!missing.isEmpty()) {
                throw new AuthConfigurationException("JwtAuthority needs " + String.join(", ", missing));
            }
            if (clock == null) {
                clock = Clock.systemUTC();
            }
            if (clockSkew == null) {
                clockSkew = DEFAULT_CLOCK_SKEW;
            }
            if (maxTokenLifetime == null) {
                maxTokenLifetime = DEFAULT_MAX_TOKEN_LIFETIME;
            }
            if (tokenTtl == null) {
                tokenTtl = DEFAULT_TOKEN_TTL.compareTo(maxTokenLifetime) <= 0 ? DEFAULT_TOKEN_TTL : maxTokenLifetime;
            }
            if (tokenTtl.compareTo(maxTokenLifetime) > 0) {
                throw new AuthConfigurationException("tokenTtl (" + tokenTtl + ") exceeds maxTokenLifetime ("
                        + maxTokenLifetime + ")");
            }
            if (maxTokenBytes == null) {
                maxTokenBytes = DEFAULT_MAX_TOKEN_BYTES;
            }
            boolean symmetric = hmacSecret != null;
            List<String> names = algorithmNames != null ? algorithmNames
                    : symmetric ? List.of("HS256") : List.of("RS256", "PS256", "ES256", "EdDSA");
            List<JwsAlgorithm> ordered = new ArrayList<>();
            for (String name : names) {
                JwsAlgorithm algorithm = JwsAlgorithm.fromJwsName(name);
                if (!ordered.contains(algorithm)) {
                    ordered.add(algorithm);
                }
            }
            Set<JwsAlgorithm> allowed = EnumSet.copyOf(ordered);
            for (JwsAlgorithm algorithm : allowed) {
                if ((algorithm.family() == JwsAlgorithm.Family.HMAC) != symmetric) {
                    throw new AuthConfigurationException("algorithm " + algorithm + (symmetric
                            ? " needs an asymmetric key set, but an HMAC secret is configured"
                            : " needs an HMAC secret, but a key set is configured") + "; one authority has one kind "
                            + "of key");
                }
            }
            KeyResolver keys;
            SigningKey signer;
            if (symmetric) {
                int minBytes = 0;
                for (JwsAlgorithm algorithm : allowed) {
                    minBytes = Math.max(minBytes, algorithm.minKeyBytes());
                }
                SecretRules.check(hmacSecret, minBytes, label("hmacSecret"));
                HmacKey key = new HmacKey(hmacSecret, hmacKeyId, ordered.get(0), allowed);
                keys = new KeySet(List.of(key), Fingerprints.of(hmacSecret), "{\"keys\":[]}");
                signer = key;
            } else if (jwksUri != null) {
                keys = new RemoteKeySet(jwksUri, new RemoteKeySet.Options(
                        jwksCacheTtl != null ? jwksCacheTtl : DEFAULT_JWKS_CACHE_TTL,
                        jwksRefreshAhead != null ? jwksRefreshAhead : DEFAULT_JWKS_REFRESH_AHEAD,
                        jwksMinRefreshInterval != null ? jwksMinRefreshInterval : DEFAULT_JWKS_MIN_REFRESH_INTERVAL,
                        jwksOutageTolerance != null ? jwksOutageTolerance : DEFAULT_JWKS_OUTAGE_TOLERANCE,
                        jwksTimeout != null ? jwksTimeout : DEFAULT_JWKS_TIMEOUT,
                        jwksMaxBytes != null ? jwksMaxBytes : DEFAULT_JWKS_MAX_BYTES), clock, allowed, provider);
                signer = null;
            } else {
                boolean withPrivate = signingKeys != null;
                String setting = withPrivate ? "signingKeys" : "jwksFile";
                Path file = withPrivate ? signingKeys : jwksFile;
                byte[] json;
                try {
                    json = Files.readAllBytes(file);
                } catch (IOException e) {
                    throw new AuthConfigurationException("cannot read " + label(setting) + " (" + file + "): "
                            + e.getClass().getSimpleName());
                }
                List<AsymmetricKey> parsed;
                try {
                    parsed = JwkSets.parse(json, withPrivate, allowed, provider);
                } catch (JwkSets.InvalidSetException e) {
                    throw new AuthConfigurationException(label(setting) + " is refused: " + e.getMessage());
                }
                KeySet set = KeySet.ofAsymmetric(parsed);
                keys = set;
                signer = withPrivate ? parsed.get(0) : null;
            }
            JwtAuthority authority = new JwtAuthority(this, keys, signer, Set.copyOf(allowed));
            log.debug("JWT authority built: {}", authority);
            return authority;
        }

        private String label(String setting) {
            return labels.getOrDefault(setting, setting);
        }

        private static void once(Object current, String setting) {
            if (current != null) {
                throw new IllegalStateException(setting + " is already set");
            }
        }
    }
}
