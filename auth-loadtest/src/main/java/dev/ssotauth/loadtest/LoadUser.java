package dev.ssotauth.loadtest;

import java.time.Instant;
import java.util.Random;

/**
 * One simulated user of a {@link LoadRun}: a life is one login and one connection
 * ({@link UserConnection}); when the service closes a connection whose token the user let expire,
 * the next life begins. Every answer is checked as it arrives:
 *
 * <ul>
 * <li>{@code whoami} carries this user's subject, and the {@code exp} of the last token sent on this
 *     connection (the handshake's, or the last {@code reauth}'s);</li>
 * <li>{@code said} names as {@code from} the user whose name the text carries (text:
 *     {@code user|life|n}); this user's own {@code said} come back in order, and those of each other
 *     sender arrive without a gap ({@code n} rises by one);</li>
 * <li>{@code agent-done} carries this user's subject and a task this connection asked for;</li>
 * <li>{@code reauthed} carries the fresh token's {@code exp};</li>
 * <li>no answer arrives for a message sent at or after the {@code exp} (plus the service's clock
 *     skew) of a token the user let expire, and such a connection is closed with 1008
 *     {@code "token expired"}, not before then.</li>
 * </ul>
 *
 * <p>Thread-safe: the run's timers, the HTTP client's threads and the listener call it; each life
 * guards its state with its own lock.
 */
final class LoadUser {

    final String name;
    private final LoadRun run;
    private final Random random;
    private int lives; // touched by one thread at a time: a life starts only after the previous ended
    private volatile UserConnection life;

    LoadUser(LoadRun run, String name, long seed) {
        this.run = run;
        this.name = name;
        this.random = new Random(seed);
    }

    /** Logs in and opens a connection: a new life. */
    void connect() {
        if (run.closing()) {
            return;
        }
        int number = ++lives;
        run.login(name).thenAccept(token -> {
            if (token != null && !run.closing()) {
                new UserConnection(this, run, number, token).open();
            }
        });
    }

    /** Whether the current connection waits for answers. */
    boolean awaitsAnswers() {
        UserConnection current = life;
        return current != null && current.unanswered() > 0;
    }

    /** Answers the open connection still waits for at the end: lost messages. */
    int unanswered() {
        UserConnection current = life;
        if (current == null) {
            return 0;
        }
        int missing = current.unanswered();
        if (missing > 0) {
            run.problem(name + " life " + current.number + ": " + missing + " answers never came ("
                    + current.unansweredByKind() + ")");
        }
        return missing;
    }

    /** Whether the connection is open although the token it let expire did so more than 10 s ago. */
    boolean openPastExpiry(Instant now) {
        UserConnection current = life;
        return current != null && current.openPastExpiry(now);
    }

    /** Closes the open connection with 1000, as a client leaving does. */
    void closeNormally() {
        UserConnection current = life;
        if (current != null) {
            current.closeNormally();
        }
    }

    /** Drops the connection without a closing handshake. */
    void abort() {
        UserConnection current = life;
        if (current != null) {
            current.abort();
        }
    }

    /** The user's next random draw (its own seeded sequence). */
    double nextDouble() {
        return random.nextDouble(); // Random is thread-safe
    }

    /** The connection {@code life} is now this user's. */
    void began(UserConnection life) {
        this.life = life;
    }

}
