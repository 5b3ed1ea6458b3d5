package dev.ssotauth.example;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The demo users: any name matching {@link #NAME} logs in with {@value #DEMO_PASSWORD} and gets {@code user};
 * {@code alice} also {@code admin}. Replace this with your user store or identity provider.
 */
final class Users {

    /** The demo users' password, public on purpose. */
    static final String DEMO_PASSWORD = "demo";
    /** A lowercase letter, then up to 31 lowercase letters, digits or {@code -}. */
    static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]{0,31}");

    private Users() {
    }

    /** The user's roles when the password is right; empty otherwise (unknown users included). */
    static Optional<List<String>> authenticate(String name, String password) {
        if (name == null || !NAME.matcher(name).matches() || !DEMO_PASSWORD.equals(password)) {
            return Optional.empty();
        }
        return Optional.of(name.equals("alice") ? List.of("user", "admin") : List.of("user"));
    }
}
