package dev.ssotauth.core.internal;

import java.net.URI;
import java.security.Provider;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The identity providers an authority trusts, each with its own discovered keys: a token's
 * {@code iss} selects the key set ({@link #forIssuer}), so a key of one issuer never verifies a token
 * that claims another, and a token of an untrusted issuer costs no fetch. The key sets share one
 * {@link HttpFetcher}, which {@link #close()} stops. Thread-safe.
 */
public final class TrustedIssuers implements KeyResolver {

    private final Map<String, DiscoveredKeySet> byIssuer;
    private final HttpFetcher fetcher;

    /**
     * @param settings the authority's settings, with at least one issuer URL
     * @param provider BouncyCastle for EC and Ed25519, or {@code null}
     */
    public TrustedIssuers(AuthoritySettings settings, Provider provider) {
        this.fetcher = new HttpFetcher(settings.remote().timeout(), settings.remote().maxBytes());
        Map<String, DiscoveredKeySet> sets = new LinkedHashMap<>();
        for (URI issuer : settings.issuerUris()) {
            DiscoveredKeySet set = new DiscoveredKeySet(issuer, settings, provider, fetcher);
            sets.put(set.issuer(), set);
        }
        this.byIssuer = Collections.unmodifiableMap(sets);
    }

    /** The trusted issuers, in the configured order. */
    public List<String> issuers() {
        return List.copyOf(byIssuer.keySet());
    }

    @Override
    public boolean bindsIssuers() {
        return true;
    }

    /** The keys of {@code issuer}, or {@code null} when it is not trusted (compared exactly). */
    @Override
    public KeyResolver forIssuer(String issuer) {
        return byIssuer.get(issuer);
    }

    /**
     * Never called: keys are bound to issuers, so a key is selected from {@link #forIssuer}'s set.
     *
     * @throws UnsupportedOperationException always
     */
    @Override
    public VerificationKey select(String keyId, JwsAlgorithm algorithm) {
        throw new UnsupportedOperationException("keys are bound to their issuers: select through forIssuer");
    }

    /**
     * One issuer's keys: their fingerprint, equal to that of an authority given the same JWK Set any
     * other way. Several: a fingerprint of each issuer with its keys' fingerprint.
     */
    @Override
    public String fingerprint() {
        if (byIssuer.size() == 1) {
            return byIssuer.values().iterator().next().fingerprint();
        }
        return Fingerprints.of(byIssuer.values().stream().map(set -> set.issuer() + " " + set.fingerprint())
                .sorted().collect(Collectors.joining("\n")));
    }

    /**
     * One issuer's keys: its JWK Set. Several: an empty set, since one set cannot say which key belongs
     * to which issuer.
     */
    @Override
    public String publicJwks() {
        return byIssuer.size() == 1 ? byIssuer.values().iterator().next().publicJwks() : "{\"keys\":[]}";
    }

    @Override
    public void close() {
        fetcher.close();
    }
}
