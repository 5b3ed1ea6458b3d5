package dev.ssotauth.example;

import java.util.List;
import java.util.Optional;

/** Who may log in, and with which roles. Implementations are immutable and thread-safe. */
interface Users {

    /**
     * Checks a user name and password.
     *
     * @param name     the user name as typed
     * @param password the password as typed
     * @return the user's roles when the password is right; empty otherwise (unknown users included)
     */
    Optional<List<String>> authenticate(String name, String password);

    /**
     * Says who can log in, for the start-up banner; names no password.
     *
     * @return one line
     */
    String describe();
}
