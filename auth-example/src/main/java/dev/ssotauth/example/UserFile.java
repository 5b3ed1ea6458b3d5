package dev.ssotauth.example;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * A fixed list of users with PBKDF2 password hashes, made with the JDK alone. One user per line,
 * six fields separated by {@code :}; blank lines and lines starting with {@code #} are skipped:
 *
 * <pre>
 * # name:scheme:iterations:salt:hash:roles
 * alice:pbkdf2-sha256:600000:9cQh0A2nN1n2m9Jz0bX1gQ==:Vt0m...3k=:user,admin
 * </pre>
 *
 * <ul>
 * <li>name: as for the demo users, {@code [a-z][a-z0-9-]{0,31}}, each at most once;</li>
 * <li>scheme: {@value #SCHEME} (PBKDF2 with HMAC-SHA-256, {@code PBKDF2WithHmacSHA256});</li>
 * <li>iterations: {@value #MIN_ITERATIONS} to {@value #MAX_ITERATIONS}; new lines use
 *     {@value #ITERATIONS}, OWASP's figure for this scheme;</li>
 * <li>salt and hash: standard Base64; a salt of at least 16 bytes, a hash of 32 bytes;</li>
 * <li>roles: a comma-separated list of names made of letters, digits, {@code -} and {@code _}.</li>
 * </ul>
 *
 * <p>{@code java -jar auth-example.jar --hash-password NAME [ROLES]} reads a password from standard
 * input and prints such a line. An unknown user costs the same hashing time as a known one. Problems
 * in the file are reported by line number, never by content. Immutable and thread-safe.
 */
final class UserFile implements Users {

    static final String SCHEME = "pbkdf2-sha256";
    static final int ITERATIONS = 600_000;
    static final int MIN_ITERATIONS = 100_000;
    static final int MAX_ITERATIONS = 10_000_000;
    static final int SALT_BYTES = 16;
    static final int HASH_BYTES = 32;

    private static final Pattern ROLE = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    private final Map<String, Entry> users;
    private final Entry decoy;
    private final String source;

    private record Entry(int iterations, byte[] salt, byte[] hash, List<String> roles) {
    }

    /** A users file that cannot be used; the message names line numbers, never content. */
    static final class InvalidException extends Exception {
        private static final long serialVersionUID = 1L;

        InvalidException(String message) {
            super(message);
        }
    }

    private UserFile(Map<String, Entry> users, String source) {
        this.users = Map.copyOf(users);
        this.source = source;
        // An unknown user is checked against this, so that a wrong name costs what a wrong password does.
        Entry any = users.values().iterator().next();
        this.decoy = new Entry(any.iterations(), new byte[SALT_BYTES], new byte[HASH_BYTES], List.of());
    }

    /**
     * Reads a users file.
     *
     * @param file the file
     * @return the users
     * @throws IOException      when it cannot be read
     * @throws InvalidException when a line is not a valid user, or there is none
     */
    static UserFile load(Path file) throws IOException, InvalidException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        Map<String, Entry> users = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String problem = parseLine(line, users);
            if (problem != null) {
                problems.add("line " + (i + 1) + ": " + problem);
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidException("the users file " + file.getFileName() + " is refused: "
                    + String.join("; ", problems));
        }
        if (users.isEmpty()) {
            throw new InvalidException("the users file " + file.getFileName() + " holds no user");
        }
        return new UserFile(users, file.getFileName().toString());
    }

    private static String parseLine(String line, Map<String, Entry> users) {
        String[] fields = line.split(":", -1);
        if (fields.length != 6) {
            return "expected 6 fields separated by ':' (name:scheme:iterations:salt:hash:roles), found "
                    + fields.length;
        }
        String name = fields[0];
        if (!DemoUsers.isValidName(name)) {
            return "the name is not 1 to 32 characters of [a-z0-9-] starting with a letter";
        }
        if (users.containsKey(name)) {
            return "the user is listed twice";
        }
        if (!SCHEME.equals(fields[1])) {
            return "the scheme must be " + SCHEME;
        }
        int iterations;
        try {
            iterations = Integer.parseInt(fields[2]);
        } catch (NumberFormatException e) {
            return "the iteration count is not a number";
        }
        if (iterations < MIN_ITERATIONS || iterations > MAX_ITERATIONS) {
            return "the iteration count must be from " + MIN_ITERATIONS + " to " + MAX_ITERATIONS;
        }
        byte[] salt;
        byte[] hash;
        try {
            salt = Base64.getDecoder().decode(fields[3]);
            hash = Base64.getDecoder().decode(fields[4]);
        } catch (IllegalArgumentException e) {
            return "the salt or the hash is not Base64";
        }
        if (salt.length < SALT_BYTES) {
            return "the salt must be at least " + SALT_BYTES + " bytes";
        }
        if (hash.length != HASH_BYTES) {
            return "the hash must be " + HASH_BYTES + " bytes";
        }
        List<String> roles = parseRoles(fields[5]);
        if (roles == null) {
            return "the roles must be a comma-separated list of names of letters, digits, '-' and '_'";
        }
        users.put(name, new Entry(iterations, salt, hash, roles));
        return null;
    }

    /**
     * Parses a comma-separated list of role names.
     *
     * @param text the list
     * @return the roles, or {@code null} when the list is not valid
     */
    static List<String> parseRoles(String text) {
        List<String> roles = new ArrayList<>();
        for (String role : text.split(",", -1)) {
            if (!ROLE.matcher(role).matches() || roles.contains(role)) {
                return null;
            }
            roles.add(role);
        }
        return List.copyOf(roles);
    }

    /**
     * A users-file line for {@code name} with a fresh salt and {@value #ITERATIONS} iterations.
     *
     * @param name     the user name
     * @param password the password; cleared by the caller
     * @param roles    the roles
     * @param random   the source of the salt
     * @return the line
     */
    static String line(String name, char[] password, List<String> roles, SecureRandom random) {
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        byte[] hash = pbkdf2(password, salt, ITERATIONS);
        return name + ":" + SCHEME + ":" + ITERATIONS + ":" + Base64.getEncoder().encodeToString(salt) + ":"
                + Base64.getEncoder().encodeToString(hash) + ":" + String.join(",", roles);
    }

    @Override
    public Optional<List<String>> authenticate(String name, String password) {
        if (password == null || password.isEmpty()) {
            return Optional.empty();
        }
        Entry entry = name == null ? null : users.get(name);
        Entry checked = entry != null ? entry : decoy;
        char[] chars = password.toCharArray();
        byte[] hash;
        try {
            hash = pbkdf2(chars, checked.salt(), checked.iterations());
        } finally {
            Arrays.fill(chars, '\0');
        }
        boolean match = MessageDigest.isEqual(hash, checked.hash());
        return entry != null && match ? Optional.of(entry.roles()) : Optional.empty();
    }

    @Override
    public String describe() {
        return "users from " + source + ": " + users.size() + (users.size() == 1 ? " user" : " users")
                + " with PBKDF2 password hashes (the demo users are off)";
    }

    private static byte[] pbkdf2(char[] password, byte[] salt, int iterations) {
        PBEKeySpec spec = new PBEKeySpec(password, salt, iterations, HASH_BYTES * 8);
        try {
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA256 is not available in this JDK", e);
        } finally {
            spec.clearPassword();
        }
    }
}
