package dev.ssotauth.core.internal;

import dev.ssotauth.core.AuthEvent;
import dev.ssotauth.core.AuthUnavailableException;

import java.net.URI;
import java.net.URISyntaxException;
import java.security.Provider;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The keys of one identity provider, found through its discovery document: OpenID Connect's
 * {@code <issuer>/.well-known/openid-configuration}, or when that is not there (404) RFC 8414's
 * {@code <scheme>://<host>/.well-known/oauth-authorization-server<issuer path>}. The document's
 * {@code issuer} must equal the configured one exactly and its {@code jwks_uri} must be https (or http
 * on a loopback host); that key set is then a {@link RemoteKeySet} with the authority's tuning.
 *
 * <p>Discovery happens on first use and, once it has succeeded, not again. Until then every lookup
 * is {@link AuthUnavailableException} (attempts at most once per {@code minRefreshInterval}): a token
 * is never accepted without its issuer's keys. Thread-safe.
 */
public final class DiscoveredKeySet implements KeyResolver {

    private static final Logger log = LoggerFactory.getLogger(DiscoveredKeySet.class);

    private final URI issuerUri;
    private final String issuer;
    private final AuthoritySettings settings;
    private final Provider provider;
    private final HttpFetcher fetcher;
    private final Clock clock;
    private final Duration interval;
    private final Events events;
    private final Object lock = new Object();
    private volatile RemoteKeySet keys;
    private Instant lastAttempt;
    private String lastFailure;

    /**
     * @param issuerUri the issuer, exactly as configured
     * @param settings  the tuning, the clock and the algorithm allow-list
     * @param provider  BouncyCastle for EC and Ed25519, or {@code null}
     * @param fetcher   fetches the document and the key set; not closed by this set
     */
    public DiscoveredKeySet(URI issuerUri, AuthoritySettings settings, Provider provider, HttpFetcher fetcher) {
        this.issuerUri = issuerUri;
        this.issuer = issuerUri.toString();
        this.settings = settings;
        this.provider = provider;
        this.fetcher = fetcher;
        this.clock = settings.clock();
        this.interval = settings.remote().minRefreshInterval();
        this.events = settings.events();
    }

    /** The issuer, exactly as configured: the {@code iss} of its tokens. */
    public String issuer() {
        return issuer;
    }

    /**
     * Where the discovery document may be, in the order tried: the OpenID Connect form, then the
     * RFC 8414 form. A trailing slash of the issuer is not doubled.
     */
    static List<URI> documentUris(URI issuer) {
        String text = issuer.toString();
        String base = text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
        String path = issuer.getRawPath() == null ? "" : issuer.getRawPath();
        if (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        return List.of(URI.create(base + "/.well-known/openid-configuration"), URI.create(issuer.getScheme() + "://"
                + issuer.getRawAuthority() + "/.well-known/oauth-authorization-server" + path));
    }

    @Override
    public VerificationKey select(String keyId, JwsAlgorithm algorithm) {
        return keys().select(keyId, algorithm);
    }

    @Override
    public Instant unknownSince(String keyId) {
        RemoteKeySet found = keys;
        return found == null ? null : found.unknownSince(keyId);
    }

    @Override
    public String fingerprint() {
        return keys().fingerprint();
    }

    @Override
    public String publicJwks() {
        return keys().publicJwks();
    }

    /** The fetcher is shared and closed by its owner; a discovered key set owns nothing else. */
    @Override
    public void close() {
    }

    private RemoteKeySet keys() {
        RemoteKeySet found = keys;
        if (found != null) {
            return found;
        }
        synchronized (lock) {
            if (keys != null) {
                return keys;
            }
            Instant now = clock.instant();
            if (lastAttempt == null || !now.isBefore(lastAttempt.plus(interval))) {
                lastAttempt = now;
                long started = System.nanoTime();
                try {
                    keys = discover();
                    events.onEvent(discovered(null, started));
                    return keys;
                } catch (HttpFetcher.FetchFailure failure) {
                    lastFailure = failure.getMessage();
                    events.onEvent(discovered(failure.category(), started));
                }
            }
            throw new AuthUnavailableException(AuthUnavailableException.Source.KEYS, "the keys of issuer " + HttpFetcher.where(issuerUri)
                    + " cannot be discovered (" + lastFailure + ")", null);
        }
    }

    /** The event of a discovery: its document is the source; the keys are the key set's own events. */
    private AuthEvent.KeySetFetch discovered(AuthEvent.FetchFailure failure, long started) {
        return new AuthEvent.KeySetFetch(HttpFetcher.where(documentUris(issuerUri).get(0)), failure, 0, 0, 0,
                Duration.ofNanos(System.nanoTime() - started), null, null);
    }

    private RemoteKeySet discover() throws HttpFetcher.FetchFailure {
        List<URI> documents = documentUris(issuerUri);
        HttpFetcher.FetchFailure notFound = null;
        for (URI document : documents) {
            byte[] body;
            try {
                body = fetcher.get(document, "application/json", "the discovery document");
            } catch (HttpFetcher.FetchFailure failure) {
                if (failure.status() == 404) {
                    notFound = failure;
                    continue; // the other form may be there
                }
                throw failure;
            }
            URI jwksUri = jwksUriOf(body, document);
            log.info("issuer {}: keys at {} (from {})", HttpFetcher.where(issuerUri), HttpFetcher.where(jwksUri),
                    HttpFetcher.where(document));
            return new RemoteKeySet(jwksUri, settings, provider, fetcher, false);
        }
        throw new HttpFetcher.FetchFailure(AuthEvent.FetchFailure.HTTP_STATUS, "no discovery document: " + notFound.getMessage() + " at both "
                + "well-known addresses", 404);
    }

    /** The document's {@code jwks_uri}, once its {@code issuer} is this one. */
    private URI jwksUriOf(byte[] body, URI document) throws HttpFetcher.FetchFailure {
        Map<String, Object> json;
        try {
            json = Json.parseObject(body);
        } catch (Json.JsonException e) {
            throw refused(document, "it is not a valid JSON object");
        }
        if (!(json.get("issuer") instanceof String named)) {
            throw refused(document, "it has no issuer");
        }
        if (!named.equals(issuer)) {
            log.warn("the discovery document at {} names the issuer {}, not the configured {}: refused (an issuer "
                    + "is compared exactly)", HttpFetcher.where(document), printable(named), issuer);
            throw new HttpFetcher.FetchFailure(AuthEvent.FetchFailure.ISSUER_MISMATCH,
                    "the discovery document names another issuer", 200);
        }
        if (!(json.get("jwks_uri") instanceof String text)) {
            throw refused(document, "it has no jwks_uri");
        }
        URI jwksUri;
        try {
            jwksUri = new URI(text);
        } catch (URISyntaxException e) {
            throw refused(document, "its jwks_uri is not a URI");
        }
        if (!Rules.isHttpsOrLoopbackHttp(jwksUri)) {
            throw refused(document, "its jwks_uri is not https (http only on a loopback host)");
        }
        return jwksUri;
    }

    private static HttpFetcher.FetchFailure refused(URI document, String why) {
        log.warn("the discovery document at {} is refused: {}", HttpFetcher.where(document), why);
        return new HttpFetcher.FetchFailure(AuthEvent.FetchFailure.INVALID, "the discovery document is refused: "
                + why, 200);
    }

    /** A value from the network, fit for one log line: printable ASCII, at most 100 characters. */
    private static String printable(String value) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < value.length() && out.length() < 100; i++) {
            char c = value.charAt(i);
            out.append(c >= 0x20 && c < 0x7f ? c : '?');
        }
        return '"' + out.toString() + '"';
    }
}
