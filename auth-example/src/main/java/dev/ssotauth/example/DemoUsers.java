package dev.ssotauth.example;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The demo users: any name matching {@code [a-z][a-z0-9-]{0,31}} logs in with the password
 * {@value #PASSWORD} and gets the role {@code user}; {@code alice} also gets {@code admin}.
 */
final class DemoUsers implements Users {

    static final String PASSWORD = "demo";
    static final String ADMIN = "alice";

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]{0,31}");
    private static final byte[] PASSWORD_BYTES = PASSWORD.getBytes(StandardCharsets.UTF_8);

    /**
     * Whether {@code name} is a valid user name: a lowercase letter, then up to 31 lowercase letters,
     * digits or {@code -}.
     */
    static boolean isValidName(String name) {
        return name != null && NAME.matcher(name).matches();
    }

    @Override
    public Optional<List<String>> authenticate(String name, String password) {
        boolean rightPassword = password != null
                && MessageDigest.isEqual(password.getBytes(StandardCharsets.UTF_8), PASSWORD_BYTES);
        if (!rightPassword || !isValidName(name)) {
            return Optional.empty();
        }
        return Optional.of(ADMIN.equals(name) ? List.of("user", "admin") : List.of("user"));
    }

    @Override
    public String describe() {
        return "demo users: any name matching [a-z][a-z0-9-]{0,31} logs in with password '" + PASSWORD
                + "' and gets role user; " + ADMIN + " also gets admin";
    }
}
