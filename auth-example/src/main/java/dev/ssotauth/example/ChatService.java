package dev.ssotauth.example;

import dev.ssotauth.core.AuthConfigurationException;
import dev.ssotauth.core.JwtAuthority;
import dev.ssotauth.micrometer.AuthMetrics;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import org.apache.catalina.LifecycleException;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The runnable chat service; {@code java -jar auth-example.jar --help} lists its options.
 *
 * <p>Exit codes: 0 (stopped normally; smoke passed), 1 (configuration refused, Redis unreachable, could
 * not start, smoke failed), 2 (wrong command line). SIGTERM closes every chat connection with 1001, stops
 * the server and closes the revocation store.
 */
@Command(name = "java -jar auth-example.jar", separator = " ", sortOptions = false, usageHelpWidth = 110,
        synopsisHeading = "", customSynopsis = {
            "usage: java -jar auth-example.jar [--port N] [--bind ADDRESS] [--role all|login|chat] [--users FILE]",
            "                                  [--redis URI] [--admin-stats]",
            "       java -jar auth-example.jar --smoke [--smoke-users N] [--port N] [--bind ADDRESS] [--redis URI]",
            "       java -jar auth-example.jar --hash-password USER [ROLE,...]", ""}, description = "The chat service on one JwtAuthority: login over HTTP, chat over "
                + "WebSocket, agent jobs.%n",
        footer = {"%nKeys: with no JWT_* variable set, an ephemeral key made at start (--role login: a key pair, and "
                + "the process's own URL http://ADDRESS:PORT as issuer); otherwise the single configuration source "
                + "(JWT_SECRET_KEY or JWT_SIGNING_KEYS_FILE or JWT_ISSUER_URI or JWT_JWKS_URI, JWT_ISSUER, "
                + "JWT_AUDIENCE, JWT_ACCESS_TOKEN_TTL, JWT_CLOCK_SKEW, ...). A chat process with "
                + "JWT_ISSUER_URI=<login URL> finds the login's keys by discovery."})
public final class ChatService implements Callable<Integer> {

    /** Tomcat logs through java.util.logging; its start-up lines are noise for a demo. Held, not just set. */
    private static final java.util.logging.Logger TOMCAT_LOG = java.util.logging.Logger.getLogger("org.apache");

    @Spec
    private CommandSpec spec;
    @Option(names = {"-h", "--help"}, order = 11, usageHelp = true, description = "print this help and exit")
    private boolean help;
    int port;
    @Option(names = "--bind", order = 2, paramLabel = "ADDRESS", defaultValue = "127.0.0.1",
            description = "address to listen on; 0.0.0.0 for every interface (default: ${DEFAULT-VALUE})")
    String bind;
    Role role;
    @Option(names = "--users", order = 4, paramLabel = "FILE", description = "log in only the users of FILE (PBKDF2 hashes; "
            + "see --hash-password) (default: none, the demo users: any name, password 'demo')")
    Path usersFile;
    String redis;
    @Option(names = "--admin-stats", order = 6, description = "serve GET /admin/stats to loopback clients only: heap after a "
            + "full collection, chat and WebSocket sessions, closes, timer threads, threads (default: off)")
    boolean adminStats;
    @Option(names = "--smoke", order = 7, description = "start, walk N concurrent simulated users through login, /api/me and "
            + "the WebSocket chat (whoami, say, agent), print a report, exit 0 only if all held (default: off)")
    boolean smoke;
    int smokeUsers;
    @Option(names = "--hash-password", order = 9, arity = "1..2", paramLabel = "USER [ROLE,...]", hideParamSyntax = true, description = "alone: read a "
            + "password from standard input, print a users-file line for USER with ROLEs (default: off; role user)")
    List<String> hashPassword;

    ChatService() {
    }

    @Option(names = "--port", order = 1, paramLabel = "N", defaultValue = "8080", description = "TCP port; 0 picks a free port "
            + "and prints it (default: ${DEFAULT-VALUE}; with --smoke, 0)")
    private void port(String text) {
        port = number(text, 0, 65535, "--port must be a number from 0 to 65535");
    }

    @Option(names = "--role", order = 3, paramLabel = "all|login|chat", defaultValue = "all", description = "all: everything "
            + "in one process; login: issues tokens (POST /login) and, with asymmetric keys, publishes its JWK Set "
            + "and discovery document; chat: verifies only (GET /api/me, WebSocket /chat, the page) (default: "
            + "${DEFAULT-VALUE})")
    private void role(String text) {
        role = Arrays.stream(Role.values()).filter(r -> r.label().equals(text)).findFirst()
                .orElseThrow(() -> usage("--role must be all, login or chat"));
    }

