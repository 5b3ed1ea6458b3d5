package dev.ssotauth.core;

import dev.ssotauth.core.internal.Json;

import java.lang.reflect.Array;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What to put in a token that {@link JwtAuthority#issue(TokenRequest)} signs: the subject, roles, a
 * session id, extra claims and an optional lifetime. The authority adds {@code iss}, {@code aud},
 * {@code iat}, {@code exp} and a random {@code jti} itself; those and the other registered claim
 * names cannot be set through {@link Builder#claim(String, Object)}.
 *
 * <pre>{@code
 * String token = authority.issue(TokenRequest.forSubject("alice").roles("user", "admin").build());
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class TokenRequest {

    /** Claim names the authority sets or reads itself; {@link Builder#claim} refuses them. */
    static final Set<String> RESERVED_CLAIMS =
            Set.of("iss", "sub", "aud", "exp", "nbf", "iat", "jti", "roles", "sid");

    private final String subject;
    private final List<String> roles;
    private final String sessionId;
    private final Map<String, Object> claims;
    private final Duration ttl;

    private TokenRequest(Builder b) {
        this.subject = b.subject;
        this.roles = Collections.unmodifiableList(new ArrayList<>(b.roles));
        this.sessionId = b.sessionId;
        this.claims = Collections.unmodifiableMap(new LinkedHashMap<>(b.claims));
        this.ttl = b.ttl;
    }

    /**
     * Starts a request for a token that speaks for {@code subject}.
     *
     * @param subject the {@code sub} claim; not blank, at most 1024 characters
     * @return a builder
     * @throws NullPointerException     if {@code subject} is {@code null}
     * @throws IllegalArgumentException if {@code subject} is blank or too long
     */
    public static Builder forSubject(String subject) {
        return new Builder(subject);
    }

    /**
     * The {@code sub} claim.
     *
     * @return the subject, never {@code null}
     */
    public String subject() {
        return subject;
    }

    /**
     * The {@code roles} claim, in the order given, without duplicates.
     *
     * @return an unmodifiable list, possibly empty
     */
    public List<String> roles() {
        return roles;
    }

    /**
     * The {@code sid} claim.
     *
     * @return the session id, or empty
     */
    public Optional<String> sessionId() {
        return Optional.ofNullable(sessionId);
    }

    /**
     * The extra claims, in the order given.
     *
     * @return an unmodifiable map
     */
    public Map<String, Object> claims() {
        return claims;
    }

    /**
     * The requested lifetime, overriding the authority's {@code tokenTtl}.
     *
     * @return the lifetime, or empty for the authority's default
     */
    public Optional<Duration> ttl() {
        return Optional.ofNullable(ttl);
    }

    /**
     * A safe description: the subject, roles and claims are not shown, only counted.
     *
     * @return the description
     */
    @Override
    public String toString() {
        return "TokenRequest[subject=(redacted), roles=" + roles.size() + ", claims=" + claims.size() + ", ttl=" + ttl
                + "]";
    }

    /**
     * Builds a {@link TokenRequest}. Each setting can be given once; {@link #claim} once per name.
     * Not thread-safe; the built request is.
     */
    public static final class Builder {
        private final String subject;
        private final Set<String> roles = new LinkedHashSet<>();
        private boolean rolesSet;
        private String sessionId;
        private final Map<String, Object> claims = new LinkedHashMap<>();
        private Duration ttl;

        private Builder(String subject) {
            Objects.requireNonNull(subject, "subject");
            if (subject.isBlank()) {
                throw new IllegalArgumentException("subject must not be blank");
            }
            if (subject.length() > 1024) {
                throw new IllegalArgumentException("subject must be at most 1024 characters; got "
                        + subject.length());
            }
            this.subject = subject;
        }

        /**
         * Sets the {@code roles} claim.
         *
         * @param roles the roles; none blank or {@code null}; duplicates are dropped
         * @return this builder
         * @throws IllegalStateException    if roles were already set
         * @throws NullPointerException     if the array or a role is {@code null}
         * @throws IllegalArgumentException if a role is blank
         */
        public Builder roles(String... roles) {
            Objects.requireNonNull(roles, "roles");
            if (rolesSet) {
                throw new IllegalStateException("roles are already set");
            }
            for (String role : roles) {
                Objects.requireNonNull(role, "role");
                if (role.isBlank()) {
                    throw new IllegalArgumentException("a role must not be blank");
                }
                this.roles.add(role);
            }
            rolesSet = true;
            return this;
        }

        /**
         * Sets the {@code sid} claim, the login session this token belongs to.
         *
         * @param sessionId the session id, not blank
         * @return this builder
         * @throws IllegalStateException    if the session id was already set
         * @throws NullPointerException     if {@code sessionId} is {@code null}
         * @throws IllegalArgumentException if it is blank
         */
        public Builder sessionId(String sessionId) {
            Objects.requireNonNull(sessionId, "sessionId");
            if (this.sessionId != null) {
                throw new IllegalStateException("sessionId is already set");
            }
            if (sessionId.isBlank()) {
                throw new IllegalArgumentException("sessionId must not be blank");
            }
            this.sessionId = sessionId;
            return this;
        }

        /**
         * Adds a private claim. Values may be {@link String}, {@link Boolean}, finite {@link Number}s,
         * {@link Collection}s and arrays of those, and {@link Map}s with string keys; they are copied.
         *
         * @param name  the claim name; not a registered or reserved name ({@code iss sub aud exp nbf
         *              iat jti roles sid}), nor {@code nonce}, nor {@code typ} of {@code ID} or
         *              {@code Refresh} (any case): those mark an ID or a refresh token, which no
         *              authority accepts, so the token would be refused as {@code WRONG_TYPE}
         * @param value the value
         * @return this builder
         * @throws IllegalArgumentException if the name is reserved or blank, the claim marks another
         *                                  kind of token, or the value's type is not allowed
         * @throws IllegalStateException    if the claim was already added
         * @throws NullPointerException     if {@code name} or {@code value} is {@code null}
         */
        public Builder claim(String name, Object value) {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(value, "value");
            if (name.isBlank()) {
                throw new IllegalArgumentException("a claim name must not be blank");
            }
            if (RESERVED_CLAIMS.contains(name)) {
                throw new IllegalArgumentException("claim '" + name
                        + "' is set by the authority and cannot be given through claim()");
            }
            if (name.equals("nonce") || name.equals("typ") && value instanceof String kind
                    && (kind.equalsIgnoreCase("ID") || kind.equalsIgnoreCase("Refresh"))) {
                throw new IllegalArgumentException("claim '" + name + "' with this value marks an ID or a refresh "
                        + "token, which authorities refuse (WRONG_TYPE); an issued token is an access token");
            }
            if (claims.containsKey(name)) {
                throw new IllegalStateException("claim '" + name + "' is already set");
            }
            Object copy = copyClaimValue(value);
            Json.write(new StringBuilder(), copy); // fails now, not at issue time, for a bad value
            claims.put(name, copy);
            return this;
        }

        /**
         * Sets this token's lifetime instead of the authority's {@code tokenTtl}. It must not exceed
         * the authority's maximum lifetime; {@link JwtAuthority#issue} checks that.
         *
         * @param ttl the lifetime, at least one second
         * @return this builder
         * @throws IllegalStateException    if the lifetime was already set
         * @throws NullPointerException     if {@code ttl} is {@code null}
         * @throws IllegalArgumentException if it is shorter than one second
         */
        public Builder ttl(Duration ttl) {
            Objects.requireNonNull(ttl, "ttl");
            if (this.ttl != null) {
                throw new IllegalStateException("ttl is already set");
            }
            if (ttl.compareTo(Duration.ofSeconds(1)) < 0) {
                throw new IllegalArgumentException("ttl must be at least 1 second; got " + ttl);
            }
            this.ttl = ttl;
            return this;
        }

        /**
         * Builds the immutable request.
         *
         * @return the request
         */
        public TokenRequest build() {
            return new TokenRequest(this);
        }

        private static Object copyClaimValue(Object value) {
            if (value instanceof Map) {
                Map<String, Object> copy = new LinkedHashMap<>();
                for (Map.Entry<?, ?> e : ((Map<?, ?>) value).entrySet()) {
                    if (!(e.getKey() instanceof String)) {
                        throw new IllegalArgumentException("a claim's map keys must be strings");
                    }
                    copy.put((String) e.getKey(), copyClaimValue(Objects.requireNonNull(e.getValue(),
                            "a claim's map value")));
                }
                return Collections.unmodifiableMap(copy);
            }
            if (value instanceof Collection) {
                List<Object> copy = new ArrayList<>();
                for (Object element : (Collection<?>) value) {
                    copy.add(copyClaimValue(Objects.requireNonNull(element, "a claim's element")));
                }
                return Collections.unmodifiableList(copy);
            }
            if (value.getClass().isArray()) {
                int length = Array.getLength(value);
                List<Object> copy = new ArrayList<>(length);
                for (int i = 0; i < length; i++) {
                    copy.add(copyClaimValue(Objects.requireNonNull(Array.get(value, i), "a claim's element")));
                }
                return Collections.unmodifiableList(copy);
            }
            return value;
        }
    }
}
