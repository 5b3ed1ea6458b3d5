package dev.ssotauth.core;

import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * The verified user that code on the current thread runs for, for code that cannot be handed a
 * {@link UserContext} as a parameter (background jobs, deep call chains). The user is set only for
 * the duration of {@link #runAs(UserContext, Runnable)} or {@link #callAs(UserContext, Callable)}
 * and restored afterwards, however the action ends, so a user can never leak into the next task a
 * pooled thread runs.
 *
 * <pre>{@code
 * UserContext user = authority.verify(token);
 * AuthContext.runAs(user, () -> agentJob.run());        // inside: AuthContext.current()
 * }</pre>
 *
 * <p>Thread-safe: each thread sees only the user it runs as. The context does not follow work to
 * other threads; hand the {@code UserContext} over and call {@code runAs} there.
 */
public final class AuthContext {

    /** The only mutable state: one slot per thread, always restored in {@code finally}. */
    private static final ThreadLocal<UserContext> CURRENT = new ThreadLocal<>();

    private AuthContext() {
    }

    /**
     * The user the current thread runs as.
     *
     * @return the user, or empty outside {@code runAs} / {@code callAs}; never {@code null}
     */
    public static Optional<UserContext> current() {
        return Optional.ofNullable(CURRENT.get());
    }

    /**
     * Runs {@code action} on the current thread as {@code user}, then restores the previous user
     * (or none), also when {@code action} throws.
     *
     * @param user   the verified user
     * @param action what to run
     * @throws NullPointerException if {@code user} or {@code action} is {@code null}
     */
    public static void runAs(UserContext user, Runnable action) {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(action, "action");
        UserContext previous = CURRENT.get();
        CURRENT.set(user);
        try {
            action.run();
        } finally {
            restore(previous);
        }
    }

    /**
     * Calls {@code action} on the current thread as {@code user} and returns its result, then
     * restores the previous user (or none), also when {@code action} throws.
     *
     * @param <T>    the result type
     * @param user   the verified user
     * @param action what to call
     * @return what {@code action} returned; may be {@code null}
     * @throws Exception            what {@code action} threw
     * @throws NullPointerException if {@code user} or {@code action} is {@code null}
     */
    public static <T> T callAs(UserContext user, Callable<T> action) throws Exception {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(action, "action");
        UserContext previous = CURRENT.get();
        CURRENT.set(user);
        try {
            return action.call();
        } finally {
            restore(previous);
        }
    }

    private static void restore(UserContext previous) {
        if (previous == null) {
            CURRENT.remove();
        } else {
            CURRENT.set(previous);
        }
    }
}
