package dev.ssotauth.core;

import dev.ssotauth.core.internal.EnvironmentConfiguration;
import dev.ssotauth.core.internal.Events;
import dev.ssotauth.core.internal.GivenSettings;
import dev.ssotauth.core.internal.Setting;
import dev.ssotauth.core.internal.Settings;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The setters of {@link JwtAuthority.Builder}, one per setting of the table in
 * {@code internal.Settings}; each takes the value, checks it against the setting's rule and remembers
 * how it was named. Also fills a builder from the environment. Not thread-safe.
 */
abstract sealed class BuilderSettings permits JwtAuthority.Builder {

    private static final Logger log = LoggerFactory.getLogger(JwtAuthority.class);

    final GivenSettings given = new GivenSettings();
    /** Warnings found while reading the environment, for the listener once the authority is built. */
    final List<String> warnings = new ArrayList<>();

    BuilderSettings() {
    }

    /** A builder filled from {@code sources}, warnings logged once each. */
    static JwtAuthority.Builder fromSources(List<EnvironmentConfiguration.Source> sources) {
        Set<String> warnings = new LinkedHashSet<>();
        JwtAuthority.Builder builder = JwtAuthority.builder();
        EnvironmentConfiguration.read(sources, builder.given, warnings::add);
        warnings.forEach(w -> log.warn("ssot-auth configuration: {}", w));
        builder.warnings.addAll(warnings);
        return builder;
    }

    /** Tells {@code events} the warnings found while reading the environment. */
    void deliverWarnings(Events events) {
        warnings.forEach(w -> events.onEvent(new AuthEvent.ConfigurationWarning(w)));
    }

    private <T> JwtAuthority.Builder set(Setting<T> setting, T value) {
        given.put(setting, value, setting.method());
        return (JwtAuthority.Builder) this;
    }

    /**
     * The shared HMAC secret that signs and verifies tokens ({@code JWT_SECRET_KEY}); at least as
     * long as the strongest allowed algorithm's hash and not a published one ({@link JwtAuthority.Builder#build()}).
     *
     * @param secret the secret bytes; copied
     * @return this builder
     */
    public JwtAuthority.Builder hmacSecret(byte[] secret) {
        return set(Settings.HMAC_SECRET, Objects.requireNonNull(secret, "hmacSecret").clone());
    }

    /**
     * The key id of the HMAC secret: issued tokens carry it as {@code kid}, and a token that names
     * a {@code kid} is accepted only when it is this one.
     *
     * @param keyId the key id, not blank
     * @return this builder
     */
    public JwtAuthority.Builder hmacKeyId(String keyId) {
        return set(Settings.HMAC_KEY_ID, keyId);
    }

    /**
     * A private JWK Set (RFC 7517) to sign with: the first key signs (its {@code kid}, or its RFC
     * 7638 thumbprint), every key verifies; RSA 2048+, EC P-256/384/521 and Ed25519, read and
     * checked at {@link JwtAuthority.Builder#build()}.
     *
     * @param file the JWK Set file, with private members
     * @return this builder
     */
    public JwtAuthority.Builder signingKeys(Path file) {
        return set(Settings.SIGNING_KEYS, file);
    }

    /**
     * A public JWK Set file to verify with; the authority then only verifies. A key with private
     * members is refused.
     *
     * @param file the JWK Set file
     * @return this builder
     */
    public JwtAuthority.Builder jwksFile(Path file) {
        return set(Settings.JWKS_FILE, file);
    }

    /**
     * The address of a published JWK Set to verify with, fetched on first use and cached (see the
     * {@code jwks*} settings); the authority then only verifies.
     *
     * @param uri an {@code https} URI, or {@code http} on a loopback host
     * @return this builder
     */
    public JwtAuthority.Builder jwksUri(URI uri) {
        return set(Settings.JWKS_URI, uri);
    }

