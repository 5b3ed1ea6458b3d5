package dev.ssotauth.spring.websocket;

import dev.ssotauth.core.UserContext;

import java.security.Principal;
import java.util.Objects;

/**
 * The {@link Principal} of a session the authority admitted: its name is the token's subject.
 * {@link #toString()} names no claim value. Immutable.
 *
 * @param user the verified user
 */
record SubjectPrincipal(UserContext user) implements Principal {

    SubjectPrincipal {
        Objects.requireNonNull(user, "user");
    }

    @Override
    public String getName() {
        return user.subject();
    }

    @Override
    public String toString() {
        return "SubjectPrincipal[subject=(redacted)]";
    }
}
