package dev.ssotauth.core.internal;

import dev.ssotauth.core.AuthListener;
import dev.ssotauth.core.RevocationStore;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * The table of settings: every setting of an authority, once. The builder's setters, the environment
 * ({@code JWT_*} variables and system properties of the same names), error messages, the
 * configuration report and the reference in {@code docs/configuration.md} all derive from it. Adding
 * a setting is one entry here plus its use. Constants only.
 */
public final class Settings {

    private static final String REQUIRED = "none (required)";

    /** The HMAC secret. */
    public static final Setting<byte[]> HMAC_SECRET = new Setting<>("hmacSecret", "JWT_SECRET_KEY",
            List.of("JWT_SECRET", "WEBSOCKET_JWT_SECRET", "AUTH_SERVICE_JWT_SECRET"), "secret", Settings::secret,
            Rules.any("at least 32 bytes for HS256 (48 HS384, 64 HS512), not a published secret"), null, "none",
            "The shared HMAC secret that signs and verifies tokens: raw UTF-8 text, or base64: / base64url: "
                    + "followed by the encoded bytes. The aliases are legacy names, read so that fragmentation is caught.",
            null);
    /** The key id of the HMAC secret. */
    public static final Setting<String> HMAC_KEY_ID = new Setting<>("hmacKeyId", "JWT_HMAC_KEY_ID", List.of(), "text",
            Function.identity(), Rules.notBlank(), null, "none: tokens carry no kid",
            "The kid issued tokens carry; a token that names a kid is accepted only when it is this one.",
            new Setting.Requirement(List.of(HMAC_SECRET), "name the HMAC secret's key"));
    /** A private JWK Set to sign with. */
    public static final Setting<Path> SIGNING_KEYS = new Setting<>("signingKeys", "JWT_SIGNING_KEYS_FILE", List.of(),
            "file path", Settings::path, Rules.any("a JWK Set with private keys: RSA 2048+, EC P-256/384/521, Ed25519"),
            null, "none", "A private JWK Set to sign with: the first key signs, every key verifies.", null);
    /** A public JWK Set file to verify with. */
    public static final Setting<Path> JWKS_FILE = new Setting<>("jwksFile", "JWT_JWKS_FILE", List.of(), "file path",
            Settings::path, Rules.any("a JWK Set with public keys only"), null, "none",
            "A public JWK Set file to verify with; the authority then only verifies.", null);
    /** A published JWK Set to verify with. */
    public static final Setting<URI> JWKS_URI = new Setting<>("jwksUri", "JWT_JWKS_URI", List.of(), "URI",
            Settings::uri, Rules.httpsOrLoopbackHttp(), null, "none",
            "The address of a published JWK Set to verify with (fetched on first use, cached, refreshed); the "
                    + "authority then only verifies.", null);
    /** Identity providers to discover. */
    public static final Setting<List<URI>> ISSUER_URI = new Setting<>("issuerUri", "JWT_ISSUER_URI", List.of(),
            "comma list of URIs", Settings::uris, Rules.issuerUris(), List.of(), "none",
            "The issuers to trust, each an identity provider's exact issuer URL: its JWK Set is found through "
                    + "<issuer>/.well-known/openid-configuration (or the RFC 8414 oauth-authorization-server form), "
                    + "whose issuer must equal it, and then handled as JWT_JWKS_URI is. A token's iss selects the key "
                    + "set, and a key of one issuer never verifies a token of another. While discovery fails, tokens "
                    + "get AuthUnavailableException (503). The authority then only verifies.", null);

