package dev.ssotauth.keycloak;

import dev.ssotauth.core.AuthResult;
import dev.ssotauth.core.AuthUnavailableException;
import dev.ssotauth.core.JwtAuthority;

import java.time.Duration;
import java.util.List;

/** Waiting for an authority to decide about a token while its answer is "cannot decide yet" (503). */
final class Decisions {

    private Decisions() {
    }

    /**
     * The first answer that is a decision, asking again every 100 ms while the answer is
     * {@link AuthUnavailableException}; each such answer is added to {@code undecided}.
     *
     * @throws AuthUnavailableException when there is still no decision at the deadline
     */
    static AuthResult await(JwtAuthority authority, String token, Duration deadline, List<String> undecided) {
        long end = System.nanoTime() + deadline.toNanos();
        while (true) {
            try {
                return authority.authenticate(token);
            } catch (AuthUnavailableException e) {
                undecided.add("503");
                if (System.nanoTime() - end > 0) {
                    throw e;
                }
                Keycloak.pause(Duration.ofMillis(100));
            }
        }
    }
}