    @Option(names = "--redis", order = 5, paramLabel = "URI", description = "keep revocations (POST /logout, /logout-all) in "
            + "the Redis at URI, shared by every process with the same URI: redis://HOST:PORT[/DB], rediss:// for "
            + "TLS; with a password, redis://:PASSWORD@HOST:PORT. Or set REDIS_URL. Never printed (default: none, "
            + "revocations hold in this process only)")
    private void redis(String text) {
        if (!RevocationSetup.isRedisUri(text)) {
            throw usage("--redis must be a redis:// or rediss:// URI with a host, such as redis://127.0.0.1:6379");
        }
        redis = text;
    }

    @Option(names = "--smoke-users", order = 8, paramLabel = "N", defaultValue = "20", description = "with --smoke: how many "
            + "simulated users, 1 to 200 (default: ${DEFAULT-VALUE})")
    private void smokeUsers(String text) {
        smokeUsers = number(text, 1, 200, "--smoke-users must be a number from 1 to 200");
    }

    /**
     * Runs the service.
     *
     * @param args the command line
     */
    public static void main(String[] args) {
        // Also after a served run: that returns once the shutdown hook has stopped the server.
        System.exit(run(args, System.out, System.err));
    }

    /** Runs the command line {@code args}, printing to {@code out} and {@code err}; the exit code. */
    static int run(String[] args, PrintStream out, PrintStream err) {
        return command(new ChatService(), out, err).execute(args);
    }

