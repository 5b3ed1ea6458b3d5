package dev.ssotauth.example;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The command line, parsed.
 *
 * @param mode       what to do
 * @param port       the TCP port; 0 picks a free one
 * @param bind       the address to listen on
 * @param role       which parts of the service this process runs
 * @param usersFile  the users file, or {@code null} for the demo users
 * @param smokeUsers how many simulated users {@code --smoke} runs
 * @param hashUser   the user name {@code --hash-password} writes a line for
 * @param hashRoles  the roles {@code --hash-password} writes
 * @param redis      the Redis URI of {@code --redis}, or {@code null}; checked for its form only, never
 *                   printed (it may hold a password)
 * @param adminStats whether to serve {@code GET /admin/stats} to loopback clients
 */
record Options(Mode mode, int port, String bind, Role role, Path usersFile, int smokeUsers, String hashUser,
        List<String> hashRoles, String redis, boolean adminStats) {

    static final int DEFAULT_PORT = 8080;
    static final String DEFAULT_BIND = "127.0.0.1";
    static final int DEFAULT_SMOKE_USERS = 20;
    static final int MAX_SMOKE_USERS = 200;

    static final String USAGE = String.join("\n",
            "usage: java -jar auth-example.jar [--port N] [--bind ADDRESS] [--role all|login|chat] [--users FILE]",
            "                                  [--redis URI] [--admin-stats]",
            "       java -jar auth-example.jar --smoke [--users N] [--port N] [--redis URI]",
            "       java -jar auth-example.jar --hash-password USER [ROLE,ROLE...]",
            "",
            "  --port N           TCP port (default " + DEFAULT_PORT + "; 0 picks a free port and prints it)",
            "  --bind ADDRESS     address to listen on (default " + DEFAULT_BIND + "; 0.0.0.0 for every interface)",
            "  --role all         login, HTTP API, WebSocket chat and the page in one process (default)",
            "  --role login       issues tokens: POST /login; with asymmetric keys also GET /.well-known/jwks.json",
            "                     and the discovery document, GET /.well-known/openid-configuration",
            "  --role chat        verifies only: GET /api/me, WebSocket /chat and the page",
            "  --users FILE       log in only the users of FILE (PBKDF2 hashes; see --hash-password) instead of",
            "                     the demo users",
            "  --smoke            start, walk N concurrent simulated users through login, /api/me and the",
            "                     WebSocket chat (whoami, say, agent), print a report, exit 0 only if all held",
            "  --users N          with --smoke: how many users (default " + DEFAULT_SMOKE_USERS + ", at most "
                    + MAX_SMOKE_USERS + ")",
            "  --admin-stats      serve GET /admin/stats to loopback clients only: heap after a full collection,",
            "                     open chat sessions, live session objects, timers and threads; for load tests",
            "  --hash-password    read a password from standard input and print a users-file line for USER",
            "  --redis URI        keep revocations (POST /logout, /logout-all) in the Redis at URI, shared by",
            "                     every process started with the same URI: redis://HOST:PORT[/DB], rediss:// for",
            "                     TLS, redis://:PASSWORD@HOST:PORT with a password. Or set REDIS_URL. Without",
            "                     either, revocations hold in this process only",
            "",
            "Keys: with no JWT_* variable set, an ephemeral key made at start (--role login: a key pair, and the",
            "process's own URL http://ADDRESS:PORT as issuer); otherwise the single configuration source",
            "(JWT_SECRET_KEY or JWT_SIGNING_KEYS_FILE or JWT_ISSUER_URI or JWT_JWKS_URI, JWT_ISSUER, JWT_AUDIENCE,",
            "JWT_ACCESS_TOKEN_TTL, JWT_CLOCK_SKEW, ...). A chat process with JWT_ISSUER_URI=<login URL> finds",
            "the login's keys by discovery; with JWT_SIGNING_KEYS_FILE, set the login's JWT_ISSUER to that URL.");

    /** Like the record's own, but {@code --redis} only as given or not: its URI may hold a password. */
    @Override
    public String toString() {
        return "Options[mode=" + mode + ", port=" + port + ", bind=" + bind + ", role=" + role + ", usersFile="
                + usersFile + ", smokeUsers=" + smokeUsers + ", hashUser=" + hashUser + ", hashRoles=" + hashRoles
                + ", redis=" + (redis == null ? "none" : "given") + "]";
    }

    /** What the process does. */
    enum Mode {
        SERVE, SMOKE, HASH_PASSWORD, HELP
    }

    /** Which parts of the service a process runs. */
    enum Role {
        /** Everything in one process. */
        ALL,
        /** Issues tokens and publishes its public keys. */
        LOGIN,
        /** Verifies tokens: HTTP API, WebSocket chat, the page. */
        CHAT;

        boolean logsIn() {
            return this != CHAT;
        }

        boolean chats() {
            return this != LOGIN;
        }

        String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** A command line that cannot be run; the message says why. */
    static final class UsageException extends Exception {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }

    /**
     * Parses the arguments.
     *
     * @param args the command line
     * @return the options
     * @throws UsageException when the command line is wrong
     */
    static Options parse(String... args) throws UsageException {
        List<String> list = List.of(args);
        if (list.contains("--help") || list.contains("-h")) {
            return new Options(Mode.HELP, DEFAULT_PORT, DEFAULT_BIND, Role.ALL, null, 0, null, List.of(), null, false);
        }
        if (!list.isEmpty() && list.get(0).equals("--hash-password")) {
            return hashPassword(list.subList(1, list.size()));
        }
        boolean smoke = list.contains("--smoke");
        Integer port = null;
        String bind = null;
        Role role = null;
        String users = null;
        String redis = null;
        boolean adminStats = false;
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            if (!seen.add(option)) {
                throw new UsageException(option + " is given twice");
            }
            switch (option) {
                case "--smoke":
                    break;
                case "--port":
                    port = port(value(args, ++i, option));
                    break;
                case "--bind":
                    bind = value(args, ++i, option);
                    break;
                case "--role":
                    role = role(value(args, ++i, option));
                    break;
                case "--users":
                    users = value(args, ++i, option);
                    break;
                case "--redis":
                    redis = redis(value(args, ++i, option));
                    break;
                case "--admin-stats":
                    adminStats = true;
                    break;
                case "--hash-password":
                    throw new UsageException("--hash-password comes first and alone: --hash-password USER [ROLES]");
                default:
                    throw new UsageException("unknown option '" + option + "'");
            }
        }
        if (smoke) {
            if (role != null && role != Role.ALL) {
                throw new UsageException("--smoke runs the whole service in one process; it takes no --role");
            }
            if (adminStats) {
                throw new UsageException("--admin-stats is for a service that keeps running; --smoke ends by itself");
            }
            int count = users == null ? DEFAULT_SMOKE_USERS : smokeUsers(users);
            return new Options(Mode.SMOKE, port == null ? 0 : port, bind == null ? DEFAULT_BIND : bind, Role.ALL,
                    null, count, null, List.of(), redis, false);
        }
        Role chosen = role == null ? Role.ALL : role;
        if (users != null && !chosen.logsIn()) {
            throw new UsageException("--users is for a process that logs users in; --role chat only verifies tokens");
        }
        return new Options(Mode.SERVE, port == null ? DEFAULT_PORT : port, bind == null ? DEFAULT_BIND : bind,
                chosen, users == null ? null : Path.of(users), 0, null, List.of(), redis, adminStats);
    }

    private static Options hashPassword(List<String> rest) throws UsageException {
        if (rest.isEmpty() || rest.size() > 2) {
            throw new UsageException("--hash-password takes a user name and, optionally, a comma-separated list of "
                    + "roles");
        }
        String user = rest.get(0);
        if (!DemoUsers.isValidName(user)) {
            throw new UsageException("a user name is 1 to 32 characters: a lowercase letter, then lowercase letters, "
                    + "digits or '-'");
        }
        List<String> roles = rest.size() == 2 ? UserFile.parseRoles(rest.get(1)) : List.of("user");
        if (roles == null) {
            throw new UsageException("roles are a comma-separated list of names made of letters, digits, '-' and "
                    + "'_'");
        }
        return new Options(Mode.HASH_PASSWORD, DEFAULT_PORT, DEFAULT_BIND, Role.ALL, null, 0, user, roles, null, false);
    }

    private static String value(String[] args, int index, String option) throws UsageException {
        if (index >= args.length || args[index].startsWith("--")) {
            throw new UsageException(option + " needs a value");
        }
        return args[index];
    }

    private static int port(String text) throws UsageException {
        try {
            int port = Integer.parseInt(text);
            if (port >= 0 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw new UsageException("--port must be a number from 0 to 65535");
    }

    private static Role role(String text) throws UsageException {
        switch (text) {
            case "all":
                return Role.ALL;
            case "login":
                return Role.LOGIN;
            case "chat":
                return Role.CHAT;
            default:
                throw new UsageException("--role must be all, login or chat");
        }
    }

    /** The value of {@code --redis} when it is a Redis URI; the message never repeats it. */
    private static String redis(String text) throws UsageException {
        if (!RevocationSetup.isRedisUri(text)) {
            throw new UsageException("--redis must be a redis:// or rediss:// URI with a host, such as "
                    + "redis://127.0.0.1:6379");
        }
        return text;
    }

    private static int smokeUsers(String text) throws UsageException {
        try {
            int count = Integer.parseInt(text);
            if (count >= 1 && count <= MAX_SMOKE_USERS) {
                return count;
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw new UsageException("with --smoke, --users is how many simulated users: a number from 1 to "
                + MAX_SMOKE_USERS);
    }
}
