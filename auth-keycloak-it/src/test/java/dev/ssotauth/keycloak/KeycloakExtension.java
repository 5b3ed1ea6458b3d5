package dev.ssotauth.keycloak;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives a test (a {@code @BeforeAll}, {@code @BeforeEach} or test method parameter of type
 * {@link Keycloak}) the one Keycloak of the test run: started for the first class that asks, kept in
 * JUnit's root store, and stopped when the run ends (the store closes it). One start for the whole
 * module keeps its CI time low; a test that stops it must start it again before it ends.
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
final class KeycloakExtension implements ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(Keycloak.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == Keycloak.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent(Keycloak.class, type -> Keycloak.launch(), Keycloak.class);
    }
}