    /** The command line of {@code service}: usage errors print "error: …" and the usage, exit code 2. */
    static CommandLine command(ChatService service, PrintStream out, PrintStream err) {
        return new CommandLine(service).setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true))
                .setParameterExceptionHandler((e, args) -> {
                    String message = e instanceof CommandLine.UnmatchedArgumentException unmatched
                            ? "unknown option '" + unmatched.getUnmatched().get(0) + "'" : e.getMessage();
                    e.getCommandLine().getErr().println("error: " + message);
                    e.getCommandLine().usage(e.getCommandLine().getErr());
                    return 2;
                });
    }

    /** Checks what no single option can; with --smoke, the port is 0 unless given. */
    void validate() {
        var given = spec.commandLine().getParseResult();
        if (hashPassword != null && given.matchedOptions().size() > 1) {
            throw usage("--hash-password comes alone: --hash-password USER [ROLE,...]");
        } else if (hashPassword != null && !Users.NAME.matcher(hashPassword.get(0)).matches()) {
            throw usage("a user name is 1 to 32 characters: a lowercase letter, then lowercase letters, digits or '-'");
        } else if (hashPassword != null && hashRoles() == null) {
            throw usage("roles are a comma-separated list of names made of letters, digits, '-' and '_'");
        } else if (smoke && (role != Role.ALL || adminStats || usersFile != null)) {
            throw usage("--smoke runs the whole service in one process with its own demo users; it takes no --role, "
                    + "--admin-stats or --users (the number of users is --smoke-users N)");
        } else if (!smoke && given.hasMatchedOption("--smoke-users")) {
            throw usage("--smoke-users is for --smoke");
        } else if (usersFile != null && !role.logsIn()) {
            throw usage("--users is for a process that logs users in; --role chat only verifies tokens");
        }
        port = smoke && !given.hasMatchedOption("--port") ? 0 : port;
    }

    private List<String> hashRoles() {
        return hashPassword.size() == 2 ? UserFile.parseRoles(hashPassword.get(1)) : List.of("user");
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }

    private int number(String text, int min, int max, String rule) {
        if (text.matches("[0-9]{1,6}") && Integer.parseInt(text) >= min && Integer.parseInt(text) <= max) {
            return Integer.parseInt(text);
        }
        throw usage(rule);
    }

    /**
     * Runs what the parsed command line asks for; picocli calls it.
     *
     * @return the exit code
     */
    @Override
    public Integer call() {
        validate();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (hashPassword != null) {
            return hashPassword(out, err);
        }
        TOMCAT_LOG.setLevel(Level.WARNING);
        Clock clock = Clock.systemUTC();
        Users users;
        RevocationSetup revocations;
        ChatServer server;
        try {
            users = !role.logsIn() ? null : usersFile == null ? Users.demo() : UserFile.load(usersFile);
            revocations = RevocationSetup.resolve(redis, System.getenv(), clock);
        } catch (IOException e) {
            return fail(err, "cannot read the users file: " + e.getClass().getSimpleName() + " " + e.getMessage());
        } catch (AuthoritySetup.SetupException | UserFile.InvalidException e) {
            return fail(err, e.getMessage());
        }
        try {
            server = ChatServer.bind(role, bind, port); // first: a login process is the issuer at its own URL
        } catch (LifecycleException e) {
            revocations.close();
            return fail(err, "the server cannot start: " + e.getMessage());
        }
        // The server first (its sockets close with 1001), then the store; once, also on SIGTERM from here on.
        AtomicBoolean stopped = new AtomicBoolean();
        Runnable stop = () -> {
            if (stopped.compareAndSet(false, true)) {
                server.stop();
                revocations.close();
            }
        };
        Runtime.getRuntime().addShutdownHook(new Thread(stop, "ssot-auth-example-shutdown"));
        String base = "http://" + displayHost(bind) + ":" + server.port();
        AuthMetrics metrics = new AuthMetrics(clock);
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        metrics.bindTo(registry);
        AuthoritySetup.Setup setup;
        try {
            setup = AuthoritySetup.resolve(role, base, System.getenv(), systemProperties(), clock,
                    revocations.store(), metrics);
            server.serve(setup.authority(), setup.publishesKeys(), users, adminStats, registry);
        } catch (AuthConfigurationException e) {
            stop.run();
            fail(err, e.getMessage());
            err.println("(the example uses its ephemeral defaults only when no JWT_* variable is set)");
            return 1;
        } catch (AuthoritySetup.SetupException | LifecycleException e) {
            stop.run();
            return fail(err, (e instanceof LifecycleException ? "the server cannot start: " : "") + e.getMessage());
        }
        if (smoke) {
            try {
                return new Smoke(URI.create(base), smokeUsers).run(setup.description(), out) ? 0 : 1;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return 1;
            } finally {
                stop.run();
            }
        }
        banner(setup, revocations, users, server, base, out);
        try {
            server.awaitStop();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        stop.run();
        return 0;
    }

    private static int fail(PrintWriter err, String message) {
        err.println("error: " + message);
        return 1;
    }

    private void banner(AuthoritySetup.Setup setup, RevocationSetup revocations, Users users, ChatServer server,
            String base, PrintWriter out) {
        JwtAuthority authority = setup.authority();
        boolean defaults = setup.description().contains("ephemeral");
        out.println("ssot-auth example chat service, role " + role.label());
        out.println("  keys: " + setup.description());
        if (defaults) {
            out.println("  issuer " + authority.issuer() + ", audience " + AuthoritySetup.DEFAULT_AUDIENCE
                    + " (defaults; set JWT_SECRET_KEY, JWT_ISSUER and JWT_AUDIENCE for your own)");
        }
        out.println((authority.canIssue() ? "  tokens live " + authority.tokenTtl().toSeconds() + " s, clock skew "
                : "  clock skew ") + authority.clockSkew().toSeconds() + " s");
        if (users != null) {
            out.println("  " + users.describe());
        }
        out.println("  revocations: " + revocations.description());
        out.println("  serves: " + String.join(", ", server.routes()));
        if (role == Role.LOGIN && defaults) {
            String chat = " JWT_AUDIENCE=" + AuthoritySetup.DEFAULT_AUDIENCE
                    + " java -jar auth-example.jar --role chat --port 8081";
            out.println("  a chat process that finds these keys from this process's URL (OpenID Connect discovery):");
            out.println("    JWT_ISSUER_URI=" + base + chat);
            out.println("  or is given the key set and the issuer:");
            out.println("    JWT_JWKS_URI=" + base + "/.well-known/jwks.json JWT_ISSUER=" + authority.issuer() + chat);
            if (revocations.shared()) {
                out.println("    with the same REDIS_URL (or --redis) as this process, so that a logout holds on both");
            }
        }
        out.println("listening on " + base);
        out.flush();
    }

    private static String displayHost(String bind) {
        if (bind.equals("0.0.0.0") || bind.equals("::") || bind.equals("[::]")) {
            return "127.0.0.1";
        }
        return bind.contains(":") && !bind.startsWith("[") ? "[" + bind + "]" : bind;
    }

    private static Map<String, String> systemProperties() {
        Map<String, String> properties = new TreeMap<>();
        System.getProperties().stringPropertyNames().forEach(name -> properties.put(name, System.getProperty(name)));
        return properties;
    }

    /** Reads a password (from the console without echo, else a line of standard input); prints a users-file line. */
    private int hashPassword(PrintWriter out, PrintWriter err) {
        Console console = System.console();
        char[] password;
        try {
            String line = console != null ? null
                    : new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
            password = console != null ? console.readPassword("password for %s: ", hashPassword.get(0))
                    : line == null ? null : line.toCharArray();
        } catch (IOException e) {
            err.println("error: cannot read the password: " + e.getClass().getSimpleName());
            return 1;
        }
        if (password == null || password.length == 0) {
            err.println("error: the password is empty");
            return 1;
        }
        out.println(UserFile.line(hashPassword.get(0), password, hashRoles(), new SecureRandom()));
        Arrays.fill(password, '\0');
        return 0;
    }
}
