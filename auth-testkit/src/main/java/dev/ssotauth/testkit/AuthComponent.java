package dev.ssotauth.testkit;

import dev.ssotauth.core.AuthResult;
import dev.ssotauth.core.JwtAuthority;
import dev.ssotauth.core.TokenRequest;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * One participant of a system, as {@link FragmentationAssertions} sees it: something that can mint a
 * token for a user and something that says whom a token speaks for. A login service, an HTTP API, a
 * WebSocket gateway and an agent job are each one component. Code that knows nothing of this
 * library takes part through functions:
 *
 * <pre>{@code
 * AuthComponent chat = AuthComponent.of("chat",
 *         subject -> legacyChat.createToken(subject),          // mint
 *         token -> legacyChat.decode(token).getUserId());      // validate: throw or null when rejected
 * AuthComponent login = AuthComponent.of("login", authority);  // a JwtAuthority
 * }</pre>
 *
 * <p>A component that keeps the current user between steps of a request (a field set when the request
 * is authenticated and read later by the work it does) is described in those two steps with
 * {@link #of(String, Function, Consumer, Supplier)}, so that
 * {@link FragmentationAssertions#assertContextIsolation(AuthComponent, int, int)} can interleave
 * other users' requests between them and catch a shared field every time.
 *
 * <p>Immutable and thread-safe when its functions are; the assertions call the functions of one
 * component from several threads only in {@code assertContextIsolation}.
 */
public final class AuthComponent {

    /** What a component reports about an accepted token; {@code roles} is null when it cannot tell. */
    static final class Observed {
        final String subject;
        final Set<String> roles;

        Observed(String subject, Set<String> roles) {
            this.subject = subject;
            this.roles = roles;
        }
    }

    @FunctionalInterface
    private interface Minter {
        String mint(String subject, Set<String> roles);
    }

    private final String name;
    private final Minter minter;
    private final boolean mintsRoles;
    private final Function<String, Observed> validator;
    private final Consumer<String> beginRequest;
    private final Supplier<String> currentSubject;

    private AuthComponent(String name, Minter minter, boolean mintsRoles, Function<String, Observed> validator,
            Consumer<String> beginRequest, Supplier<String> currentSubject) {
        this.name = requireName(name);
        this.minter = minter;
        this.mintsRoles = mintsRoles;
        this.validator = validator;
        this.beginRequest = beginRequest;
        this.currentSubject = currentSubject;
    }

    /**
     * A component given as two functions, for code that knows nothing of this library. Roles are not
     * compared for such a component.
     *
     * @param name                 how messages name the component, e.g. {@code "chat"}; not blank
     * @param mintTokenForSubject  returns a token for the subject, as the component would issue it
     * @param subjectOfValidToken  returns the subject the component reads from a token it accepts; throws,
     *                             or returns {@code null}, when it rejects the token
     * @return the component
     * @throws NullPointerException     if an argument is {@code null}
     * @throws IllegalArgumentException if {@code name} is blank
     */
    public static AuthComponent of(String name, Function<String, String> mintTokenForSubject,
            Function<String, String> subjectOfValidToken) {
        Objects.requireNonNull(mintTokenForSubject, "mintTokenForSubject");
        Objects.requireNonNull(subjectOfValidToken, "subjectOfValidToken");
        return new AuthComponent(name, (subject, roles) -> mintTokenForSubject.apply(subject), false,
                token -> {
                    String subject = subjectOfValidToken.apply(token);
                    return subject == null ? null : new Observed(subject, null);
                }, null, null);
    }

    /**
     * A component that authenticates a request in one step and reads the current user in a later one,
     * such as a handler that stores the user in a field and a job that reads the field. Whom the
     * component accepts a token for is what {@code currentSubject} returns right after
     * {@code authenticateRequest}; {@link FragmentationAssertions#assertContextIsolation} runs other
     * users' requests in between.
     *
     * @param name                how messages name the component; not blank
     * @param mintTokenForSubject returns a token for the subject
     * @param authenticateRequest starts a request with the token on the calling thread; throws when the
     *                            component rejects the token
     * @param currentSubject      returns the subject of the request in progress on the calling thread, as
     *                            the component's later work sees it; {@code null} when it has none
     * @return the component
     * @throws NullPointerException     if an argument is {@code null}
     * @throws IllegalArgumentException if {@code name} is blank
     */
    public static AuthComponent of(String name, Function<String, String> mintTokenForSubject,
            Consumer<String> authenticateRequest, Supplier<String> currentSubject) {
        Objects.requireNonNull(mintTokenForSubject, "mintTokenForSubject");
        Objects.requireNonNull(authenticateRequest, "authenticateRequest");
        Objects.requireNonNull(currentSubject, "currentSubject");
        return new AuthComponent(name, (subject, roles) -> mintTokenForSubject.apply(subject), false,
                token -> {
                    authenticateRequest.accept(token);
                    String subject = currentSubject.get();
                    return subject == null ? null : new Observed(subject, null);
                }, authenticateRequest, currentSubject);
    }

    /**
     * A component that issues and validates with {@code authority}. Roles are minted and compared.
     *
     * @param name      how messages name the component; not blank
     * @param authority the authority it uses
     * @return the component
     * @throws NullPointerException     if an argument is {@code null}
     * @throws IllegalArgumentException if {@code name} is blank
     */
    public static AuthComponent of(String name, JwtAuthority authority) {
        Objects.requireNonNull(authority, "authority");
        return new AuthComponent(name, (subject, roles) -> {
            TokenRequest.Builder request = TokenRequest.forSubject(subject);
            if (!roles.isEmpty()) {
                request.roles(roles.toArray(new String[0]));
            }
            return authority.issue(request.build());
        }, true, token -> {
            AuthResult result = authority.authenticate(token);
            if (result instanceof AuthResult.Authenticated) {
                AuthResult.Authenticated ok = (AuthResult.Authenticated) result;
                return new Observed(ok.user().subject(), ok.user().roles());
            }
            return null;
        }, null, null);
    }

    /**
     * A component given as functions over {@link Identity}, for code that knows nothing of this
     * library but carries roles: roles are minted and compared like the subject.
     *
     * @param name                 how messages name the component; not blank
     * @param mintTokenForIdentity returns a token for the subject and roles
     * @param identityOfValidToken returns whom and with which roles the component accepts a token;
     *                             throws, or returns {@code null}, when it rejects the token
     * @return the component
     * @throws NullPointerException     if an argument is {@code null}
     * @throws IllegalArgumentException if {@code name} is blank
     */
    public static AuthComponent withRoles(String name, Function<Identity, String> mintTokenForIdentity,
            Function<String, Identity> identityOfValidToken) {
        Objects.requireNonNull(mintTokenForIdentity, "mintTokenForIdentity");
        Objects.requireNonNull(identityOfValidToken, "identityOfValidToken");
        return new AuthComponent(name, (subject, roles) -> mintTokenForIdentity.apply(new Identity(subject, roles)),
                true, token -> {
                    Identity identity = identityOfValidToken.apply(token);
                    return identity == null ? null : new Observed(identity.subject(), identity.roles());
                }, null, null);
    }

    /**
     * The name messages use.
     *
     * @return the name, never blank
     */
    public String name() {
        return name;
    }

    /**
     * A short description naming the component.
     *
     * @return {@code AuthComponent[name]}
     */
    @Override
    public String toString() {
        return "AuthComponent[" + name + "]";
    }

    /** Mints a token; roles are passed on only by components that carry them. May throw anything. */
    String mint(String subject, Set<String> roles) {
        String token = minter.mint(subject, roles);
        if (token == null) {
            throw new IllegalStateException("component returned no token");
        }
        return token;
    }

    boolean mintsRoles() {
        return mintsRoles;
    }

    /** Whom the component accepts {@code token} for, or {@code null} when it rejects it (or throws). */
    Observed validate(String token) {
        try {
            return validator.apply(token);
        } catch (Exception rejected) { // a legacy component may signal rejection with any exception
            return null;
        }
    }

    boolean isRequestScoped() {
        return beginRequest != null;
    }

    void beginRequest(String token) {
        beginRequest.accept(token);
    }

    String currentSubject() {
        return currentSubject.get();
    }

    static List<AuthComponent> requireDistinctNames(Collection<AuthComponent> components, String what) {
        Objects.requireNonNull(components, what);
        Set<String> names = new HashSet<>();
        for (AuthComponent component : components) {
            Objects.requireNonNull(component, "a component in " + what);
            if (!names.add(component.name)) {
                throw new IllegalArgumentException(what + " has two components named '" + component.name + "'");
            }
        }
        return List.copyOf(components);
    }

    private static String requireName(String name) {
        Objects.requireNonNull(name, "name");
        if (name.isBlank()) {
            throw new IllegalArgumentException("a component name must not be blank");
        }
        return name;
    }

    /**
     * Whom a token speaks for, with roles: what a component built with
     * {@link AuthComponent#withRoles(String, Function, Function)} mints for and reports.
     *
     * @param subject the subject, not blank
     * @param roles   the roles; copied, no {@code null}s
     */
    public record Identity(String subject, Set<String> roles) {
        /**
         * Creates the identity.
         *
         * @param subject the subject
         * @param roles   the roles
         * @throws NullPointerException     if an argument or a role is {@code null}
         * @throws IllegalArgumentException if {@code subject} is blank
         */
        public Identity {
            Objects.requireNonNull(subject, "subject");
            if (subject.isBlank()) {
                throw new IllegalArgumentException("subject must not be blank");
            }
            roles = Set.copyOf(roles);
        }
    }
}
