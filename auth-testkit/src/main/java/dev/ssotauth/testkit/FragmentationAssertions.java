package dev.ssotauth.testkit;

import dev.ssotauth.core.ConfigurationReport;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;

/**
 * Assertions that prove a system's authentication is not fragmented: every component accepts every
 * other component's tokens, the JWT secret comes from one variable, a login reaches every downstream
 * component, and no request ever sees another user's identity. Each one fails with an
 * {@link AssertionError} whose message reads like the report a person would write: figures, the names
 * of components and variables, fingerprints of secrets; never a token or a secret.
 *
 * <pre>{@code
 * List<AuthComponent> system = List.of(
 *         AuthComponent.of("login", loginAuthority),
 *         AuthComponent.of("chat", subject -> chat.mint(subject), token -> chat.subjectOf(token)),
 *         AuthComponent.of("websocket", gatewayAuthority),
 *         AuthComponent.of("agent", agentAuthority));
 * FragmentationAssertions.assertCrossValidation(system);                         // 16/16
 * FragmentationAssertions.assertGoldenPath(system.get(0), system.subList(1, 4), 2);
 * FragmentationAssertions.assertSingleSecretSource();
 * }</pre>
 *
 * <p>Stateless and thread-safe; each call works only on its arguments (and, for
 * {@link #assertSingleSecretSource()}, the process environment and system properties).
 */
public final class FragmentationAssertions {

    private FragmentationAssertions() {
    }

