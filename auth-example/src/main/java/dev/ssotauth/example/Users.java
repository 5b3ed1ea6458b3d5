package dev.ssotauth.example;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/** Who may log in, and with which roles: the demo users, or a {@link UserFile}. Immutable, thread-safe. */
interface Users {

    /** The demo users' password. */
    String DEMO_PASSWORD = "demo";
    /** A user name: a lowercase letter, then up to 31 lowercase letters, digits or {@code -}. */
    Pattern NAME = Pattern.compile("[a-z][a-z0-9-]{0,31}");

    /** The user's roles when the password is right; empty otherwise (unknown users included). */
    Optional<List<String>> authenticate(String name, String password);

    /** Who can log in, for the start-up banner; names no password. */
    String describe();

    /** Any valid name logs in with {@value #DEMO_PASSWORD} and gets {@code user}; {@code alice} also {@code admin}. */
    static Users demo() {
        byte[] demo = DEMO_PASSWORD.getBytes(StandardCharsets.UTF_8);
        return new Users() {
            @Override
            public Optional<List<String>> authenticate(String name, String password) {
                return password == null || !MessageDigest.isEqual(password.getBytes(StandardCharsets.UTF_8), demo)
                        || name == null || !NAME.matcher(name).matches() ? Optional.empty()
                        : Optional.of(name.equals("alice") ? List.of("user", "admin") : List.of("user"));
            }

            @Override
            public String describe() {
                return "demo users: any name matching " + NAME + " logs in with password '" + DEMO_PASSWORD
                        + "' and gets role user; alice also gets admin";
            }
        };
    }
}
