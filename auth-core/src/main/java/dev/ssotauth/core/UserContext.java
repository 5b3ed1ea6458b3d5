package dev.ssotauth.core;

import java.time.Instant;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Who a verified token speaks for. Created only by {@link JwtAuthority} from the claims of a token
 * whose signature and policy checks passed; there is no public constructor, so a {@code UserContext}
 * in hand always came from a verified token.
 *
 * <p>Claim names read: {@code sub} → {@link #subject()}, {@code roles} (an array of strings) →
 * {@link #roles()}, {@code sid} → {@link #sessionId()}, {@code jti} → {@link #tokenId()},
 * {@code iss}, {@code aud}, {@code iat}, {@code exp}, {@code nbf}; every other claim is in
 * {@link #claims()}.
 *
 * <p>Immutable and thread-safe. {@link #toString()} shows no claim values, so a context that ends
 * up in a log line leaks nothing.
 */
public final class UserContext {

    private final String subject;
    private final Set<String> roles;
    private final String sessionId;
    private final String tokenId;
    private final String issuer;
    private final Set<String> audience;
    private final Instant issuedAt;
    private final Instant expiresAt;
    private final Instant notBefore;
    private final Map<String, Object> claims;

    UserContext(String subject, Collection<String> roles, String sessionId, String tokenId, String issuer,
            Collection<String> audience, Instant issuedAt, Instant expiresAt, Instant notBefore,
            Map<String, Object> claims) {
        this(subject, SmallOrderedSet.copyOf(roles), sessionId, tokenId, issuer, SmallOrderedSet.copyOf(audience),
                issuedAt, expiresAt, notBefore, claims);
    }

    /** Takes the sets as they are: see {@link #ofCheckedClaims}. */
    private UserContext(String subject, Set<String> roles, String sessionId, String tokenId, String issuer,
            Set<String> audience, Instant issuedAt, Instant expiresAt, Instant notBefore,
            Map<String, Object> claims) {
        this.subject = subject;
        this.roles = roles;
        this.sessionId = sessionId;
        this.tokenId = tokenId;
        this.issuer = issuer;
        this.audience = audience;
        this.issuedAt = issuedAt;
        this.expiresAt = expiresAt;
        this.notBefore = notBefore;
        this.claims = claims;
    }

    /**
     * The context of claims that passed the claims policy, without copying them again.
     *
     * @param roles    unmodifiable, in token order, without duplicates (see {@link SmallOrderedSet})
     * @param audience likewise
     * @param claims   unmodifiable, frozen (see {@link #claims()})
     */
    static UserContext ofCheckedClaims(String subject, Set<String> roles, String sessionId, String tokenId,
            String issuer, Set<String> audience, Instant issuedAt, Instant expiresAt, Instant notBefore,
            Map<String, Object> claims) {
        return new UserContext(subject, roles, sessionId, tokenId, issuer, audience, issuedAt, expiresAt, notBefore,
                claims);
    }

    /**
     * The {@code sub} claim: whom the token speaks for.
     *
     * @return the subject, never {@code null} or empty
     */
    public String subject() {
        return subject;
    }

    /**
     * The {@code roles} claim, in token order, without duplicates.
     *
     * @return an unmodifiable set, empty when the token has no roles; never {@code null}
     */
    public Set<String> roles() {
        return roles;
    }

    /**
     * Whether {@link #roles()} contains {@code role} (exact, case-sensitive).
     *
     * @param role the role to look for; {@code null} gives {@code false}
     * @return whether the user has the role
     */
    public boolean hasRole(String role) {
        return role != null && roles.contains(role);
    }

    /**
     * The {@code sid} claim: the login session the token belongs to.
     *
     * @return the session id, or empty when the token has none
     */
    public Optional<String> sessionId() {
        return Optional.ofNullable(sessionId);
    }

    /**
     * The {@code jti} claim: this token's unique id. Tokens issued by {@link JwtAuthority} always have
     * one.
     *
     * @return the token id, or empty when the token has none
     */
    public Optional<String> tokenId() {
        return Optional.ofNullable(tokenId);
    }

    /**
     * The {@code iss} claim, equal to the authority's configured issuer.
     *
     * @return the issuer, never {@code null}
     */
    public String issuer() {
        return issuer;
    }

    /**
     * The {@code aud} claim as a set (a single string becomes a set of one).
     *
     * @return an unmodifiable, non-empty set
     */
    public Set<String> audience() {
        return audience;
    }

    /**
     * The {@code iat} claim.
     *
     * @return when the token was issued, never {@code null}
     */
    public Instant issuedAt() {
        return issuedAt;
    }

    /**
     * The {@code exp} claim.
     *
     * @return when the token expires, never {@code null}
     */
    public Instant expiresAt() {
        return expiresAt;
    }

    /**
     * The {@code nbf} claim.
     *
     * @return when the token becomes valid, or empty when the token has no {@code nbf}
     */
    public Optional<Instant> notBefore() {
        return Optional.ofNullable(notBefore);
    }

    /** {@link #sessionId()} without the {@code Optional}: {@code null} when the token has none. */
    String sessionIdOrNull() {
        return sessionId;
    }

    /** {@link #tokenId()} without the {@code Optional}: {@code null} when the token has none. */
    String tokenIdOrNull() {
        return tokenId;
    }

    /** {@link #notBefore()} without the {@code Optional}: {@code null} when the token has no {@code nbf}. */
    Instant notBeforeOrNull() {
        return notBefore;
    }

    /**
     * Every claim not listed in the class description, as parsed JSON: strings, {@link Boolean},
     * {@link Long} or {@link java.math.BigInteger} for integers, {@link java.math.BigDecimal} for
     * other numbers, unmodifiable {@link java.util.List}s and {@link Map}s. JSON {@code null}s are left
     * out.
     *
     * @return an unmodifiable map in token order; never {@code null}
     */
    public Map<String, Object> claims() {
        return claims;
    }

    /**
     * The token's OAuth scopes: the space-separated {@code scope} claim (RFC 9068 and most identity
     * providers) and the {@code scp} claim (an array, or a space-separated string as Entra ID writes
     * it), together. A claim of another type gives none. Read from {@link #claims()} on each call.
     *
     * @return an unmodifiable set in token order; empty when the token has none
     */
    public Set<String> scopes() {
        Set<String> scopes = new LinkedHashSet<>();
        for (String name : List.of("scope", "scp")) {
            Object value = claims.get(name);
            Set<String> values = value == null ? null : ClaimMapping.valuesFrom(value);
            if (values != null) {
                scopes.addAll(values);
            }
        }
        return Collections.unmodifiableSet(scopes);
    }

    /**
     * Two contexts are equal when every claim is equal.
     *
     * @param o the other object
     * @return whether both carry the same claims
     */
    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof UserContext)) {
            return false;
        }
        UserContext other = (UserContext) o;
        return subject.equals(other.subject) && roles.equals(other.roles)
                && java.util.Objects.equals(sessionId, other.sessionId)
                && java.util.Objects.equals(tokenId, other.tokenId)
                && issuer.equals(other.issuer) && audience.equals(other.audience)
                && issuedAt.equals(other.issuedAt) && expiresAt.equals(other.expiresAt)
                && java.util.Objects.equals(notBefore, other.notBefore) && claims.equals(other.claims);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(subject, tokenId, expiresAt);
    }

    /**
     * A description without claim values or names: only how many roles and further claims there are.
     *
     * @return a safe description for logs
     */
    @Override
    public String toString() {
        return "UserContext[subject=(redacted), roles=" + roles.size() + ", claims=" + claims.size() + "]";
    }
}