    /** The exact issuer. */
    public static final Setting<String> ISSUER = new Setting<>("issuer", "JWT_ISSUER", List.of(), "text",
            String::strip, Rules.notBlank(), null, "none (required without JWT_ISSUER_URI)",
            "The exact iss to issue and to require, compared case-sensitively. With JWT_ISSUER_URI each token's "
                    + "issuer is its own; this may then only repeat the one issuer it names.", null);
    /** The issued audience and the accepted ones. */
    public static final Setting<List<String>> AUDIENCE = new Setting<>("audience", "JWT_AUDIENCE", List.of(),
            "comma list", Settings::list, Rules.noneBlank(), null, REQUIRED,
            "The aud issued tokens carry (the first one) and the audiences accepted: a token is accepted when its "
                    + "aud shares one value with them.", null);
    /** Further accepted audiences. */
    public static final Setting<List<String>> ADDITIONAL_AUDIENCES = new Setting<>("additionalAudiences", null,
            List.of(), "list", null, Rules.noneBlank(), List.of(), "none",
            "Further audiences to accept besides audience (from the environment: the rest of JWT_AUDIENCE's list).",
            null);
    /** The algorithm allow-list. */
    public static final Setting<List<String>> ALGORITHMS = new Setting<>("algorithms", "JWT_ALGORITHMS", List.of(),
            "comma list", Settings::list, Rules.algorithms(), null,
            "HS256 with a secret; RS256, PS256, ES256, EdDSA with key sets",
            "The JWS algorithms accepted; the first one signs. Each must fit the kind of key.", null);
    /** Where roles are. */
    public static final Setting<List<String>> ROLES_CLAIM = new Setting<>("rolesClaim", "JWT_ROLES_CLAIM", List.of(),
            "comma list", Settings::list, Rules.claimPaths(), List.of("roles"), "roles",
            "Where a token's roles are: claim paths, dotted (realm_access.roles) or JSON Pointers "
                    + "(/resource_access/my.client/roles); each may hold an array of strings or one string of "
                    + "space-separated values; roles() is the union. A path of another type gives no roles and a "
                    + "warning once; the token is not refused for it.", null);
    /** The required kind of token. */
    public static final Setting<String> TOKEN_TYPE = new Setting<>("requireType", "JWT_TOKEN_TYPE", List.of(), "text",
            String::strip, Rules.tokenType(), null, "JWT or at+jwt accepted",
            "at+jwt requires RFC 9068 access tokens (header typ at+jwt). Whatever this says, a token that says "
                    + "it is an ID or refresh token (payload typ ID or Refresh, or a nonce claim) is WRONG_TYPE.",
            null);
    /** The lifetime of issued tokens. */
    public static final Setting<Duration> TOKEN_TTL = new Setting<>("tokenTtl", "JWT_ACCESS_TOKEN_TTL", List.of(),
            "duration", Durations::parse, Rules.atLeast(Duration.ofSeconds(1), "maxTokenLifetime"),
            Duration.ofMinutes(15), "15m (at most maxTokenLifetime)", "The lifetime of issued tokens.", null);
    /** The longest accepted lifetime. */
    public static final Setting<Duration> MAX_TOKEN_LIFETIME = duration("maxTokenLifetime", "JWT_MAX_TOKEN_LIFETIME",
            Duration.ofSeconds(1), Duration.ofDays(366), Duration.ofHours(24),
            "The longest accepted exp - iat; longer-lived tokens are LIFETIME_TOO_LONG.", null);
    /** The tolerance for times. */
    public static final Setting<Duration> CLOCK_SKEW = duration("clockSkew", "JWT_CLOCK_SKEW", Duration.ZERO,
            Duration.ofMinutes(10), Duration.ofSeconds(60), "The tolerance applied to exp, nbf and iat.", null);
    /** The longest token looked at. */
    public static final Setting<Integer> MAX_TOKEN_BYTES = count("maxTokenBytes", "JWT_MAX_TOKEN_BYTES", 256, 1 << 20,
            8192, "The longest token looked at, in bytes; longer ones are TOO_LARGE before any decoding.", null);

    private static final Setting.Requirement REMOTE = new Setting.Requirement(List.of(JWKS_URI, ISSUER_URI),
            "tune a remote key set");