    /**
     * The identity providers to trust, each by its exact issuer URL. For each, the JWK Set is found
     * through {@code <issuer>/.well-known/openid-configuration} (or the RFC 8414
     * {@code oauth-authorization-server} form), whose {@code issuer} must equal the URL exactly, and is
     * then fetched, cached and refreshed as {@link #jwksUri} is (see the {@code jwks*} settings). A
     * token's {@code iss} selects its issuer's keys: a token naming another issuer is
     * {@code WRONG_ISSUER} before any fetch, and a key of one issuer never verifies a token of another.
     * Start-up does not wait for the providers: until discovery succeeds tokens get
     * {@link AuthUnavailableException}. The authority then only verifies; {@link #issuer} may be left
     * out (or repeat the one issuer given here).
     *
     * @param issuers one or more issuer URLs: {@code https}, or {@code http} on a loopback host
     * @return this builder
     */
    public JwtAuthority.Builder issuerUri(URI... issuers) {
        return set(Settings.ISSUER_URI, List.of(Objects.requireNonNull(issuers, "issuerUri")));
    }

    /**
     * How long a fetched JWK Set is used before it is fetched again.
     *
     * @param ttl the freshness
     * @return this builder
     */
    public JwtAuthority.Builder jwksCacheTtl(Duration ttl) {
        return set(Settings.JWKS_CACHE_TTL, ttl);
    }

    /**
     * How long before the cache expires a background refresh starts, while it keeps serving.
     *
     * @param ahead the head start
     * @return this builder
     */
    public JwtAuthority.Builder jwksRefreshAhead(Duration ahead) {
        return set(Settings.JWKS_REFRESH_AHEAD, ahead);
    }

    /**
     * The shortest time between two fetches; a token with an unknown {@code kid} triggers a
     * fetch only after it.
     *
     * @param interval the interval
     * @return this builder
     */
    public JwtAuthority.Builder jwksMinRefreshInterval(Duration interval) {
        return set(Settings.JWKS_MIN_REFRESH_INTERVAL, interval);
    }

    /**
     * How long past its expiry the last good JWK Set serves while its source is down; after that
     * {@link JwtAuthority#authenticate} throws {@link AuthUnavailableException}.
     *
     * @param tolerance the tolerance
     * @return this builder
     */
    public JwtAuthority.Builder jwksOutageTolerance(Duration tolerance) {
        return set(Settings.JWKS_OUTAGE_TOLERANCE, tolerance);
    }

    /**
     * The bound on one fetch of the JWK Set, connection, headers and body together.
     *
     * @param timeout the bound
     * @return this builder
     */
    public JwtAuthority.Builder jwksTimeout(Duration timeout) {
        return set(Settings.JWKS_TIMEOUT, timeout);
    }

    /**
     * The largest JWK Set response accepted.
     *
     * @param bytes the bound in bytes
     * @return this builder
     */
    public JwtAuthority.Builder jwksMaxBytes(int bytes) {
        return set(Settings.JWKS_MAX_BYTES, bytes);
    }

    /**
     * Where revocations are kept and looked up (default: a new {@link InMemoryRevocationStore} on
     * this authority's clock). Give every authority of a process the same store, and a shared
     * store (such as the Redis one) across processes.
     *
     * @param store the store
     * @return this builder
     */
    public JwtAuthority.Builder revocationStore(RevocationStore store) {
        return set(Settings.REVOCATION_STORE, store);
    }

    /**
     * Receives the authority's {@link AuthEvent}s: each authentication's outcome, key-set fetches,
     * revocations made through it, and the configuration warnings (also those found while reading
     * the environment, delivered when the authority is built). Never a token, secret or claim value.
     *
     * @param listener the listener; fast, non-blocking and thread-safe
     * @return this builder
     */
    public JwtAuthority.Builder listener(AuthListener listener) {
        return set(Settings.LISTENER, listener);
    }

    /**
     * The exact {@code iss} to issue and to require, compared case-sensitively.
     *
     * @param issuer the issuer, not blank
     * @return this builder
     */
    public JwtAuthority.Builder issuer(String issuer) {
        return set(Settings.ISSUER, issuer);
    }

    /**
     * The audience issued tokens carry, and one that is accepted.
     *
     * @param audience the audience, not blank
     * @return this builder
     */
    public JwtAuthority.Builder audience(String audience) {
        return set(Settings.AUDIENCE, List.of(Objects.requireNonNull(audience, "audience")));
    }

    /**
     * Further audiences to accept; a token is accepted when its {@code aud} shares a value with
     * the accepted set.
     *
     * @param audiences the audiences, none blank
     * @return this builder
     */
    public JwtAuthority.Builder additionalAudiences(String... audiences) {
        return set(Settings.ADDITIONAL_AUDIENCES, List.of(Objects.requireNonNull(audiences, "additionalAudiences")));
    }

