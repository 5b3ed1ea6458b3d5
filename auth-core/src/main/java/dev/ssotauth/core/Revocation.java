package dev.ssotauth.core;

import java.time.Instant;
import java.util.Objects;

/**
 * One revocation: a token (by {@code jti}), a login session (by {@code sid}), or everything a subject
 * was issued up to an instant. Kept by a {@link RevocationStore} until {@link #expiresAt()}, when
 * every token it can cover has expired anyway.
 *
 * <p>Immutable and thread-safe. {@link #toString()} shows the kind only, never the revoked value.
 */
public final class Revocation {

    /** What a revocation names. */
    public enum Kind {
        /** One token, by its {@code jti}. */
        TOKEN,
        /** Every token of one login session, by {@code sid}. */
        SESSION,
        /** Every token of one subject issued at or before {@link Revocation#issuedUpTo()}. */
        SUBJECT
    }

    private final Kind kind;
    private final String value;
    private final Instant issuedUpTo;
    private final Instant expiresAt;

    private Revocation(Kind kind, String value, Instant issuedUpTo, Instant expiresAt) {
        this.kind = Objects.requireNonNull(kind, "kind");
        this.value = Objects.requireNonNull(value, "value");
        this.issuedUpTo = issuedUpTo;
        this.expiresAt = Objects.requireNonNull(expiresAt, "expiresAt");
        if (value.isEmpty()) {
            throw new IllegalArgumentException("a revocation needs a non-empty value");
        }
        if (kind == Kind.SUBJECT) {
            Objects.requireNonNull(issuedUpTo, "issuedUpTo");
        }
    }

    /**
     * Revokes one token.
     *
     * @param tokenId   the token's {@code jti}
     * @param expiresAt when the entry may be dropped: the token's expiry plus the clock skew
     * @return the revocation
     * @throws NullPointerException     if an argument is {@code null}
     * @throws IllegalArgumentException if {@code tokenId} is empty
     */
    public static Revocation ofToken(String tokenId, Instant expiresAt) {
        return new Revocation(Kind.TOKEN, tokenId, null, expiresAt);
    }

    /**
     * Revokes every token of a login session.
     *
     * @param sessionId the session's {@code sid}
     * @param expiresAt when the entry may be dropped
     * @return the revocation
     * @throws NullPointerException     if an argument is {@code null}
     * @throws IllegalArgumentException if {@code sessionId} is empty
     */
    public static Revocation ofSession(String sessionId, Instant expiresAt) {
        return new Revocation(Kind.SESSION, sessionId, null, expiresAt);
    }

    /**
     * Revokes every token of a subject whose {@code iat} is at or before {@code issuedUpTo}
     * (compared in whole seconds, as {@code iat} is).
     *
     * @param subject    the {@code sub}
     * @param issuedUpTo the last issue instant covered
     * @param expiresAt  when the entry may be dropped
     * @return the revocation
     * @throws NullPointerException     if an argument is {@code null}
     * @throws IllegalArgumentException if {@code subject} is empty
     */
    public static Revocation ofSubject(String subject, Instant issuedUpTo, Instant expiresAt) {
        return new Revocation(Kind.SUBJECT, subject, issuedUpTo, expiresAt);
    }

    /**
     * What this revocation names.
     *
     * @return the kind
     */
    public Kind kind() {
        return kind;
    }

    /**
     * The revoked {@code jti}, {@code sid} or {@code sub}. Treat it like a claim value: do not log it.
     *
     * @return the value, never empty
     */
    public String value() {
        return value;
    }

    /**
     * For {@link Kind#SUBJECT}, the last issue instant covered; otherwise {@code null}.
     *
     * @return the instant, or {@code null}
     */
    public Instant issuedUpTo() {
        return issuedUpTo;
    }

    /**
     * When every token this revocation can cover has expired, so the entry may be dropped.
     *
     * @return the instant
     */
    public Instant expiresAt() {
        return expiresAt;
    }

    /**
     * Whether this revocation covers the token {@code user} came from.
     *
     * @param user a verified user
     * @return whether that token is revoked by this entry
     * @throws NullPointerException if {@code user} is {@code null}
     */
    public boolean covers(UserContext user) {
        switch (kind) {
            case TOKEN:
                return user.tokenId().map(value::equals).orElse(false);
            case SESSION:
                return user.sessionId().map(value::equals).orElse(false);
            case SUBJECT:
                return value.equals(user.subject())
                        && user.issuedAt().getEpochSecond() <= issuedUpTo.getEpochSecond();
            default:
                throw new IllegalStateException(kind.name());
        }
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Revocation)) {
            return false;
        }
        Revocation other = (Revocation) o;
        return kind == other.kind && value.equals(other.value) && Objects.equals(issuedUpTo, other.issuedUpTo)
                && expiresAt.equals(other.expiresAt);
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, value, issuedUpTo, expiresAt);
    }

    /**
     * A safe description: the kind and expiry, not the revoked value.
     *
     * @return the description
     */
    @Override
    public String toString() {
        return "Revocation[" + kind + ", expiresAt=" + expiresAt + "]";
    }
}