    /** Freshness of a fetched JWK Set. */
    public static final Setting<Duration> JWKS_CACHE_TTL = duration("jwksCacheTtl", "JWT_JWKS_CACHE_TTL",
            Duration.ofSeconds(1), Duration.ofDays(1), Duration.ofMinutes(5),
            "How long a fetched JWK Set is used before it is fetched again.", REMOTE);
    /** Background refresh before expiry. */
    public static final Setting<Duration> JWKS_REFRESH_AHEAD = duration("jwksRefreshAhead", "JWT_JWKS_REFRESH_AHEAD",
            Duration.ZERO, Duration.ofHours(1), Duration.ofSeconds(30),
            "How long before the cached set expires a background refresh starts, while it keeps serving.", REMOTE);
    /** Rate limit of fetches. */
    public static final Setting<Duration> JWKS_MIN_REFRESH_INTERVAL = duration("jwksMinRefreshInterval",
            "JWT_JWKS_MIN_REFRESH_INTERVAL", Duration.ZERO, Duration.ofHours(1), Duration.ofSeconds(1),
            "The shortest time between two fetches of one key set (or discovery document). A token with an unknown kid "
                    + "triggers a fetch once it has passed; until then it is UNKNOWN_KEY only when the last fetch was "
                    + "more than a second after its iat, else AuthUnavailableException (503): the key "
                    + "may have been published since.",
            REMOTE);
    /** Serving the last good set during an outage. */
    public static final Setting<Duration> JWKS_OUTAGE_TOLERANCE = duration("jwksOutageTolerance",
            "JWT_JWKS_OUTAGE_TOLERANCE", Duration.ZERO, Duration.ofDays(7), Duration.ofHours(1),
            "How long past its expiry the last good JWK Set keeps serving while the source cannot be fetched; after "
                    + "that the authority cannot decide (AuthUnavailableException: 503, close 1011).", REMOTE);
    /** Bound on one fetch. */
    public static final Setting<Duration> JWKS_TIMEOUT = duration("jwksTimeout", "JWT_JWKS_TIMEOUT",
            Duration.ofMillis(100), Duration.ofMinutes(1), Duration.ofSeconds(3),
            "The bound on one fetch of the JWK Set: connection, headers and body together.", REMOTE);
    /** Bound on a response. */
    public static final Setting<Integer> JWKS_MAX_BYTES = count("jwksMaxBytes", "JWT_JWKS_MAX_BYTES", 1024, 1 << 24,
            64 * 1024, "The largest JWK Set response accepted, in bytes.", REMOTE);

    /** The clock. */
    public static final Setting<Clock> CLOCK = new Setting<>("clock", null, List.of(), "object", null,
            Rules.any("a java.time.Clock"), null, "the system UTC clock",
            "The clock every time decision and every issued iat uses.", null);
    /** The revocation store. */
    public static final Setting<RevocationStore> REVOCATION_STORE = new Setting<>("revocationStore", null, List.of(),
            "object", null, Rules.any("a RevocationStore"), null, "an in-memory store on the authority's clock",
            "Where revocations are kept and looked up; share one store across processes (e.g. on Redis).", null);
    /** The event listener. */
    public static final Setting<AuthListener> LISTENER = new Setting<>("listener", null, List.of(), "object", null,
            Rules.any("an AuthListener"), null, "none",
            "Receives the authority's events (outcomes, key-set fetches, revocations, configuration warnings), "
                    + "never a token, secret or claim value; module auth-micrometer binds one to meters.", null);
    /** The verified-token cache. */
    public static final Setting<Integer> VERIFIED_TOKEN_CACHE = count("verifiedTokenCache", "JWT_VERIFIED_TOKEN_CACHE",
            1, 1_000_000, null, "Remember up to this many verified tokens, so that one presented again skips parsing "
                    + "and the signature (times and revocation are still checked on every hit). Off when not set.",
            null);
    /** The verified-token cache's memory bound. */
    public static final Setting<Long> VERIFIED_TOKEN_CACHE_BYTES = new Setting<>("verifiedTokenCacheBytes",
            "JWT_VERIFIED_TOKEN_CACHE_BYTES", List.of(), "whole number", text -> (long) whole(text),
            Rules.between(1024, 1L << 30), null, "4 KiB per entry, at most 1 GiB",
            "The bound on the estimated bytes the verified-token cache keeps alive.",
            new Setting.Requirement(List.of(VERIFIED_TOKEN_CACHE), "bound the verified-token cache"));