    /**
     * The allow-list of JWS algorithms; the first one signs issued tokens; {@code none} never.
     *
     * @param algorithms JWS names such as {@code "HS256"}, {@code "RS256"}
     * @return this builder
     */
    public JwtAuthority.Builder algorithms(String... algorithms) {
        return set(Settings.ALGORITHMS, List.of(Objects.requireNonNull(algorithms, "algorithms")));
    }

    /**
     * Where a token's roles are: claim paths, dotted ({@code realm_access.roles}) or JSON Pointers
     * ({@code /resource_access/my.client/roles}); {@link UserContext#roles()} is the union of what
     * they hold (arrays of strings, or strings of space-separated values). Default {@code roles}.
     *
     * @param paths the claim paths
     * @return this builder
     */
    public JwtAuthority.Builder rolesClaim(String... paths) {
        return set(Settings.ROLES_CLAIM, List.of(Objects.requireNonNull(paths, "rolesClaim")));
    }

    /**
     * Requires a kind of token: {@code at+jwt} accepts only RFC 9068 access tokens (header
     * {@code typ: at+jwt}). Without it, {@code JWT} and {@code at+jwt} are accepted; ID and refresh
     * tokens never are.
     *
     * @param type {@code at+jwt}
     * @return this builder
     */
    public JwtAuthority.Builder requireType(String type) {
        return set(Settings.TOKEN_TYPE, type);
    }

    /**
     * The clock every time decision and every issued {@code iat} uses.
     *
     * @param clock the clock
     * @return this builder
     */
    public JwtAuthority.Builder clock(Clock clock) {
        return set(Settings.CLOCK, clock);
    }

    /**
     * The tolerance for {@code exp}, {@code nbf} and {@code iat}.
     *
     * @param skew the tolerance
     * @return this builder
     */
    public JwtAuthority.Builder clockSkew(Duration skew) {
        return set(Settings.CLOCK_SKEW, skew);
    }

    /**
     * The lifetime of issued tokens; at most the maximum token lifetime.
     *
     * @param ttl the lifetime
     * @return this builder
     */
    public JwtAuthority.Builder tokenTtl(Duration ttl) {
        return set(Settings.TOKEN_TTL, ttl);
    }

    /**
     * The longest accepted {@code exp - iat}; longer-lived tokens are {@code LIFETIME_TOO_LONG}.
     *
     * @param lifetime the maximum
     * @return this builder
     */
    public JwtAuthority.Builder maxTokenLifetime(Duration lifetime) {
        return set(Settings.MAX_TOKEN_LIFETIME, lifetime);
    }

    /**
     * The longest token looked at; longer ones are {@code TOO_LARGE} before any decoding.
     *
     * @param bytes the maximum in bytes
     * @return this builder
     */
    public JwtAuthority.Builder maxTokenBytes(int bytes) {
        return set(Settings.MAX_TOKEN_BYTES, bytes);
    }

    /**
     * Remembers up to {@code maxEntries} verified tokens, so that a token presented again is
     * answered without parsing it or checking its signature again. Every hit still checks the
     * times against the clock, asks the revocation store, and checks that the key that verified
     * the token is still trusted for it. Found by the whole token text; the oldest entries go
     * first. Off by default.
     *
     * @param maxEntries the most tokens kept
     * @return this builder
     */
    public JwtAuthority.Builder verifiedTokenCache(int maxEntries) {
        return set(Settings.VERIFIED_TOKEN_CACHE, maxEntries);
    }

    /**
     * Like {@link #verifiedTokenCache(int)} and {@link #verifiedTokenCacheBytes(long)} together.
     *
     * @param maxEntries the most tokens kept
     * @param maxBytes   the bound on the estimated bytes kept alive
     * @return this builder
     */
    public JwtAuthority.Builder verifiedTokenCache(int maxEntries, long maxBytes) {
        return verifiedTokenCache(maxEntries).verifiedTokenCacheBytes(maxBytes);
    }

    /**
     * The bound on the estimated bytes the verified-token cache keeps alive (the token text, about
     * twice its claims' size, and a fixed overhead per entry); a token too large for it alone is
     * not cached.
     *
     * @param maxBytes the bound
     * @return this builder
     */
    public JwtAuthority.Builder verifiedTokenCacheBytes(long maxBytes) {
        return set(Settings.VERIFIED_TOKEN_CACHE_BYTES, maxBytes);
    }
}
