package dev.ssotauth.keycloak;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives a test class the one Keycloak of the test run, as a parameter of type {@link Keycloak} of
 * its {@code @BeforeAll}, {@code @BeforeEach} or test methods: started before the first class that
 * uses this extension, kept in JUnit's root store, and stopped when the run ends (the store closes
 * it). One start for the whole module keeps its CI time low; a test that stops it must start it again
 * before it ends. Without a Java 21+ runtime every such class is skipped (failed in CI) before any of
 * its methods runs: the start happens in {@code beforeAll}, not in parameter resolution, which would
 * turn the skip into a failure.
 *
 * <pre>{@code
 * @ExtendWith(KeycloakExtension.class)
 * final class SomethingIT {
 *     private static Realm realm;
 *
 *     @BeforeAll
 *     static void provision(Keycloak keycloak) {
 *         realm = keycloak.createRealm("something", "chat");   // realm names are unique per run
 *     }
 * }
 * }</pre>
 */
final class KeycloakExtension implements BeforeAllCallback, ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(Keycloak.class);

    @Override
    public void beforeAll(ExtensionContext context) {
        keycloak(context);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == Keycloak.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return keycloak(context);
    }

    private static Keycloak keycloak(ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent(Keycloak.class, type -> Keycloak.launch(), Keycloak.class);
    }
}