    /** Every setting, in the order of the reference. */
    public static final List<Setting<?>> ALL = List.of(HMAC_SECRET, HMAC_KEY_ID, SIGNING_KEYS, JWKS_FILE, JWKS_URI,
            ISSUER_URI, ISSUER, AUDIENCE, ADDITIONAL_AUDIENCES, ALGORITHMS, ROLES_CLAIM, TOKEN_TYPE, TOKEN_TTL, MAX_TOKEN_LIFETIME, CLOCK_SKEW,
            MAX_TOKEN_BYTES, JWKS_CACHE_TTL, JWKS_REFRESH_AHEAD, JWKS_MIN_REFRESH_INTERVAL, JWKS_OUTAGE_TOLERANCE,
            JWKS_TIMEOUT, JWKS_MAX_BYTES, CLOCK, REVOCATION_STORE, LISTENER, VERIFIED_TOKEN_CACHE,
            VERIFIED_TOKEN_CACHE_BYTES);

    /** The settings that are a root of trust: exactly one must be set. */
    public static final List<Setting<?>> KEY_SOURCES = List.of(HMAC_SECRET, SIGNING_KEYS, JWKS_FILE, JWKS_URI,
            ISSUER_URI);

    private Settings() {
    }

    /**
     * The setting read from {@code variable}, its canonical name or an alias.
     *
     * @param variable a variable name
     * @return the setting, or {@code null} when no setting is read from it
     */
    public static Setting<?> byVariable(String variable) {
        for (Setting<?> setting : ALL) {
            if (variable.equals(setting.variable()) || setting.aliases().contains(variable)) {
                return setting;
            }
        }
        return null;
    }

    private static Setting<Duration> duration(String method, String variable, Duration min, Duration max,
            Duration defaultValue, String meaning, Setting.Requirement requires) {
        return new Setting<>(method, variable, List.of(), "duration", Durations::parse, Rules.between(min, max),
                defaultValue, Durations.show(defaultValue), meaning, requires);
    }

    private static Setting<Integer> count(String method, String variable, int min, int max, Integer defaultValue,
            String meaning, Setting.Requirement requires) {
        return new Setting<>(method, variable, List.of(), "whole number", Settings::whole, Rules.between(min, max),
                defaultValue, defaultValue == null ? "off" : String.format(Locale.ROOT, "%,d", defaultValue), meaning,
                requires);
    }

    /** A secret as a variable writes it: {@code base64:} / {@code base64url:} prefixed, or UTF-8 text. */
    static byte[] secret(String raw) {
        try {
            if (raw.startsWith("base64:")) {
                return Base64.getDecoder().decode(raw.substring("base64:".length()).strip());
            }
            if (raw.startsWith("base64url:")) {
                return Base64.getUrlDecoder().decode(raw.substring("base64url:".length()).strip());
            }
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("is not valid " + (raw.startsWith("base64url:") ? "base64url"
                    : "base64") + " after its prefix");
        }
        return raw.getBytes(StandardCharsets.UTF_8);
    }

    private static int whole(String text) {
        try {
            return Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("must be a whole number");
        }
    }

    private static Path path(String text) {
        try {
            return Path.of(text.strip());
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException("is not a valid file path");
        }
    }

    private static URI uri(String text) {
        try {
            return new URI(text.strip());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalArgumentException("is not a URI");
        }
    }

    private static List<URI> uris(String text) {
        return list(text).stream().map(Settings::uri).toList();
    }

    private static List<String> list(String text) {
        List<String> items = new ArrayList<>();
        for (String item : text.split(",", -1)) {
            String trimmed = item.strip();
            if (trimmed.isEmpty()) {
                throw new IllegalArgumentException("has an empty entry in its comma-separated list");
            }
            if (!items.contains(trimmed)) {
                items.add(trimmed);
            }
        }
        return List.copyOf(items);
    }
}
