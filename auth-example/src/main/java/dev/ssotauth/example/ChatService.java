package dev.ssotauth.example;

import dev.ssotauth.core.AuthConfigurationException;
import dev.ssotauth.core.JwtAuthority;
import dev.ssotauth.micrometer.AuthMetrics;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Arrays;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import org.apache.catalina.LifecycleException;

/**
 * The runnable chat service: {@code java -jar auth-example.jar [--port N] [--role all|login|chat]
 * [--users FILE] [--redis URI] | --smoke [--users N] | --hash-password USER [ROLES]}. See
 * {@link Options#USAGE}.
 *
 * <p>Exit codes: 0 (stopped normally; smoke passed), 1 (configuration refused, Redis unreachable, could
 * not start, smoke failed), 2 (wrong command line). SIGTERM closes every chat connection with 1001, stops
 * the server and closes the revocation store.
 */
public final class ChatService {

    /** Tomcat logs through java.util.logging; its start-up lines are noise for a demo. Held, not just set. */
    private static final java.util.logging.Logger TOMCAT_LOG = java.util.logging.Logger.getLogger("org.apache");

    private ChatService() {
    }

    /**
     * Runs the service.
     *
     * @param args the command line
     */
    public static void main(String[] args) {
        // Also after a served run: that returns once the shutdown hook has stopped the server, and
        // exit then only waits for the hooks to finish.
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        Options options;
        try {
            options = Options.parse(args);
        } catch (Options.UsageException e) {
            err.println("error: " + e.getMessage());
            err.println(Options.USAGE);
            return 2;
        }
        switch (options.mode()) {
            case HELP:
                out.println(Options.USAGE);
                return 0;
            case HASH_PASSWORD:
                return hashPassword(options, out, err);
            case SMOKE:
            case SERVE:
                break;
        }
        TOMCAT_LOG.setLevel(Level.WARNING);
        Clock clock = Clock.systemUTC();
        RevocationSetup revocations;
        try {
            revocations = RevocationSetup.resolve(options.redis(), System.getenv(), clock);
        } catch (AuthoritySetup.SetupException e) {
            err.println("error: " + e.getMessage());
            return 1;
        }
        // The port first: a login process without configuration is the issuer at its own URL.
        ChatServer server;
        try {
            server = ChatServer.bind(options.role(), options.bind(), options.port());
        } catch (IOException | LifecycleException e) {
            revocations.close();
            err.println("error: the server cannot start: " + e.getMessage());
            return 1;
        }
        // The server first (its sockets close with 1001 and drop their revocation listeners), then the store;
        // once, and also on SIGTERM from here on, so that a process stopped while it starts leaves no
        // working directory behind.
        AtomicBoolean stopped = new AtomicBoolean();
        Runnable stop = () -> {
            if (stopped.compareAndSet(false, true)) {
                server.stop();
                revocations.close();
            }
        };
        Runtime.getRuntime().addShutdownHook(new Thread(stop, "ssot-auth-example-shutdown"));
        String base = "http://" + displayHost(options.bind()) + ":" + server.port();

        AuthoritySetup.Setup setup;
        Users users = null;
        AuthMetrics metrics = new AuthMetrics(clock); // GET /metrics
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        metrics.bindTo(registry);
        try {
            setup = AuthoritySetup.resolve(options.role(), base, System.getenv(), systemProperties(), clock,
                    revocations.store(), metrics);
            if (options.role().logsIn()) {
                users = options.usersFile() == null ? new DemoUsers() : UserFile.load(options.usersFile());
            }
        } catch (AuthConfigurationException e) {
            stop.run();
            err.println("error: " + e.getMessage());
            err.println("(the example uses its ephemeral defaults only when no JWT_* variable is set)");
            return 1;
        } catch (AuthoritySetup.SetupException | UserFile.InvalidException e) {
            stop.run();
            err.println("error: " + e.getMessage());
            return 1;
        } catch (IOException e) {
            stop.run();
            err.println("error: cannot read the users file: " + e.getClass().getSimpleName() + " " + e.getMessage());
            return 1;
        }
        try {
            server.serve(setup.authority(), setup.publishesKeys(), users, options.adminStats(), registry);
        } catch (LifecycleException e) {
            revocations.close();
            err.println("error: the server cannot start: " + e.getMessage());
            return 1;
        }

        if (options.mode() == Options.Mode.SMOKE) {
            try {
                return Smoke.run(URI.create(base), options.smokeUsers(), setup.description(), out) ? 0 : 1;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return 1;
            } finally {
                stop.run();
            }
        }

        banner(options, setup, revocations, users, server, base, out);
        try {
            server.awaitStop();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            server.stop();
        }
        revocations.close();
        return 0;
    }

    private static void banner(Options options, AuthoritySetup.Setup setup, RevocationSetup revocations,
            Users users, ChatServer server, String base, PrintStream out) {
        JwtAuthority authority = setup.authority();
        boolean defaults = setup.description().contains("ephemeral");
        out.println("ssot-auth example chat service, role " + options.role().label());
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
        if (options.role() == Options.Role.LOGIN && defaults) {
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
        Properties system = System.getProperties();
        for (String name : system.stringPropertyNames()) {
            properties.put(name, system.getProperty(name));
        }
        return properties;
    }

    private static int hashPassword(Options options, PrintStream out, PrintStream err) {
        char[] password;
        Console console = System.console();
        try {
            if (console != null) {
                password = console.readPassword("password for %s: ", options.hashUser());
                char[] again = console.readPassword("again: ");
                if (password == null || !Arrays.equals(password, again)) {
                    err.println("error: the passwords differ");
                    return 1;
                }
                Arrays.fill(again, '\0');
            } else {
                String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
                password = line == null ? new char[0] : line.toCharArray();
            }
        } catch (IOException e) {
            err.println("error: cannot read the password: " + e.getClass().getSimpleName());
            return 1;
        }
        try {
            if (password.length == 0) {
                err.println("error: the password is empty");
                return 1;
            }
            out.println(UserFile.line(options.hashUser(), password, options.hashRoles(), new SecureRandom()));
            return 0;
        } finally {
            Arrays.fill(password, '\0');
        }
    }
}