    /**
     * Builds the N×N cross-validation matrix, diagonal included: for each component i a token is
     * minted for the subject {@code user-minted-by-<name>}, and each component j is asked whom it
     * accepts that token for.
     *
     * @param components the system's components, with distinct names; at least one
     * @return the matrix
     * @throws NullPointerException     if the list or an element is {@code null}
     * @throws IllegalArgumentException if the list is empty or two components share a name
     */
    public static CrossValidationMatrix crossValidationMatrix(List<AuthComponent> components) {
        List<AuthComponent> system = AuthComponent.requireDistinctNames(components, "components");
        if (system.isEmpty()) {
            throw new IllegalArgumentException("components must not be empty");
        }
        int n = system.size();
        CrossValidationMatrix.Cell[][] cells = new CrossValidationMatrix.Cell[n][n];
        List<String> names = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            AuthComponent minter = system.get(i);
            names.add(minter.name());
            String subject = "user-minted-by-" + minter.name();
            String token;
            try {
                token = minter.mint(subject, Set.of());
            } catch (Exception e) {
                Arrays.fill(cells[i], CrossValidationMatrix.Cell.MINT_FAILED);
                continue;
            }
            for (int j = 0; j < n; j++) {
                AuthComponent.Observed observed = system.get(j).validate(token);
                cells[i][j] = observed == null ? CrossValidationMatrix.Cell.REJECTED
                        : subject.equals(observed.subject) ? CrossValidationMatrix.Cell.ACCEPTED
                        : CrossValidationMatrix.Cell.OTHER_SUBJECT;
            }
        }
        return new CrossValidationMatrix(names, cells);
    }

    /**
     * Asserts that every component accepts, as the same subject, the tokens every component mints,
     * its own included. On failure the message is the matrix and the summary in the origin report's
     * words, for example:
     *
     * <pre>
     * cross-validation failed: every component must accept every component's tokens, its own included
     *   minted by \ accepted by  login     chat
     *   login                    ok        rejected
     *   chat                     rejected  ok
     * Total cross-validations: 4
     * Successful validations: 2
     * Success rate: 50.0%
     * </pre>
     *
     * @param components the system's components, with distinct names; at least one
     * @throws AssertionError           when a cross-validation fails
     * @throws NullPointerException     if the list or an element is {@code null}
     * @throws IllegalArgumentException if the list is empty or two components share a name
     */
    public static void assertCrossValidation(List<AuthComponent> components) {
        CrossValidationMatrix matrix = crossValidationMatrix(components);
        if (!matrix.isComplete()) {
            throw new AssertionError("cross-validation failed: every component must accept every component's "
                    + "tokens, its own included\n" + matrix);
        }
    }

    /**
     * Asserts that the JWT secret among {@code variables} has one source: the variables taken for a
     * secret are the four names of the origin report ({@code JWT_SECRET_KEY}, {@code JWT_SECRET},
     * {@code WEBSOCKET_JWT_SECRET}, {@code AUTH_SERVICE_JWT_SECRET}) and any variable whose name
     * contains {@code JWT} and {@code SECRET} or {@code KEY} (ignoring case; names ending in
     * {@code _FILE}, {@code _PATH}, {@code _URI}, {@code _URL} or {@code _ID} hold no secret). Values
     * are read as core reads them: UTF-8 text, or bytes after a {@code base64:} / {@code base64url:}
     * prefix. It fails when
     * <ul>
     * <li>two of them hold different secrets;</li>
     * <li>one secret appears in two encodings (text in one variable, Base64 of it in another, with or
     * without a prefix);</li>
     * <li>a secret is weak: core refuses it (too short for HS256, on core's deny list of published
     * secrets, empty, or not decodable), quoted with the variable's name and the length, never the
     * value.</li>
     * </ul>
     * Equal values under two names pass (core starts with a warning to remove one). No secret at all
     * passes: nothing is fragmented.
     *
     * @param variables variable names and values, as in an environment
     * @throws AssertionError       listing every problem, with variable names and fingerprints
     * @throws NullPointerException if {@code variables} is or contains {@code null}
     */
    public static void assertSingleSecretSource(Map<String, String> variables) {
        Objects.requireNonNull(variables, "variables");
        variables.forEach((name, value) -> {
            Objects.requireNonNull(name, "variable name");
            Objects.requireNonNull(value, "value of a variable");
        });
        failIfAny(SecretSources.message(SecretSources.problems(
                SecretSources.of(ConfigurationReport.of(variables), false))));
    }

    /**
     * {@link #assertSingleSecretSource(Map)} over the process environment and the system properties,
     * the places {@code JwtAuthority.fromEnvironment()} reads. Variables are named
     * {@code NAME (environment variable)} or {@code NAME (system property)} in the message.
     *
     * @throws AssertionError listing every problem
     */
    public static void assertSingleSecretSource() {
        failIfAny(SecretSources.message(SecretSources.problems(
                SecretSources.of(ConfigurationReport.ofEnvironment(), true))));
    }

    /**
     * Asserts the golden path: for each of {@code users} test users ({@code user-1} … with the roles
     * {@code user} and {@code group-<i>}), the token {@code login} mints is accepted by every
     * downstream component, with the same subject and, when both sides carry roles (components built
     * on a {@code JwtAuthority} or {@link AuthComponent#withRoles}), the same roles. On failure the
     * message gives, in the origin report's words, the successful handoffs per downstream component
     * and the share of users who failed at least one:
     *
     * <pre>
     * golden path failed: 2/2 users could not get from login to every downstream component
     * Successful login→chat handoffs: 0/2
     * User failure rate: 100.0%
     *   user-1: chat rejected the token
     *   user-2: chat rejected the token
     * </pre>
     *
     * @param login      the component users log in with
     * @param downstream the components a logged-in user goes on to (HTTP API, WebSocket handshake,
     *                   agent job …), with names distinct from each other and from {@code login}
     * @param users      how many users to walk through, at least 1
     * @throws AssertionError           when a handoff fails
     * @throws NullPointerException     if an argument or element is {@code null}
     * @throws IllegalArgumentException if {@code downstream} is empty, names repeat, or {@code users < 1}
     */
    public static void assertGoldenPath(AuthComponent login, List<AuthComponent> downstream, int users) {
        Objects.requireNonNull(login, "login");
        List<AuthComponent> all = new ArrayList<>();
        all.add(login);
        all.addAll(AuthComponent.requireDistinctNames(downstream, "downstream"));
        AuthComponent.requireDistinctNames(all, "login and downstream");
        if (downstream.isEmpty()) {
            throw new IllegalArgumentException("downstream must name at least one component");
        }
        if (users < 1) {
            throw new IllegalArgumentException("users must be at least 1; got " + users);
        }
        int[] handoffs = new int[downstream.size()];
        List<String> failures = new ArrayList<>();
        for (int u = 1; u <= users; u++) {
            String subject = "user-" + u;
            Set<String> roles = new LinkedHashSet<>(List.of("user", "group-" + u));
            String token;
            try {
                token = login.mint(subject, roles);
            } catch (Exception e) {
                failures.add(subject + ": " + login.name() + " could not mint a token");
                continue;
            }
            List<String> problems = new ArrayList<>();
            for (int d = 0; d < downstream.size(); d++) {
                AuthComponent target = downstream.get(d);
                AuthComponent.Observed observed = target.validate(token);
                if (observed == null) {
                    problems.add(target.name() + " rejected the token");
                } else if (!subject.equals(observed.subject)) {
                    problems.add(target.name() + " accepted it for another subject");
                } else if (login.mintsRoles() && observed.roles != null && !roles.equals(observed.roles)) {
                    problems.add(target.name() + " accepted it with other roles");
                } else {
                    handoffs[d]++;
                }
            }
            if (!problems.isEmpty()) {
                failures.add(subject + ": " + String.join("; ", problems));
            }
        }
        if (failures.isEmpty()) {
            return;
        }
        StringBuilder message = new StringBuilder("golden path failed: ").append(failures.size()).append('/')
                .append(users).append(" users could not get from ").append(login.name())
                .append(" to every downstream component");
        for (int d = 0; d < downstream.size(); d++) {
            message.append("\nSuccessful ").append(login.name()).append('→').append(downstream.get(d).name())
                    .append(" handoffs: ").append(handoffs[d]).append('/').append(users);
        }
        message.append("\nUser failure rate: ").append(Percent.of(failures.size(), users));
        failures.forEach(f -> message.append("\n  ").append(f));
        throw new AssertionError(message.toString());
    }

    /**
     * Asserts that concurrent users never see each other's identity in {@code component}. Each of
     * {@code users} test users ({@code user-1} …) gets a token from the component and makes
     * {@code operationsPerUser} requests with it, each user on a thread of its own, and every request
     * must see its own user.
     *
     * <p>For a component described in two steps ({@link AuthComponent#of(String,
     * java.util.function.Function, java.util.function.Consumer, java.util.function.Supplier)}) the
     * schedule is fixed: in every round another user's request is authenticated between one user's
     * authentication and its read of the current user, rotating victims and interlopers so that with
     * {@code operationsPerUser >= users × (users − 1)} every ordered pair is interleaved. A component
     * that keeps the current user in a shared field therefore fails every time, with the same message;
     * with 3 users and 1 operation: {@code 1/3 concurrent users experienced identity corruption},
     * {@code user-1 saw user-3's identity}. A component described in one step is run with all users
     * released together for each operation; that catches only the interleavings the threads happen to
     * produce, so describe a stateful component in two steps.
     *
     * <p>Message on failure (the first line wrapped here):
     * <pre>
     * context isolation failed for component 'agent': 1/3 concurrent users experienced identity
     *     corruption (3 users, 1 operation each, interleaved on 3 threads)
     *   user-1 saw user-3's identity in 1 of 1 operations
     * </pre>
     * A component that rejects its own tokens fails too, since isolation could not be checked.
     *
     * @param component         the component
     * @param users             concurrent users, 2 to 256
     * @param operationsPerUser requests per user, 1 to 10,000
     * @throws AssertionError           when a request saw another user's identity or was rejected, or a
     *                                  step did not finish within 30 seconds
     * @throws NullPointerException     if {@code component} is {@code null}
     * @throws IllegalArgumentException if a count is out of range
     */
    public static void assertContextIsolation(AuthComponent component, int users, int operationsPerUser) {
        Objects.requireNonNull(component, "component");
        if (users < 2 || users > 256) {
            throw new IllegalArgumentException("users must be between 2 and 256; got " + users);
        }
        if (operationsPerUser < 1 || operationsPerUser > 10_000) {
            throw new IllegalArgumentException("operationsPerUser must be between 1 and 10000; got "
                    + operationsPerUser);
        }
        failIfAny(new ContextIsolation(component, users, operationsPerUser).run());
    }

    private static void failIfAny(String message) {
        if (message != null) {
            throw new AssertionError(message);
        }
    }
}
