package dev.ssotauth.loadtest;

import dev.ssotauth.testkit.TestTokens;

import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The command: {@code java -jar auth-loadtest.jar --url http://HOST:PORT --users N --seconds S}. Runs
 * the load, soak and handshake storm against a running example chat service, prints a progress line
 * every few seconds and the final table; exit code 0 only when every check holds, 1 when one does
 * not, 2 when the command line cannot be used or the service cannot be logged in to. Never prints a
 * token, a password or a secret.
 */
@Command(name = "auth-loadtest", mixinStandardHelpOptions = true, version = "auth-loadtest (ssot-auth)",
        sortOptions = false, showDefaultValues = true,
        description = {
            "Drives a running example chat service: N users log in (POST /login) and chat",
            "over WebSocket /chat, refreshing their tokens in-band or letting them expire,",
            "while threads send invalid handshakes at full speed. Every answer is checked.",
            "GET /admin/stats and /metrics are read when the service serves them to this",
            "client (loopback only; /admin/stats needs --admin-stats).",
            "Exit code 0 only when everything holds, 1 when a check fails, 2 when the",
            "command line cannot be used or no user can log in.", ""})
public final class LoadTest implements Callable<Integer> {

    /** Every check holds. */
    public static final int HOLDS = 0;
    /** A check does not hold. */
    public static final int FAILED = 1;
    /** The command line cannot be used, or the service cannot be logged in to. */
    public static final int UNUSABLE = 2;

    private static final Duration LOGIN_TIMEOUT = Duration.ofSeconds(20);

    @Option(names = "--url", required = true, paramLabel = "URL",
            description = "the service, http://HOST:PORT (plain HTTP)")
    private URI url;

    @Option(names = "--users", paramLabel = "N", defaultValue = "200",
            description = "distinct users, one WebSocket each (1 to " + LoadPlan.MAX_USERS + ")")
    private int users;

    @Option(names = "--seconds", paramLabel = "S", defaultValue = "30",
            description = "how long the users send (" + LoadPlan.MIN_SECONDS + " to " + LoadPlan.MAX_SECONDS + ")")
    private int seconds;

    @Option(names = "--ramp-seconds", paramLabel = "S", defaultValue = "3",
            description = "the time over which the first connections open (at most half of --seconds)")
    private int rampSeconds;

    @Option(names = "--clock-skew-seconds", paramLabel = "S", defaultValue = "60",
            description = "the service's JWT_CLOCK_SKEW: it closes a connection at exp plus this")
    private int clockSkewSeconds;

    @Option(names = "--expiring-share", paramLabel = "P", defaultValue = "0.2",
            description = "the chance that a user lets a token expire instead of refreshing it")
    private double expiringShare;

    @Option(names = "--message-interval-millis", paramLabel = "MS", defaultValue = "1000",
            description = "the mean time between two messages of one user")
    private int messageIntervalMillis;

    @Option(names = "--says-per-second", paramLabel = "R", defaultValue = "10",
            description = "broadcast messages per second, all users together")
    private double saysPerSecond;

    @Option(names = "--agents-per-second", paramLabel = "R", defaultValue = "40",
            description = "agent jobs per second, all users together")
    private double agentsPerSecond;

    @Option(names = "--storm-threads", paramLabel = "N", defaultValue = "2",
            description = "threads sending invalid handshakes back to back (0 for none)")
    private int stormThreads;

    @Option(names = "--seed", paramLabel = "N", description = "the seed of every random choice (default: a new one, "
            + "printed with the table)")
    private Long seed;

    @Option(names = "--user-prefix", paramLabel = "NAME", defaultValue = "load",
            description = "the users are NAME-00000, NAME-00001, ...")
    private String userPrefix;

    @Option(names = "--password-env", paramLabel = "VARIABLE", description = "the environment variable that "
            + "holds every user's password (default: the example's demo password)")
    private String passwordVariable;

    @Option(names = "--secret-env", paramLabel = "VARIABLE", description = "the environment variable that holds "
            + "the service's HMAC secret (as JWT_SECRET_KEY), so that each forged token differs from a valid one "
            + "only in what it changes (default: a random secret)")
    private String secretVariable;

    private final Map<String, String> environment;
    private final PrintStream out;
    private final PrintStream err;

    private LoadTest(Map<String, String> environment, PrintStream out, PrintStream err) {
        this.environment = Map.copyOf(environment);
        this.out = out;
        this.err = err;
    }

    /**
     * Runs the command and exits with its code.
     *
     * @param args the command line; {@code --help} lists the options
     */
    public static void main(String[] args) {
        System.exit(run(System.getenv(), System.out, System.err, args));
    }

    /**
     * Runs the command with the given environment (where {@code --password-env} and
     * {@code --secret-env} are read) and streams.
     *
     * @param environment the variables the options name
     * @param out         where the progress lines and the table go
     * @param err         where problems with the command line or the service go
     * @param args        the command line
     * @return the exit code: {@link #HOLDS}, {@link #FAILED} or {@link #UNUSABLE}
     * @throws NullPointerException if an argument is {@code null}
     */
    public static int run(Map<String, String> environment, PrintStream out, PrintStream err, String... args) {
        CommandLine command = new CommandLine(new LoadTest(environment, out, err))
                .setOut(new PrintWriter(out, true, StandardCharsets.UTF_8))
                .setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
        command.setExitCodeExceptionMapper(e -> UNUSABLE);
        command.setExecutionExceptionHandler((e, line, parsed) -> {
            err.println("auth-loadtest: " + e.getMessage());
            return UNUSABLE;
        });
        return command.execute(args);
    }

    /**
     * Logs one user in to learn the service's issuer, audience and token lifetime, runs the load and
     * prints the table.
     *
     * @return the exit code
     * @throws InterruptedException if interrupted while running
     */
    @Override
    public Integer call() throws InterruptedException {
        LoadPlan plan;
        String password;
        byte[] secret;
        try {
            plan = plan();
            password = variable(passwordVariable, "demo");
            secret = secretVariable == null ? randomSecret() : secret(variable(secretVariable, null));
        } catch (IllegalArgumentException e) {
            err.println("auth-loadtest: " + e.getMessage());
            return UNUSABLE;
        }
        IssuedToken first;
        try {
            first = login(LoadRun.userName(userPrefix, 0), password);
        } catch (IOException e) {
            err.println("auth-loadtest: cannot log in to " + url + ": " + e.getClass().getSimpleName());
            return UNUSABLE;
        } catch (IllegalStateException e) {
            err.println("auth-loadtest: cannot log in to " + url + ": " + e.getMessage());
            return UNUSABLE;
        }
        plan = plan.withTokenTtl(first.lifetime());
        Clock clock = Clock.systemUTC();
        TestTokens tokens = TestTokens.of(secret, first.issuer(), first.audience(), clock);
        out.println("auth-loadtest: " + plan.users() + " users for " + plan.traffic().toSeconds() + " s against "
                + url + " (tokens live " + first.lifetime().toSeconds() + " s), seed " + plan.seed());
        Outcome outcome = new Soak(plan, url, tokens, userPrefix, password, clock).run(out::println);
        outcome.table().forEach(out::println);
        List<Outcome.Check> checks = outcome.checks();
        List<Outcome.Check> failures = outcome.failures();
        for (Outcome.Check failure : failures) {
            out.println("FAILED " + failure.name() + ": " + failure.detail());
        }
        out.println(failures.isEmpty() ? "all " + checks.size() + " checks held"
                : failures.size() + " of " + checks.size() + " checks failed");
        return failures.isEmpty() ? HOLDS : FAILED;
    }

    /** The plan the options ask for. */
    LoadPlan plan() {
        if (!"http".equals(url.getScheme()) || url.getHost() == null || url.getPort() < 0) {
            throw new IllegalArgumentException("--url must be http://HOST:PORT: " + url);
        }
        if (!userPrefix.matches("[a-z][a-z0-9-]{0,25}")) {
            throw new IllegalArgumentException("--user-prefix must be [a-z][a-z0-9-]{0,25}: " + userPrefix);
        }
        return new LoadPlan(users, Duration.ofSeconds(rampSeconds), Duration.ofSeconds(seconds),
                Duration.ofSeconds(60), Duration.ofSeconds(clockSkewSeconds), expiringShare,
                Duration.ofMillis(messageIntervalMillis), saysPerSecond, agentsPerSecond, stormThreads,
                seed != null ? seed : new SecureRandom().nextLong());
    }

    /** The value of the variable {@code name}, or {@code fallback} when no name is given. */
    private String variable(String name, String fallback) {
        if (name == null) {
            return fallback;
        }
        String value = environment.get(name);
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException("the environment variable " + name + " is not set");
        }
        return value;
    }

    /**
     * The bytes of a secret written as {@code JWT_SECRET_KEY} takes it: raw UTF-8, or {@code base64:} /
     * {@code base64url:} prefixed.
     *
     * @throws IllegalArgumentException if a prefixed value is not base64 (the message names no value)
     */
    static byte[] secret(String value) {
        try {
            if (value.startsWith("base64url:")) {
                return Base64.getUrlDecoder().decode(value.substring("base64url:".length()));
            }
            if (value.startsWith("base64:")) {
                return Base64.getDecoder().decode(value.substring("base64:".length()));
            }
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the secret's variable has a base64 prefix but no base64 value");
        }
        return value.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] randomSecret() {
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        return secret;
    }

    private IssuedToken login(String user, String password) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(LOGIN_TIMEOUT).build();
        HttpRequest request = HttpRequest.newBuilder(url.resolve("/login")).timeout(LOGIN_TIMEOUT)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(new com.fasterxml.jackson.databind.ObjectMapper()
                        .createObjectNode().put("username", user).put("password", password).toString())).build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("POST /login answered HTTP " + response.statusCode());
        }
        String token = LoadRun.accessToken(response.body());
        if (token == null) {
            throw new IllegalStateException("POST /login answered no access_token");
        }
        return IssuedToken.read(token);
    }
}
