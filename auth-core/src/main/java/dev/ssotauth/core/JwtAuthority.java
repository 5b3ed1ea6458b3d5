package dev.ssotauth.core;

import dev.ssotauth.core.internal.AuthoritySettings;
import dev.ssotauth.core.internal.CryptoProviders;
import dev.ssotauth.core.internal.Events;
import dev.ssotauth.core.internal.EnvironmentConfiguration;
import dev.ssotauth.core.internal.JwsAlgorithm;
import dev.ssotauth.core.internal.KeyResolver;
import dev.ssotauth.core.internal.KeySources;
import dev.ssotauth.core.internal.RemoteKeySet;
import dev.ssotauth.core.internal.TrustedIssuers;

import java.security.Provider;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

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
 * {@link #fromEnvironment()}. Every setting, its variable, default and range is listed in the
 * configuration reference, {@code docs/configuration.md}.
 *
 * <p>Immutable and thread-safe; one instance per process is enough. {@link #close()} stops the
 * threads of a remote key set and the revocation subscriptions handed out by {@link #onRevocation}.
 */
public final class JwtAuthority implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(JwtAuthority.class);

    private final AuthoritySettings settings;
    private final KeyResolver keys;
    private final TokenPolicy policy;
    /** {@code null} when this authority only verifies. */
    private final TokenIssuer issuer;
    private final RevocationStore revocations;
    private final Subscriptions subscriptions = new Subscriptions();
    private final Decisions decisions;

    private JwtAuthority(AuthoritySettings settings, KeySources.Keys keys) {
        this.settings = settings;
        this.keys = keys.resolver();
        this.revocations = settings.revocationStore() != null ? settings.revocationStore()
                : new InMemoryRevocationStore(settings.clock());
        this.policy = new TokenPolicy(settings, this.keys, revocations);
        this.decisions = new Decisions(policy, settings.events());
        this.issuer = keys.signer() == null ? null : new TokenIssuer(keys.signer(), settings);
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
     * {@code JWT_AUDIENCE}, …; see the configuration reference). A setting given in both places with
     * different values, or the secret under its legacy aliases ({@code JWT_SECRET},
     * {@code WEBSOCKET_JWT_SECRET}, {@code AUTH_SERVICE_JWT_SECRET}) with different values, is
     * refused; equal duplicates and aliases start with a warning naming what to remove or rename.
     *
     * @return the authority
     * @throws AuthConfigurationException when the configuration is missing, unreadable, out of range,
     *                                    weak, conflicting or has two roots of trust; the message names
     *                                    variables and fingerprints, never secrets
     */
    public static JwtAuthority fromEnvironment() {
        return builderFromEnvironment().build();
    }

    /**
     * Builds the authority from {@code variables}, read as environment variables under the names and
     * rules of {@link #fromEnvironment()}; the process environment and system properties are not
     * consulted.
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
     * A builder filled from the single configuration source, for what the environment does not carry
     * (a shared {@link Builder#revocationStore revocation store}, a {@link Builder#clock clock}) or
     * lacks. {@code builderFromEnvironment().build()} is {@code fromEnvironment()}. A setting the
     * environment gave cannot be given again ({@link IllegalStateException}); {@link Builder#build()}
     * checks the rules that span settings, naming the environment's variables.
     *
     * @return a new builder, filled from the process environment and the system properties
     * @throws AuthConfigurationException when a variable is empty, unreadable, out of range or
     *                                    conflicting; the message names variables and fingerprints
     */
    public static Builder builderFromEnvironment() {
        return BuilderSettings.fromSources(EnvironmentConfiguration.processSources());
    }

    /**
     * A builder filled from {@code variables} as {@link #builderFromEnvironment()} fills one from the
     * process; the process environment and system properties are not consulted.
     *
     * @param variables the variables
     * @return a new builder, filled from {@code variables}
     * @throws AuthConfigurationException as for {@link #builderFromEnvironment()}
     * @throws NullPointerException       if {@code variables} is or contains {@code null}
     */
    public static Builder builderFromEnvironment(Map<String, String> variables) {
        Objects.requireNonNull(variables, "variables");
        return BuilderSettings.fromSources(List.of(new EnvironmentConfiguration.Source("environment variable", variables)));
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
     * @throws IllegalStateException    if this authority has no signing key (it only verifies)
     */
    public String issue(TokenRequest request) {
        Objects.requireNonNull(request, "request");
        if (issuer == null) {
            throw new IllegalStateException("this authority only verifies tokens: it has no signing key (configure "
                    + "hmacSecret or signingKeys to issue)");
        }
        return issuer.issue(request);
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
     *     {@code b64} ({@code UNSUPPORTED_CRITICAL_HEADER}); {@code typ} absent, {@code JWT} or
     *     {@code at+jwt} (only {@code at+jwt} with {@code requireType}), no {@code cty} ({@code WRONG_TYPE});</li>
     * <li>with {@code issuerUri} only: the claims step up to {@code MISSING_CLAIM}, then {@code iss}
     *     ({@code INVALID_CLAIM}, {@code WRONG_ISSUER}) selects its issuer's keys, so a stranger
     *     costs no fetch;</li>
     * <li>key: {@code kid} selects a trusted key bound to the algorithm ({@code UNKNOWN_KEY}; but
     *     {@link AuthUnavailableException} for a kid a remote set lacks, when no fetch is allowed yet
     *     and the token's {@code iat} is not a second older than the last fetch); keys never come
     *     from the token ({@code jwk}, {@code jku}, {@code x5u}, {@code x5c} are ignored);</li>
     * <li>signature, compared in constant time: {@code BAD_SIGNATURE}; claims are not parsed before
     *     this passes (but for the two cases above);</li>
     * <li>claims: a JSON object ({@code MALFORMED}); {@code iss}, {@code sub}, {@code aud},
     *     {@code exp}, {@code iat} present ({@code MISSING_CLAIM}); registered claims of the right JSON
     *     type, {@code exp} not before {@code iat} ({@code INVALID_CLAIM}); an ID or refresh token (payload
     *     {@code typ} {@code ID} / {@code Refresh}, or a {@code nonce}: {@code WRONG_TYPE}); then {@code WRONG_ISSUER},
     *     {@code WRONG_AUDIENCE}, {@code EXPIRED}, {@code NOT_YET_VALID}, {@code ISSUED_IN_FUTURE},
     *     {@code LIFETIME_TOO_LONG}, each with the clock skew applied to times;</li>
     * <li>revocation: the token, its session or its subject revoked ({@code REVOKED}).</li>
     * </ol>
     *
     * @param token the compact JWS, without a {@code Bearer } prefix; may be {@code null}
     * @return the verified user, or the reason for rejection; never {@code null}
     * @throws AuthUnavailableException when the authority cannot decide: a remote key set is
     *                                  unreachable and nothing usable is cached, or a part of the
     *                                  validation (a revocation store, a provider) failed unexpectedly;
     *                                  never for a bad token
     */
    public AuthResult authenticate(String token) {
        return decisions.decide(token);
    }

    /** Times {@link #authenticate} reached its last resort (an unexpected exception); tests assert zero. */
    long unexpectedFailures() { return decisions.unexpectedFailures(); }

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
        return authenticate(token).orElseThrow();
    }

    /**
     * Revokes the token {@code user} came from (by its {@code jti}), wherever this authority's
     * revocation store is seen, until the token's expiry plus the clock skew.
     *
     * @param user a verified user
     * @throws NullPointerException     if {@code user} is {@code null}
     * @throws IllegalArgumentException if the token has no {@code jti} (revoke its session or subject)
     * @throws AuthUnavailableException if a shared store cannot record it now
     */
    public void revoke(UserContext user) {
        Objects.requireNonNull(user, "user");
        String tokenId = user.tokenId().orElseThrow(() -> new IllegalArgumentException(
                "the token has no jti; revoke its session or subject instead"));
        revoke(Revocation.ofToken(tokenId, user.expiresAt().plus(settings.clockSkew())));
    }

    /**
     * Revokes every token of a login session ({@code sid}), such as on "log out"; kept for the
     * maximum token lifetime plus the clock skew, by which time every token of the session expired.
     *
     * @param sessionId the {@code sid}
     * @throws NullPointerException     if {@code sessionId} is {@code null}
     * @throws IllegalArgumentException if it is empty
     * @throws AuthUnavailableException if a shared store cannot record it now
     */
    public void revokeSession(String sessionId) {
        Objects.requireNonNull(sessionId, "sessionId");
        revoke(Revocation.ofSession(sessionId, keptUntil(settings.clock().instant())));
    }

    /**
     * Revokes every token issued to {@code subject} up to now ("log out everywhere"). Issue times are
     * whole seconds, so a token issued later in the same second is revoked too.
     *
     * @param subject the {@code sub}
     * @throws NullPointerException     if {@code subject} is {@code null}
     * @throws IllegalArgumentException if it is empty
     * @throws AuthUnavailableException if a shared store cannot record it now
     */
    public void revokeSubject(String subject) {
        Objects.requireNonNull(subject, "subject");
        Instant now = settings.clock().instant();
        revoke(Revocation.ofSubject(subject, now, keptUntil(now)));
    }

    private void revoke(Revocation revocation) {
        revocations.revoke(revocation);
        events().onEvent(new AuthEvent.Revoked(revocation.kind()));
    }

    private Instant keptUntil(Instant now) {
        return now.plus(settings.maxTokenLifetime()).plus(settings.clockSkew());
    }

    /**
     * Calls {@code listener} for every revocation this authority's store records or learns of, on
     * this node or another; adapters use it to close the sockets a revoked token opened. Closing the
     * authority closes the subscription.
     *
     * @param listener called on a store thread; must not block for long
     * @return a handle that stops the calls when closed
     * @throws NullPointerException  if {@code listener} is {@code null}
     * @throws IllegalStateException if this authority is closed
     */
    public RevocationStore.Subscription onRevocation(Consumer<Revocation> listener) {
        Objects.requireNonNull(listener, "listener");
        return subscriptions.track(revocations.subscribe(listener));
    }

    /**
     * Identifies the key material this authority trusts without revealing it: equal for two
     * authorities that trust the same keys (for a secret: the same bytes, however encoded); neither
     * the secret nor a plain hash of it. Configuration messages show the same fingerprints.
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
     * Whether this authority can {@link #issue} tokens (it has an HMAC secret or signing keys).
     *
     * @return whether {@code issue} works
     */
    public boolean canIssue() {
        return issuer != null;
    }

    /**
     * The exact {@code iss} this authority issues and requires; with {@code issuerUri}, the first
     * trusted one (each token's is {@link UserContext#issuer()}).
     *
     * @return the issuer
     */
    public String issuer() {
        return settings.issuer();
    }

    /**
     * The accepted audiences; the first is the one issued tokens carry.
     *
     * @return an unmodifiable, non-empty list
     */
    public List<String> audiences() {
        return settings.audiences();
    }

    /**
     * The clock every time decision uses. Adapters schedule expiry with it.
     *
     * @return the clock
     */
    public Clock clock() {
        return settings.clock();
    }

    /**
     * The tolerance applied to {@code exp}, {@code nbf} and {@code iat}.
     *
     * @return the clock skew
     */
    public Duration clockSkew() {
        return settings.clockSkew();
    }

    /**
     * The default lifetime of issued tokens.
     *
     * @return the token lifetime
     */
    public Duration tokenTtl() {
        return settings.tokenTtl();
    }

    /**
     * The longest token, in bytes, that is looked at; longer ones are {@code TOO_LARGE}.
     *
     * @return the maximum token length
     */
    public int maxTokenBytes() {
        return settings.maxTokenBytes();
    }

    /**
     * Stops what this authority runs in the background: a remote key set's fetching threads end, and
     * the subscriptions handed out by {@link #onRevocation} are closed. A store given to the builder
     * is not closed (its owner closes it). Afterwards an authority on a remote key set answers from
     * what it has cached, then with {@link AuthUnavailableException}; one with fixed keys keeps
     * working. Idempotent and thread-safe.
     */
    @Override
    public void close() {
        if (subscriptions.close()) {
            keys.close();
        }
    }

    Events events() { return settings.events(); } // where SessionEvents reports

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
        return "JwtAuthority[algorithms=" + JwsAlgorithm.names(settings.algorithms()) + ", "
                + (keys instanceof RemoteKeySet || keys instanceof TrustedIssuers ? "keys=remote" : "fingerprint=" + fingerprint()) + "]";
    }

    /**
     * Builds a {@link JwtAuthority}. Each setter names a setting of the configuration reference
     * ({@code docs/configuration.md}: its variable, default and range). For every setter: a
     * {@code null} is a {@link NullPointerException}; a value out of range an
     * {@link AuthConfigurationException} (an {@link IllegalArgumentException}) naming the setting and
     * the rule, as the environment's variable is named for the same mistake; a setting given twice an
     * {@link IllegalStateException}. {@link #build()} checks what spans settings. Not thread-safe;
     * the authority is.
     */
    public static final class Builder extends BuilderSettings {
        /** The provider for EC and Ed25519; tests may force the JDK's with {@code null}. */
        Provider provider = CryptoProviders.bouncyCastle();

        private Builder() {
        }

        /**
         * Checks the settings together and builds the authority.
         *
         * @return the immutable authority
         * @throws AuthConfigurationException when no key or more than one source of keys is
         *                                    configured, the issuer or audience is missing, a setting
         *                                    tunes one that is not set, the secret is too short or
         *                                    published, a key set cannot be read or holds an unsafe
         *                                    key, an algorithm does not fit the kind of key, or the
         *                                    token lifetime exceeds the maximum
         */
        public JwtAuthority build() {
            AuthoritySettings settings = AuthoritySettings.resolve(given);
            JwtAuthority authority = new JwtAuthority(settings, KeySources.resolve(settings, provider));
            deliverWarnings(settings.events());
            log.debug("JWT authority built: {}", authority);
            return authority;
        }
    }
}
