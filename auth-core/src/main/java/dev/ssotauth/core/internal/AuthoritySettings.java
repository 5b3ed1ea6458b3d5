package dev.ssotauth.core.internal;

import static dev.ssotauth.core.internal.Settings.*;

import dev.ssotauth.core.AuthConfigurationException;
import dev.ssotauth.core.RevocationStore;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The complete settings of one authority: every value given or defaulted, and every rule that spans
 * settings checked. {@link #resolve(GivenSettings)} is the one place those rules live, whichever
 * way the values came in. Immutable once built ({@code hmacSecret} is never handed out).
 *
 * @param hmacSecret      the HMAC secret, or {@code null} with asymmetric keys
 * @param hmacKeyId       the secret's key id, or {@code null}
 * @param signingKeys     the private JWK Set file, or {@code null}
 * @param jwksFile        the public JWK Set file, or {@code null}
 * @param jwksUri         the published JWK Set, or {@code null}
 * @param issuerUris      the identity providers to discover, or an empty list
 * @param remote          how a remote key set is fetched
 * @param issuer          the exact issuer; with {@code issuerUris}, the first of them
 * @param audiences       the accepted audiences; the first is issued
 * @param algorithms      the allow-list; the first signs
 * @param rolesClaims     where roles are
 * @param requireAccessTokenType whether only RFC 9068 access tokens ({@code typ: at+jwt}) are accepted
 * @param clock           the clock
 * @param clockSkew       the tolerance for times
 * @param tokenTtl        the lifetime of issued tokens
 * @param maxTokenLifetime the longest accepted lifetime
 * @param maxTokenBytes   the longest token looked at
 * @param revocationStore the given store, or {@code null} for a new in-memory one
 * @param events          where events go
 * @param cacheEntries    the verified-token cache's size, or 0 for none
 * @param cacheBytes      the verified-token cache's memory bound
 * @param label           names a setting the way the user gave it, for messages
 */
public record AuthoritySettings(byte[] hmacSecret, String hmacKeyId, Path signingKeys, Path jwksFile, URI jwksUri,
        List<URI> issuerUris, RemoteTuning remote, String issuer, List<String> audiences, List<JwsAlgorithm> algorithms, List<ClaimPath> rolesClaims,
        boolean requireAccessTokenType, Clock clock,
        Duration clockSkew, Duration tokenTtl, Duration maxTokenLifetime, int maxTokenBytes,
        RevocationStore revocationStore, Events events, int cacheEntries, long cacheBytes, Function<Setting<?>, String> label) {

    /**
     * How a remote JWK Set is fetched and cached.
     *
     * @param cacheTtl           freshness of a fetched set
     * @param refreshAhead       background refresh before expiry
     * @param minRefreshInterval the shortest time between two fetches
     * @param outageTolerance    serving the last good set past its expiry
     * @param timeout            the bound on one fetch
     * @param maxBytes           the largest response
     */
    public record RemoteTuning(Duration cacheTtl, Duration refreshAhead, Duration minRefreshInterval,
            Duration outageTolerance, Duration timeout, int maxBytes) {
    }

    /** Whether the keys are an HMAC secret. */
    public boolean symmetric() {
        return hmacSecret != null;
    }

    /**
     * Completes the given values with defaults and checks every rule that spans settings.
     *
     * @param given the values
     * @return the settings
     * @throws AuthConfigurationException when a key source, the issuer or the audience is missing, two
     *                                    roots of trust are given, a setting is given without the one
     *                                    it tunes, the token lifetime exceeds the maximum, an
     *                                    algorithm does not fit the key, or the secret is too short or
     *                                    published; named the way the user gave each setting
     */
    public static AuthoritySettings resolve(GivenSettings given) {
        List<String> roots = KEY_SOURCES.stream().filter(given::has).map(given::label).collect(Collectors.toList());
        if (roots.size() > 1) {
            throw new AuthConfigurationException("two roots of trust are configured: " + String.join(" and ", roots)
                    + "; configure exactly one source of keys");
        }
        requireComplete(given, roots.isEmpty());
        requireWhatEachTunes(given);
        List<URI> issuerUris = given.getOrDefault(ISSUER_URI);
        String issuer = given.get(ISSUER);
        if (!issuerUris.isEmpty()) {
            String discovered = issuerUris.get(0).toString();
            if (issuer != null && (issuerUris.size() > 1 || !issuer.equals(discovered))) {
                throw new AuthConfigurationException(given.label(ISSUER) + " (fingerprint " + Fingerprints.of(issuer)
                        + ") conflicts with " + given.label(ISSUER_URI) + " (" + issuerUris.size() + (issuerUris.size() == 1
                        ? " issuer, fingerprint " + Fingerprints.of(discovered) : " issuers") + "): each token's issuer "
                        + "is one of the issuer URLs, compared exactly; remove " + given.label(ISSUER));
            }
            issuer = discovered;
        }

        Duration maxLifetime = given.getOrDefault(MAX_TOKEN_LIFETIME);
        Duration ttl = given.get(TOKEN_TTL);
        if (ttl == null) {
            ttl = TOKEN_TTL.defaultValue().compareTo(maxLifetime) <= 0 ? TOKEN_TTL.defaultValue() : maxLifetime;
        } else if (ttl.compareTo(maxLifetime) > 0) {
            throw new AuthConfigurationException(given.label(TOKEN_TTL) + " (" + Durations.show(ttl) + ") exceeds "
                    + given.label(MAX_TOKEN_LIFETIME) + " (" + Durations.show(maxLifetime) + ")");
        }

        byte[] secret = given.get(HMAC_SECRET);
        List<JwsAlgorithm> algorithms = algorithms(given, secret != null);
        if (secret != null) {
            int minBytes = algorithms.stream().mapToInt(JwsAlgorithm::minKeyBytes).max().orElse(0);
            SecretRules.check(secret, minBytes, given.label(HMAC_SECRET));
        }

        List<String> audiences = new ArrayList<>(new LinkedHashSet<>(given.get(AUDIENCE)));
        given.getOrDefault(ADDITIONAL_AUDIENCES).stream().filter(a -> !audiences.contains(a)).forEach(audiences::add);
        Integer cacheEntries = given.get(VERIFIED_TOKEN_CACHE);
        Long cacheBytes = given.get(VERIFIED_TOKEN_CACHE_BYTES);
        Clock clock = given.get(CLOCK);
        Map<Setting<?>, String> labels = new LinkedHashMap<>();
        ALL.forEach(s -> labels.put(s, given.label(s)));

        return new AuthoritySettings(secret, given.get(HMAC_KEY_ID), given.get(SIGNING_KEYS), given.get(JWKS_FILE),
                given.get(JWKS_URI), issuerUris, new RemoteTuning(given.getOrDefault(JWKS_CACHE_TTL),
                given.getOrDefault(JWKS_REFRESH_AHEAD), given.getOrDefault(JWKS_MIN_REFRESH_INTERVAL),
                given.getOrDefault(JWKS_OUTAGE_TOLERANCE), given.getOrDefault(JWKS_TIMEOUT),
                given.getOrDefault(JWKS_MAX_BYTES)), issuer, List.copyOf(audiences),
                List.copyOf(algorithms), given.getOrDefault(ROLES_CLAIM).stream().map(ClaimPath::parse).toList(),
                given.has(TOKEN_TYPE), clock != null ? clock : Clock.systemUTC(), given.getOrDefault(CLOCK_SKEW), ttl,
                maxLifetime, given.getOrDefault(MAX_TOKEN_BYTES), given.get(REVOCATION_STORE), Events.of(given.get(LISTENER)),
                cacheEntries == null ? 0 : cacheEntries,
                cacheBytes != null ? cacheBytes : cacheEntries == null ? 0 : Math.min(4096L * cacheEntries, 1L << 30),
                Map.copyOf(labels)::get);
    }

    private static void requireComplete(GivenSettings given, boolean noKey) {
        List<String> missing = new ArrayList<>();
        if (noKey) {
            missing.add(given.label(HMAC_SECRET) + " (an HMAC secret of at least 32 bytes; or "
                    + given.label(SIGNING_KEYS) + ", " + given.label(JWKS_FILE) + " or " + given.label(JWKS_URI)
                    + " for asymmetric keys; or " + given.label(ISSUER_URI) + " for an identity provider)");
        }
        if (!given.has(ISSUER) && !given.has(ISSUER_URI)) {
            missing.add(given.label(ISSUER) + " (the exact iss of every token)");
        }
        if (!given.has(AUDIENCE)) {
            missing.add(given.label(AUDIENCE) + (given.fromEnvironment()
                    ? " (the aud to issue; a comma list is the set accepted)" : " (the aud to issue and accept)"));
        }
        if (!missing.isEmpty()) {
            throw new AuthConfigurationException("JWT configuration is incomplete; set " + String.join(", ", missing));
        }
    }

    /** A setting that tunes another one (a remote key set, the cache) is refused without it. */
    private static void requireWhatEachTunes(GivenSettings given) {
        Map<Setting.Requirement, List<String>> orphans = new LinkedHashMap<>();
        for (Setting<?> setting : ALL) {
            Setting.Requirement requires = setting.requires();
            if (requires != null && given.has(setting) && requires.anyOf().stream().noneMatch(given::has)) {
                orphans.computeIfAbsent(requires, r -> new ArrayList<>()).add(given.label(setting));
            }
        }
        for (Map.Entry<Setting.Requirement, List<String>> orphan : orphans.entrySet()) {
            List<String> names = orphan.getValue();
            String needed = orphan.getKey().anyOf().stream().map(given::label).collect(Collectors.joining(" or "));
            boolean one = names.size() == 1;
            throw new AuthConfigurationException(String.join(", ", names) + " " + conjugate(orphan.getKey().purpose(),
                    one) + ", but " + needed + " is not set; remove " + (one ? "it" : "them") + " or set " + needed);
        }
    }

    /** "tune a remote key set" → "tunes …" for one setting. */
    private static String conjugate(String purpose, boolean one) {
        if (!one) {
            return purpose;
        }
        int space = purpose.indexOf(' ');
        return purpose.substring(0, space) + "s" + purpose.substring(space);
    }

    private static List<JwsAlgorithm> algorithms(GivenSettings given, boolean symmetric) {
        List<String> names = given.get(ALGORITHMS);
        if (names == null) {
            names = symmetric ? List.of("HS256") : List.of("RS256", "PS256", "ES256", "EdDSA");
        }
        List<JwsAlgorithm> ordered = new ArrayList<>();
        for (String name : names) {
            JwsAlgorithm algorithm = JwsAlgorithm.fromJwsName(name);
            if (!ordered.contains(algorithm)) {
                ordered.add(algorithm);
            }
        }
        for (JwsAlgorithm algorithm : EnumSet.copyOf(ordered)) {
            if ((algorithm.family() == JwsAlgorithm.Family.HMAC) != symmetric) {
                throw new AuthConfigurationException("algorithm " + algorithm + (symmetric
                        ? " needs an asymmetric key set, but an HMAC secret is configured"
                        : " needs an HMAC secret, but a key set is configured") + "; one authority has one kind of key");
            }
        }
        return ordered;
    }

    /** The allow-list as a set. */
    public Set<JwsAlgorithm> allowed() {
        return Set.copyOf(algorithms);
    }
}
