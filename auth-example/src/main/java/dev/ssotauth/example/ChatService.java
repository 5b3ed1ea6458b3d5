package dev.ssotauth.example;

import dev.ssotauth.core.AuthConfigurationException;
import dev.ssotauth.core.JwtAuthority;
import dev.ssotauth.micrometer.AuthMetrics;

import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.net.URI;
import java.time.Clock;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.logging.Level;
import java.util.stream.Collectors;

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
        synopsisHeading = "usage: ",
        description = "The chat service on one JwtAuthority: login over HTTP, chat over WebSocket, agent jobs.%n",
        footer = {"%nKeys: with no JWT_* variable set, an ephemeral key made at start (--role login: a key pair, "
                + "its own URL as issuer); otherwise the single configuration source (JWT_SECRET_KEY, "
                + "JWT_ISSUER_URI, JWT_AUDIENCE, ...)."})
public final class ChatService implements Callable<Integer> {

    /** Tomcat logs through java.util.logging; its start-up lines are noise for a demo. Held, not just set. */
    private static final java.util.logging.Logger TOMCAT_LOG = java.util.logging.Logger.getLogger("org.apache");

    @Spec
    private CommandSpec spec;
    @Option(names = {"-h", "--help"}, order = 9, usageHelp = true, description = "print this help and exit")
    private boolean help;
    int port;
    @Option(names = "--bind", order = 2, paramLabel = "ADDRESS", defaultValue = "127.0.0.1",
            description = "address to listen on; 0.0.0.0 for every interface (default: ${DEFAULT-VALUE})")
    String bind;
    Role role;
    String redis;
    @Option(names = "--admin-stats", order = 5, description = "serve GET /admin/stats (heap, sessions, threads) "
            + "to loopback clients only (default: off)")
    boolean adminStats;
    @Option(names = "--smoke", order = 6, description = "walk N simulated users through login, /api/me and the "
            + "chat, print a report, exit 0 only if all held (default: off)")
    boolean smoke;
    int smokeUsers;

    ChatService() {
    }

    @Option(names = "--port", order = 1, paramLabel = "N", defaultValue = "8080", description = "TCP port; 0 picks "
            + "a free port and prints it (default: ${DEFAULT-VALUE}; with --smoke, 0)")
    private void port(String text) {
        port = number(text, 0, 65535, "--port must be a number from 0 to 65535");
    }

    @Option(names = "--role", order = 3, paramLabel = "all|login|chat", defaultValue = "all", description = "all: "
            + "everything; login: issues tokens and publishes its keys; chat: verifies tokens, serves the chat "
            + "(default: ${DEFAULT-VALUE})")
    private void role(String text) {
        role = Arrays.stream(Role.values()).filter(r -> r.label().equals(text)).findFirst()
                .orElseThrow(() -> usage("--role must be all, login or chat"));
    }

    @Option(names = "--redis", order = 4, paramLabel = "URI", description = "keep revocations (POST /logout, "
            + "/logout-all) in the Redis at URI, shared by every process with the same URI: redis://[:PASSWORD@]"
            + "HOST:PORT[/DB], rediss:// for TLS. Or set REDIS_URL. Never printed (default: none, this process only)")
    private void redis(String text) {
        if (!RevocationSetup.isRedisUri(text)) {
            throw usage("--redis must be a redis:// or rediss:// URI with a host, such as redis://127.0.0.1:6379");
        }
        redis = text;
    }

    @Option(names = "--smoke-users", order = 7, paramLabel = "N", defaultValue = "20", description = "with --smoke: "
            + "how many simulated users, 1 to 200 (default: ${DEFAULT-VALUE})")
    private void smokeUsers(String text) {
        smokeUsers = number(text, 1, 200, "--smoke-users must be a number from 1 to 200");
    }

