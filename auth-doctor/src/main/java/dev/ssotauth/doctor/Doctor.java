package dev.ssotauth.doctor;

import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The command: {@code java -jar auth-doctor.jar --config system.yaml}. Reads the system's
 * description, runs every check against the running system and prints the report; exit code 0 only
 * when every check holds, 1 when one does not, 2 when the command line or the file cannot be used.
 * Never prints a token, a password or a secret.
 */
@Command(name = "auth-doctor", mixinStandardHelpOptions = true, version = "auth-doctor (ssot-auth)",
        sortOptions = false,
        description = {
            "Tries a running system's logins, HTTP APIs, WebSocket endpoints and commands with each other's tokens,",
            "as the origin report's test did: cross-validation matrix, golden path, identity isolation, WebSocket",
            "handshakes, attacks (nothing accepted, no token echoed) and, given the services' environment files,",
            "secret sprawl. Exit code 0 only when everything holds."})
public final class Doctor implements Callable<Integer> {

    /** Every check holds. */
    public static final int HOLDS = 0;
    /** A check does not hold. */
    public static final int FRAGMENTED = 1;
    /** The command line or the system file cannot be used. */
    public static final int UNUSABLE = 2;

    /** The formats of the report on standard output. */
    enum Format { text, json, junit }

    @Option(names = "--config", required = true, paramLabel = "FILE",
            description = "the system's description (YAML)")
    private Path config;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
            description = "report on standard output: ${COMPLETION-CANDIDATES} (default ${DEFAULT-VALUE})")
    private Format format;

    @Option(names = "--json", paramLabel = "FILE", description = "also write the report as JSON to FILE")
    private Path jsonFile;

    @Option(names = "--junit", paramLabel = "FILE", description = "also write the report as JUnit XML to FILE")
    private Path junitFile;

    @Option(names = "--progress", negatable = true, description = "a progress line on standard error "
            + "(default: only when standard error is a terminal)")
    private Boolean progressLine;

    private final Map<String, String> environment;
    private final PrintStream out;
    private final PrintStream err;

    private Doctor(Map<String, String> environment, PrintStream out, PrintStream err) {
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
     * Runs the command with the given environment (where the file's variables are read) and streams.
     *
     * @param environment the variables named by the file (passwords, user names, the attack secret)
     * @param out         where the report goes
     * @param err         where the progress line and problems go
     * @param args        the command line
     * @return the exit code: {@link #HOLDS}, {@link #FRAGMENTED} or {@link #UNUSABLE}
     * @throws NullPointerException if an argument is {@code null}
     */
    public static int run(Map<String, String> environment, PrintStream out, PrintStream err, String... args) {
        CommandLine command = new CommandLine(new Doctor(environment, out, err))
                .setCaseInsensitiveEnumValuesAllowed(true)
                .setOut(new PrintWriter(out, true, StandardCharsets.UTF_8))
                .setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
        command.setExitCodeExceptionMapper(e -> UNUSABLE);
        command.setExecutionExceptionHandler((e, line, parsed) -> {
            err.println("auth-doctor: " + e.getMessage());
            return UNUSABLE;
        });
        return command.execute(args);
    }

    /**
     * Runs the checks and prints the report.
     *
     * @return the exit code
     */
    @Override
    public Integer call() {
        SystemFile system;
        List<Examination.Credentials> users;
        Optional<byte[]> attackSecret;
        try {
            system = SystemFileReader.read(config);
            users = credentials(system);
            attackSecret = attackSecret(system);
        } catch (SystemFileReader.InvalidSystemFile e) {
            err.println("auth-doctor: " + e.getMessage());
            return UNUSABLE;
        }
        ProgressLine progress = new ProgressLine(err, progressLine != null ? progressLine
                : System.console() != null);
        Report report;
        try {
            Examination examination = new Examination(system, users, new Probe(system.timeout()), progress);
            report = examination.run(new Hazards(attackSecret, system.environmentFiles(), Clock.systemUTC()));
        } catch (Hazards.UnreadableFile e) {
            progress.clear();
            err.println("auth-doctor: " + e.getMessage());
            return UNUSABLE;
        }
        progress.clear();
        out.print(switch (format) {
            case text -> Formats.text(report);
            case json -> Formats.json(report);
            case junit -> Formats.junit(report);
        });
        out.flush();
        try {
            if (jsonFile != null) {
                write(jsonFile, Formats.json(report));
            }
            if (junitFile != null) {
                write(junitFile, Formats.junit(report));
            }
        } catch (IOException e) {
            err.println("auth-doctor: cannot write the report (" + e.getClass().getSimpleName() + ": " + e.getMessage()
                    + ")");
            return UNUSABLE;
        }
        return report.holds() ? HOLDS : FRAGMENTED;
    }

    private static void write(Path file, String content) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(file, content);
    }

    private List<Examination.Credentials> credentials(SystemFile system) throws SystemFileReader.InvalidSystemFile {
        List<Examination.Credentials> users = new ArrayList<>();
        for (int i = 0; i < system.users().size(); i++) {
            SystemFile.User user = system.users().get(i);
            String where = "users[" + i + "] (" + user.label() + ")";
            String name = user.username() != null ? user.username() : variable(user.usernameEnv(), where + " user name");
            String password = variable(user.passwordEnv(), where + " password");
            users.add(new Examination.Credentials(user.label(), name, password,
                    user.subject() != null ? user.subject() : name));
        }
        return users;
    }

    private Optional<byte[]> attackSecret(SystemFile system) throws SystemFileReader.InvalidSystemFile {
        if (system.attackSecretEnv().isEmpty()) {
            return Optional.empty();
        }
        String value = variable(system.attackSecretEnv().get(), "attacks.secret-env");
        try {
            return Optional.of(Hazards.secretBytes(value));
        } catch (IllegalArgumentException e) {
            throw new SystemFileReader.InvalidSystemFile("attacks.secret-env: " + system.attackSecretEnv().get()
                    + " is not valid Base64 after its prefix (length " + value.length() + ")");
        }
    }

    private String variable(String name, String what) throws SystemFileReader.InvalidSystemFile {
        String value = environment.get(name);
        if (value == null || value.isEmpty()) {
            throw new SystemFileReader.InvalidSystemFile("the environment variable " + name + " (" + what
                    + ") is not set");
        }
        return value;
    }
}
