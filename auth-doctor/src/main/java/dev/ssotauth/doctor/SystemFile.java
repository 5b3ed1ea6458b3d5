package dev.ssotauth.doctor;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A running system as {@code system.yaml} describes it: the users to try and the components to try
 * them on, read by {@link SystemFileReader}. Immutable.
 *
 * @param users            the users, at least one
 * @param components       the components, in the file's order (the golden path's order), names distinct
 * @param rounds           how many times the users run together in the identity isolation check
 * @param timeout          how long one answer may take
 * @param attackSecretEnv  the variable holding the system's HMAC secret, for the attacks that need it
 *                         (expired, wrong audience …); empty for the attacks that need no key only
 * @param environmentFiles the services' environment files or {@code key=value} dumps, for the
 *                         secret-sprawl check
 */
record SystemFile(List<User> users, List<Component> components, int rounds, Duration timeout,
        Optional<String> attackSecretEnv, List<Path> environmentFiles) {

    SystemFile {
        users = List.copyOf(users);
        components = List.copyOf(components);
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(attackSecretEnv, "attackSecretEnv");
        environmentFiles = List.copyOf(environmentFiles);
    }

    /** The components that log users in, in the file's order. */
    List<Component> logins() {
        return components.stream().filter(c -> c.login().isPresent()).toList();
    }

    /** The components that are presented tokens, in the file's order. */
    List<Component> checks() {
        return components.stream().filter(c -> c.check().isPresent()).toList();
    }

    /**
     * A user to log in as; the password (and, optionally, the name) come from environment variables
     * the file names, never from the file.
     *
     * @param username    the user name, or {@code null} when {@code usernameEnv} gives it
     * @param usernameEnv the variable holding the user name, or {@code null}
     * @param passwordEnv the variable holding the password
     * @param subject     the subject the system gives this user, or {@code null} for the user name
     */
    record User(String username, String usernameEnv, String passwordEnv, String subject) {

        /** How reports name the user: the name, or the variable that holds it. */
        String label() {
            return username != null ? username : "$" + usernameEnv;
        }
    }

    /**
     * One component: something that logs users in, something that is presented tokens, or both.
     *
     * @param name  how reports name it
     * @param login how it issues a token, if it does
     * @param check how a token is presented to it, if it takes them
     */
    record Component(String name, Optional<Login> login, Optional<Check> check) {
    }

    /**
     * A login: a POST of the user name and password; the token is in the answer.
     *
     * @param url           where to post
     * @param form          whether the body is {@code application/x-www-form-urlencoded} (else JSON)
     * @param usernameField the body's field for the user name
     * @param passwordField the body's field for the password
     * @param tokenPath     where the token is in the JSON answer (dotted path or JSON Pointer)
     */
    record Login(URI url, boolean form, String usernameField, String passwordField, String tokenPath) {
    }

    /** How a token travels to a component. */
    enum Carrier {
        /** {@code Authorization: Bearer <token>}, or the raw token in the named header. */
        HEADER,
        /** A cookie of the given name. */
        COOKIE,
        /** A query parameter of the given name. */
        QUERY,
        /** The WebSocket subprotocols {@code bearer}, {@code <token>}. */
        SUBPROTOCOL
    }

    /**
     * Where the token goes.
     *
     * @param carrier how it travels
     * @param name    the header, cookie or parameter name; {@code null} for the bearer header and the
     *                subprotocol
     */
    record Placement(Carrier carrier, String name) {
    }

    /** How a component is presented a token and how its answer is read. */
    sealed interface Check permits HttpCheck, WebSocketCheck, CommandCheck {

        /** Where in the answer the subject is (dotted path or JSON Pointer); empty when it names none. */
        Optional<String> subjectPath();
    }

    /**
     * An HTTP endpoint: a 2xx answer accepts the token.
     *
     * @param method      the request method
     * @param url         the endpoint
     * @param placement   where the token goes
     * @param subjectPath where the JSON answer names the subject
     */
    record HttpCheck(String method, URI url, Placement placement, Optional<String> subjectPath) implements Check {
    }

    /**
     * A WebSocket endpoint: the handshake must be upgraded (101) and, when a message is to be sent,
     * an answer must come (the first containing {@code expect}, when given).
     *
     * @param url         the endpoint
     * @param placement   where the token goes
     * @param send        a first message to send
     * @param expect      text the awaited answer contains
     * @param subjectPath where the JSON answer names the subject
     */
    record WebSocketCheck(URI url, Placement placement, Optional<String> send, Optional<String> expect,
            Optional<String> subjectPath) implements Check {
    }

    /**
     * A command (an agent job, a CLI) run with the token in an environment variable: exit code 0
     * accepts the token.
     *
     * @param command     the program and its arguments
     * @param tokenEnv    the variable that carries the token
     * @param subjectPath where the JSON the command prints names the subject
     */
    record CommandCheck(List<String> command, String tokenEnv, Optional<String> subjectPath) implements Check {

        CommandCheck {
            command = List.copyOf(command);
        }
    }
}