    /**
     * Runs the service; {@code --help} lists the options.
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
        if (smoke && (role != Role.ALL || adminStats)) {
            throw usage("--smoke runs the whole service in one process with its own demo users; it takes no --role "
                    + "or --admin-stats (the number of users is --smoke-users N)");
        } else if (!smoke && given.hasMatchedOption("--smoke-users")) {
            throw usage("--smoke-users is for --smoke");
        }
        port = smoke && !given.hasMatchedOption("--port") ? 0 : port;
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

    /** Runs what the parsed command line asks for; the exit code. Called by picocli. */
    @Override
    public Integer call() {
        validate();
        PrintWriter err = spec.commandLine().getErr();
        TOMCAT_LOG.setLevel(Level.WARNING);
        Clock clock = Clock.systemUTC();
        AuthMetrics metrics = new AuthMetrics(clock);
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        metrics.bindTo(registry);
        // Closed in reverse: the server first (its sockets close with 1001), then the store.
        try (RevocationSetup revocations = RevocationSetup.resolve(redis, System.getenv(), clock);
                ChatServer server = ChatServer.bind(role, bind, port)) { // a login process is the issuer at its URL
            Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(server, revocations), "ssot-auth-example-stop"));
            String base = "http://" + displayHost(bind) + ":" + server.port();
            AuthoritySetup.Setup setup = AuthoritySetup.resolve(role, base, System.getenv(), systemProperties(),
                    clock, revocations.store(), metrics);
            server.serve(setup.authority(), setup.publishesKeys(), adminStats, registry);
            if (smoke) {
                return new Smoke(URI.create(base), smokeUsers).run(setup.description(), spec.commandLine().getOut())
                        ? 0 : 1;
            }
            banner(setup, revocations, server, base, spec.commandLine().getOut());
            server.awaitStop();
            return 0;
        } catch (AuthConfigurationException e) {
            fail(err, e.getMessage());
            err.println("(the example uses its ephemeral defaults only when no JWT_* variable is set)");
            return 1;
        } catch (AuthoritySetup.SetupException e) {
            return fail(err, e.getMessage());
        } catch (LifecycleException | IOException e) {
            return fail(err, "the server cannot start: " + e.getMessage());
        }
    }

    /** On SIGTERM, as at the end of {@link #call()}: the server first, then the store; both idempotent. */
    private static void stop(ChatServer server, RevocationSetup revocations) {
        server.close();
        revocations.close();
    }

    private static int fail(PrintWriter err, String message) {
        err.println("error: " + message);
        return 1;
    }

    private void banner(AuthoritySetup.Setup setup, RevocationSetup revocations, ChatServer server, String base,
            PrintWriter out) {
        JwtAuthority authority = setup.authority();
        boolean defaults = setup.description().contains("ephemeral");
        out.println("  keys: " + setup.description());
        if (defaults) {
            out.println("  issuer " + authority.issuer() + ", audience " + AuthoritySetup.DEFAULT_AUDIENCE
                    + " (defaults; set JWT_SECRET_KEY, JWT_ISSUER and JWT_AUDIENCE for your own)");
        }
        out.println((authority.canIssue() ? "  tokens live " + authority.tokenTtl().toSeconds() + " s, clock skew "
                : "  clock skew ") + authority.clockSkew().toSeconds() + " s");
        if (role.logsIn()) {
            out.println("  demo users: any name matching " + Users.NAME + " logs in with password '"
                    + Users.DEMO_PASSWORD + "' and gets role user; alice also gets admin");
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
            if (revocations.redis() != null) {
                out.println("    with the same REDIS_URL (or --redis) as this process, so that a logout holds on both");
            }
        }
        out.println("listening on " + base);
    }

    private static String displayHost(String bind) {
        String host = Set.of("0.0.0.0", "::", "[::]").contains(bind) ? "127.0.0.1" : bind;
        return host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
    }

    private static Map<String, String> systemProperties() {
        return System.getProperties().stringPropertyNames().stream()
                .collect(Collectors.toMap(name -> name, System::getProperty));
    }
}
