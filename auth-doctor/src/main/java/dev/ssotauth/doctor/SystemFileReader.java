package dev.ssotauth.doctor;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Reads {@code system.yaml}. Every mistake is refused with the place in the file, the rule and the
 * value given (the file holds no secret: passwords and keys are named by their variables). Stateless.
 *
 * <pre>
 * users:
 *   - {username: alice, password-env: ALICE_PASSWORD}
 * components:
 *   - {name: login, login: {url: "http://127.0.0.1:8080/login"}}
 *   - {name: api, http: {url: "http://127.0.0.1:8080/api/me", subject: subject}}
 *   - {name: chat, websocket: {url: "ws://127.0.0.1:8080/chat", send: '{"type":"whoami"}', subject: subject}}
 * </pre>
 */
final class SystemFileReader {

    /** A file that cannot be used; the message says where and why. */
    static final class InvalidSystemFile extends Exception {
        private static final long serialVersionUID = 1L;

        InvalidSystemFile(String message) {
            super(message);
        }
    }

    private static final Set<String> TOP = Set.of("users", "components", "rounds", "timeout-seconds", "attacks",
            "environment-files");
    private static final Set<String> USER = Set.of("username", "username-env", "password-env", "subject");
    private static final Set<String> COMPONENT = Set.of("name", "login", "http", "websocket", "command");
    private static final Set<String> LOGIN = Set.of("url", "body", "username-field", "password-field", "token");
    private static final Set<String> HTTP = Set.of("url", "method", "token", "subject");
    private static final Set<String> WEBSOCKET = Set.of("url", "token", "send", "expect", "subject");
    private static final Set<String> COMMAND = Set.of("run", "token-env", "subject");

    private SystemFileReader() {
    }

