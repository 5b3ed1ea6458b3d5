package dev.ssotauth.core;

import static dev.ssotauth.core.RejectionReason.WRONG_TYPE;

import dev.ssotauth.core.internal.AuthoritySettings;
import dev.ssotauth.core.internal.ClaimPath;
import dev.ssotauth.core.internal.Json;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the configuration says about a token beyond its signature and registered claims: which kinds
 * of token are accepted (header {@code typ}; never an ID or refresh token) and where its roles are.
 * Thread-safe; warns once per misconfigured roles path.
 */
final class ClaimMapping {

    private static final Logger log = LoggerFactory.getLogger(JwtAuthority.class);

    private final List<ClaimPath> rolesClaims;
    /** Whether the roles are only the {@code roles} claim: read while parsing, no path to walk. */
    private final boolean rolesClaimOnly;
    private final boolean requireAccessToken;
    private final Set<String> warnedPaths = ConcurrentHashMap.newKeySet();

    ClaimMapping(AuthoritySettings settings) {
        this.rolesClaims = settings.rolesClaims();
        this.rolesClaimOnly = rolesClaims.size() == 1 && rolesClaims.get(0).segments().equals(List.of("roles"));
        this.requireAccessToken = settings.requireAccessTokenType();
    }

    /**
     * Whether a header {@code typ} is accepted: {@code JWT} or {@code at+jwt} (RFC 9068), also as
     * {@code application/…}, in any letter case; only the latter when access tokens are required. A
     * header without {@code typ} passes unless access tokens are required.
     */
    boolean acceptsHeaderType(Object typ) {
        if (typ == null) {
            return !requireAccessToken;
        }
        if (!(typ instanceof String type)) {
            return false;
        }
        boolean accessToken = type.equalsIgnoreCase("at+jwt") || type.equalsIgnoreCase("application/at+jwt");
        return accessToken || !requireAccessToken && (type.equalsIgnoreCase("JWT")
                || type.equalsIgnoreCase("application/jwt"));
    }

    /** The message for a header {@code typ} that {@link #acceptsHeaderType} refuses. */
    String headerTypeRule() {
        return requireAccessToken ? "token typ must be at+jwt (an RFC 9068 access token)"
                : "token typ must be JWT or at+jwt when present";
    }

    /**
     * Refuses a token that says it is an ID or a refresh token: a payload {@code typ} of {@code ID} or
     * {@code Refresh} (as Keycloak writes them), or a {@code nonce} claim.
     */
    void checkKind(TokenClaims claims) throws Rejection {
        Object typ = claims.extra("typ");
        if (typ instanceof String kind && (kind.equalsIgnoreCase("ID") || kind.equalsIgnoreCase("Refresh"))) {
            throw new Rejection(WRONG_TYPE, kind.equalsIgnoreCase("ID") ? "the token is an ID token, not an access "
                    + "token" : "the token is a refresh token, not an access token");
        }
        Object nonce = claims.extra("nonce");
        if (nonce != null && nonce != Json.NULL) {
            throw new Rejection(WRONG_TYPE, "the token carries a nonce: it is an ID token, not an access token");
        }
    }

    /**
     * The roles: the union of what each configured path holds (an array of strings, or one string of
     * space-separated values). A path holding anything else gives none, with a warning once.
     *
     * @param claims the token's claims
     * @param extra  the claims without their own field, frozen
     */
    Set<String> roles(TokenClaims claims, Map<String, Object> extra) {
        if (rolesClaimOnly) {
            Set<String> roles = claims.rolesOrNull();
            if (roles == null) {
                warnOnce(rolesClaims.get(0));
                return Collections.emptySet();
            }
            return roles;
        }
        Set<String> union = new LinkedHashSet<>();
        for (ClaimPath path : rolesClaims) {
            if (path.segments().equals(List.of("roles"))) {
                Set<String> roles = claims.rolesOrNull();
                if (roles == null) {
                    warnOnce(path);
                } else {
                    union.addAll(roles);
                }
                continue;
            }
            Object value = path.find(extra);
            if (value == null || value == Json.NULL) {
                continue;
            }
            Set<String> roles = valuesFrom(value);
            if (roles == null) {
                warnOnce(path);
            } else {
                union.addAll(roles);
            }
        }
        return union.isEmpty() ? Collections.emptySet() : Collections.unmodifiableSet(union);
    }

    /** An array of strings or a space-separated string as a set; {@code null} for anything else. */
    static Set<String> valuesFrom(Object value) {
        if (value instanceof String text) {
            return TokenClaims.spaceSeparated(text);
        }
        if (value instanceof List<?> list) {
            Set<String> roles = new LinkedHashSet<>();
            for (Object element : list) {
                if (!(element instanceof String role)) {
                    return null;
                }
                roles.add(role);
            }
            return roles;
        }
        return null;
    }

    private void warnOnce(ClaimPath path) {
        if (warnedPaths.add(path.text())) {
            log.warn("the roles claim path {} holds neither an array of strings nor a string in a token; no roles "
                    + "are taken from it (warned once)", path.text());
        }
    }
}
