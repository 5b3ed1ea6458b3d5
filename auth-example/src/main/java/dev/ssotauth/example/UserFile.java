package dev.ssotauth.example;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * A fixed list of users with PBKDF2 password hashes, made with the JDK alone. One user per line,
 * {@code name:pbkdf2-sha256:iterations:salt:hash:roles}; blank lines and {@code #} comments are skipped.
 * The name as for the demo users, each once; {@value #MIN_ITERATIONS} to {@value #MAX_ITERATIONS}
 * iterations (new lines use {@value #ITERATIONS}, OWASP's figure); salt (at least 16 bytes) and hash
 * (32 bytes) in standard Base64; roles a comma list of letters, digits, {@code -} and {@code _}.
 *
 * <p>{@code --hash-password NAME [ROLES]} prints such a line. An unknown user costs the same hashing
 * time as a known one. Problems are reported by line number, never by content. Immutable, thread-safe.
 */
final class UserFile implements Users {

    static final String SCHEME = "pbkdf2-sha256";
    static final int ITERATIONS = 600_000;
    static final int MIN_ITERATIONS = 100_000;
    static final int MAX_ITERATIONS = 10_000_000;

    private static final Pattern ROLES = Pattern.compile("[A-Za-z0-9_-]{1,64}(,[A-Za-z0-9_-]{1,64})*");
    private static final Pattern BASE64_TEXT = Pattern.compile(
            "([A-Za-z0-9+/]{4})*([A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?");
    /** Each field's form, and what a line whose field breaks it is told. */
    private static final List<Map.Entry<Pattern, String>> FIELDS = List.of(
            Map.entry(NAME, "the name is not 1 to 32 characters of [a-z0-9-] starting with a letter"),
            Map.entry(Pattern.compile(SCHEME), "the scheme must be " + SCHEME),
            Map.entry(Pattern.compile("[0-9]{1,9}"), "the iteration count is not a number"),
            Map.entry(BASE64_TEXT, "the salt or the hash is not Base64"),
            Map.entry(BASE64_TEXT, "the salt or the hash is not Base64"),
            Map.entry(ROLES, "the roles must be a comma-separated list of names of letters, digits, '-' and '_'"));
    private static final Base64.Decoder BASE64 = Base64.getDecoder();

    private record Entry(int iterations, byte[] salt, byte[] hash, List<String> roles) {
    }

    /** A users file that cannot be used; the message names line numbers, never content. */
    static final class InvalidException extends Exception {
        private static final long serialVersionUID = 1L;

        InvalidException(String message) {
            super(message);
        }
    }

    private final Map<String, Entry> users;
    private final Entry decoy;
    private final String source;

    private UserFile(Map<String, Entry> users, String source) {
        this.users = Map.copyOf(users);
        this.source = source;
        // An unknown user is checked against this, so that a wrong name costs what a wrong password does.
        this.decoy = new Entry(users.values().iterator().next().iterations(), new byte[16], new byte[32], List.of());
    }

    /**
     * Reads a users file.
     *
     * @throws IOException      when it cannot be read
     * @throws InvalidException when a line is not a valid user, or there is none
     */
    static UserFile load(Path file) throws IOException, InvalidException {
        List<String> lines = Files.readAllLines(file);
        Map<String, Entry> users = new HashMap<>();
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            String problem = line.isEmpty() || line.startsWith("#") ? null : parse(line.split(":", -1), users);
            if (problem != null) {
                problems.add("line " + (i + 1) + ": " + problem);
            }
        }
        String name = "the users file " + file.getFileName();
        if (!problems.isEmpty()) {
            throw new InvalidException(name + " is refused: " + String.join("; ", problems));
        }
        if (users.isEmpty()) {
            throw new InvalidException(name + " holds no user");
        }
        return new UserFile(users, file.getFileName().toString());
    }

    /** Adds the user of {@code fields} to {@code users}; or says what is wrong. */
    private static String parse(String[] fields, Map<String, Entry> users) {
        if (fields.length != 6) {
            return "expected 6 fields separated by ':' (name:scheme:iterations:salt:hash:roles), found "
                    + fields.length;
        }
        for (int i = 0; i < 6; i++) {
            if (!FIELDS.get(i).getKey().matcher(fields[i]).matches()) {
                return FIELDS.get(i).getValue();
            }
        }
        int iterations = Integer.parseInt(fields[2]);
        byte[] salt = BASE64.decode(fields[3]);
        byte[] hash = BASE64.decode(fields[4]);
        List<String> roles = parseRoles(fields[5]);
        if (users.containsKey(fields[0])) {
            return "the user is listed twice";
        } else if (iterations < MIN_ITERATIONS || iterations > MAX_ITERATIONS) {
            return "the iteration count must be from " + MIN_ITERATIONS + " to " + MAX_ITERATIONS;
        } else if (salt.length < 16) {
            return "the salt must be at least 16 bytes";
        } else if (hash.length != 32) {
            return "the hash must be 32 bytes";
        } else if (roles == null) {
            return FIELDS.get(5).getValue();
        }
        users.put(fields[0], new Entry(iterations, salt, hash, roles));
        return null;
    }

    /** A comma-separated list of distinct role names; {@code null} when it is not one. */
    static List<String> parseRoles(String text) {
        List<String> roles = List.of(text.split(","));
        return ROLES.matcher(text).matches() && Set.copyOf(roles).size() == roles.size() ? roles : null;
    }

    /** A users-file line for {@code name} with a fresh salt; the caller clears {@code password}. */
    static String line(String name, char[] password, List<String> roles, SecureRandom random) {
        byte[] salt = new byte[16];
        random.nextBytes(salt);
        Base64.Encoder base64 = Base64.getEncoder();
        return String.join(":", name, SCHEME, String.valueOf(ITERATIONS), base64.encodeToString(salt),
                base64.encodeToString(pbkdf2(password, salt, ITERATIONS)), String.join(",", roles));
    }

    @Override
    public Optional<List<String>> authenticate(String name, String password) {
        if (password == null || password.isEmpty()) {
            return Optional.empty();
        }
        Entry entry = name == null ? null : users.get(name);
        Entry checked = entry != null ? entry : decoy;
        char[] chars = password.toCharArray();
        boolean match = MessageDigest.isEqual(pbkdf2(chars, checked.salt(), checked.iterations()), checked.hash());
        Arrays.fill(chars, '\0');
        return entry != null && match ? Optional.of(entry.roles()) : Optional.empty();
    }

    @Override
    public String describe() {
        return "users from " + source + ": " + users.size() + (users.size() == 1 ? " user" : " users")
                + " with PBKDF2 password hashes (the demo users are off)";
    }

    private static byte[] pbkdf2(char[] password, byte[] salt, int iterations) {
        PBEKeySpec spec = new PBEKeySpec(password, salt, iterations, 256);
        try {
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA256 is not available in this JDK", e);
        } finally {
            spec.clearPassword();
        }
    }
}