    /**
     * Reads the file; relative environment-file paths are resolved against its folder.
     *
     * @param file the file
     * @return the system
     * @throws InvalidSystemFile when the file cannot be read or breaks a rule
     */
    static SystemFile read(Path file) throws InvalidSystemFile {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new InvalidSystemFile("cannot read " + file + " (" + e.getClass().getSimpleName() + ")");
        }
        Path folder = file.toAbsolutePath().getParent();
        return parse(text, folder);
    }

    /** Reads the file's text; relative paths are resolved against {@code folder}. */
    static SystemFile parse(String yaml, Path folder) throws InvalidSystemFile {
        JsonNode root;
        try {
            ObjectMapper mapper = new ObjectMapper(new YAMLFactory());
            mapper.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
            root = mapper.readTree(yaml);
        } catch (IOException e) {
            String message = e.getMessage() == null ? "" : e.getMessage().lines().findFirst().orElse("");
            throw new InvalidSystemFile("system file is not valid YAML: " + message);
        }
        if (root == null || !root.isObject()) {
            throw new InvalidSystemFile("system file must be a mapping with users and components");
        }
        only(root, TOP, "the file");
        List<SystemFile.User> users = new ArrayList<>();
        for (JsonNode node : list(root, "users", "the file", true)) {
            users.add(user(node, "users[" + users.size() + "]"));
        }
        List<SystemFile.Component> components = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (JsonNode node : list(root, "components", "the file", true)) {
            SystemFile.Component component = component(node, "components[" + components.size() + "]");
            if (!names.add(component.name())) {
                throw new InvalidSystemFile("components: two components are named '" + component.name() + "'");
            }
            components.add(component);
        }
        if (components.stream().noneMatch(c -> c.login().isPresent())) {
            throw new InvalidSystemFile("components: at least one component must have a login");
        }
        if (components.stream().noneMatch(c -> c.check().isPresent())) {
            throw new InvalidSystemFile("components: at least one component must have an http, websocket or command");
        }
        int rounds = integer(root, "rounds", "the file", 3, 1, 100);
        Duration timeout = Duration.ofSeconds(integer(root, "timeout-seconds", "the file", 15, 1, 600));
        Optional<String> secretEnv = Optional.empty();
        JsonNode attacks = root.get("attacks");
        if (attacks != null) {
            object(attacks, "attacks");
            only(attacks, Set.of("secret-env"), "attacks");
            secretEnv = Optional.of(variable(attacks, "secret-env", "attacks"));
        }
        List<Path> environmentFiles = new ArrayList<>();
        for (JsonNode node : list(root, "environment-files", "the file", false)) {
            if (!node.isTextual() || node.asText().isBlank()) {
                throw new InvalidSystemFile("environment-files[" + environmentFiles.size() + "] must be a path");
            }
            environmentFiles.add(folder.resolve(node.asText()));
        }
        return new SystemFile(users, components, rounds, timeout, secretEnv, environmentFiles);
    }

    private static SystemFile.User user(JsonNode node, String where) throws InvalidSystemFile {
        object(node, where);
        only(node, USER, where);
        String username = text(node, "username", where, false);
        String usernameEnv = node.has("username-env") ? variable(node, "username-env", where) : null;
        if ((username == null) == (usernameEnv == null)) {
            throw new InvalidSystemFile(where + ": give username or username-env, one of them");
        }
        return new SystemFile.User(username, usernameEnv, variable(node, "password-env", where),
                text(node, "subject", where, false));
    }

    private static SystemFile.Component component(JsonNode node, String where) throws InvalidSystemFile {
        object(node, where);
        only(node, COMPONENT, where);
        String name = text(node, "name", where, true);
        if (!name.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,63}")) {
            throw new InvalidSystemFile(where + ".name must be letters, digits, '.', '_' or '-' (at most 64); got '"
                    + name + "'");
        }
        where = where + " (" + name + ")";
        Optional<SystemFile.Login> login = node.has("login") ? Optional.of(login(node.get("login"), where + ".login"))
                : Optional.empty();
        List<SystemFile.Check> checks = new ArrayList<>();
        if (node.has("http")) {
            checks.add(http(node.get("http"), where + ".http"));
        }
        if (node.has("websocket")) {
            checks.add(webSocket(node.get("websocket"), where + ".websocket"));
        }
        if (node.has("command")) {
            checks.add(command(node.get("command"), where + ".command"));
        }
        if (checks.size() > 1) {
            throw new InvalidSystemFile(where + ": give one of http, websocket and command; a second is a second "
                    + "component");
        }
        if (login.isEmpty() && checks.isEmpty()) {
            throw new InvalidSystemFile(where + ": give a login, an http, a websocket or a command");
        }
        return new SystemFile.Component(name, login, checks.stream().findFirst());
    }

    private static SystemFile.Login login(JsonNode node, String where) throws InvalidSystemFile {
        object(node, where);
        only(node, LOGIN, where);
        URI url = url(node, where, "http", "https");
        String body = Optional.ofNullable(text(node, "body", where, false)).orElse("json");
        if (!body.equals("json") && !body.equals("form")) {
            throw new InvalidSystemFile(where + ".body must be json or form; got '" + body + "'");
        }
        return new SystemFile.Login(url, body.equals("form"),
                Optional.ofNullable(text(node, "username-field", where, false)).orElse("username"),
                Optional.ofNullable(text(node, "password-field", where, false)).orElse("password"),
                Optional.ofNullable(text(node, "token", where, false)).orElse("access_token"));
    }

    private static SystemFile.HttpCheck http(JsonNode node, String where) throws InvalidSystemFile {
        object(node, where);
        only(node, HTTP, where);
        String method = Optional.ofNullable(text(node, "method", where, false)).orElse("GET")
                .toUpperCase(Locale.ROOT);
        if (!method.matches("GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS")) {
            throw new InvalidSystemFile(where + ".method must be an HTTP method; got '" + method + "'");
        }
        return new SystemFile.HttpCheck(method, url(node, where, "http", "https"),
                placement(node, where, false), Optional.ofNullable(text(node, "subject", where, false)));
    }

    private static SystemFile.WebSocketCheck webSocket(JsonNode node, String where) throws InvalidSystemFile {
        object(node, where);
        only(node, WEBSOCKET, where);
        return new SystemFile.WebSocketCheck(url(node, where, "ws", "wss"), placement(node, where, true),
                Optional.ofNullable(text(node, "send", where, false)),
                Optional.ofNullable(text(node, "expect", where, false)),
                Optional.ofNullable(text(node, "subject", where, false)));
    }

    private static SystemFile.CommandCheck command(JsonNode node, String where) throws InvalidSystemFile {
        object(node, where);
        only(node, COMMAND, where);
        List<String> run = new ArrayList<>();
        for (JsonNode part : list(node, "run", where, true)) {
            if (!part.isValueNode() || part.asText().isEmpty()) {
                throw new InvalidSystemFile(where + ".run[" + run.size() + "] must be a word of the command");
            }
            run.add(part.asText());
        }
        String tokenEnv = node.has("token-env") ? variable(node, "token-env", where) : "TOKEN";
        return new SystemFile.CommandCheck(run, tokenEnv, Optional.ofNullable(text(node, "subject", where, false)));
    }

    private static SystemFile.Placement placement(JsonNode node, String where, boolean webSocket)
            throws InvalidSystemFile {
        String token = Optional.ofNullable(text(node, "token", where, false)).orElse("header");
        int colon = token.indexOf(':');
        String kind = colon < 0 ? token : token.substring(0, colon);
        String name = colon < 0 ? null : token.substring(colon + 1);
        if (name != null && !name.matches("[A-Za-z0-9!#$%&'*+.^_`|~-]+")) {
            throw new InvalidSystemFile(where + ".token: '" + name + "' is not a valid header, cookie or parameter name");
        }
        switch (kind) {
            case "header":
                return new SystemFile.Placement(SystemFile.Carrier.HEADER, name);
            case "cookie":
            case "query":
                if (name == null) {
                    throw new InvalidSystemFile(where + ".token: " + kind + " needs a name, as in " + kind + ":token");
                }
                return new SystemFile.Placement(kind.equals("cookie") ? SystemFile.Carrier.COOKIE
                        : SystemFile.Carrier.QUERY, name);
            case "subprotocol":
                if (webSocket && name == null) {
                    return new SystemFile.Placement(SystemFile.Carrier.SUBPROTOCOL, null);
                }
                break;
            default:
                break;
        }
        throw new InvalidSystemFile(where + ".token must be header, header:NAME, cookie:NAME or query:NAME"
                + (webSocket ? " or subprotocol" : "") + "; got '" + token + "'");
    }

    private static URI url(JsonNode node, String where, String... schemes) throws InvalidSystemFile {
        String text = text(node, "url", where, true);
        try {
            URI url = new URI(text);
            if (url.getScheme() != null && url.getHost() != null
                    && List.of(schemes).contains(url.getScheme().toLowerCase(Locale.ROOT))) {
                return url;
            }
        } catch (URISyntaxException e) {
            // refused below
        }
        throw new InvalidSystemFile(where + ".url must be an absolute " + String.join(" or ", schemes) + " URL; got '"
                + text + "'");
    }

    private static String variable(JsonNode node, String field, String where) throws InvalidSystemFile {
        String name = text(node, field, where, true);
        if (!name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            throw new InvalidSystemFile(where + "." + field + " must name an environment variable; got '" + name + "'");
        }
        return name;
    }

    private static String text(JsonNode node, String field, String where, boolean required) throws InvalidSystemFile {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            if (required) {
                throw new InvalidSystemFile(where + "." + field + " is required");
            }
            return null;
        }
        if (!value.isValueNode() || value.asText().isBlank()) {
            throw new InvalidSystemFile(where + "." + field + " must be a non-empty text");
        }
        return value.asText();
    }

    private static int integer(JsonNode node, String field, String where, int fallback, int min, int max)
            throws InvalidSystemFile {
        JsonNode value = node.get(field);
        if (value == null) {
            return fallback;
        }
        if (!value.canConvertToInt() || !value.isIntegralNumber() || value.asInt() < min || value.asInt() > max) {
            throw new InvalidSystemFile(where + ": " + field + " must be a whole number from " + min + " to " + max
                    + "; got '" + value.asText() + "'");
        }
        return value.asInt();
    }

    private static List<JsonNode> list(JsonNode node, String field, String where, boolean required)
            throws InvalidSystemFile {
        JsonNode value = node.get(field);
        if (value == null) {
            if (required) {
                throw new InvalidSystemFile(where + ": " + field + " is required");
            }
            return List.of();
        }
        if (!value.isArray() || (required && value.isEmpty())) {
            throw new InvalidSystemFile(where + ": " + field + " must be a list" + (required ? " with at least one entry"
                    : ""));
        }
        List<JsonNode> items = new ArrayList<>();
        value.forEach(items::add);
        return items;
    }

    private static void object(JsonNode node, String where) throws InvalidSystemFile {
        if (node == null || !node.isObject()) {
            throw new InvalidSystemFile(where + " must be a mapping");
        }
    }

    private static void only(JsonNode node, Set<String> allowed, String where) throws InvalidSystemFile {
        for (Iterator<String> names = node.fieldNames(); names.hasNext();) {
            String name = names.next();
            if (!allowed.contains(name)) {
                throw new InvalidSystemFile(where + ": unknown key '" + name + "'; known: "
                        + String.join(", ", allowed.stream().sorted().toList()));
            }
        }
    }
}
