package dev.ssotauth.testkit;

import dev.ssotauth.core.AuthContext;
import dev.ssotauth.core.JwtAuthority;
import dev.ssotauth.core.UserContext;

import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Method;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Optional;

import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.InvocationInterceptor;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.ReflectiveInvocationContext;

/**
 * The JUnit 5 extension behind {@link TestAuthority} and {@link RunAsUser}; use those annotations
 * rather than registering it yourself. It resolves parameters of type {@link TestTokens},
 * {@link JwtAuthority} and {@link UserContext}, and runs {@code @RunAsUser} tests inside
 * {@link AuthContext#runAs}. It keeps one {@link TestTokens} (and the run-as user) per test in the
 * test's own extension store and holds no state itself, so one instance serves concurrent tests.
 */
public final class TestAuthorityExtension implements ParameterResolver, InvocationInterceptor {

    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(TestAuthorityExtension.class);
    private static final String TOKENS = "tokens";
    private static final String USER = "user";

    /** Creates the extension; JUnit does this for {@link TestAuthority} and {@link RunAsUser}. */
    public TestAuthorityExtension() {
    }

    /**
     * Whether the parameter is a {@link TestTokens}, {@link JwtAuthority} or {@link UserContext}.
     *
     * @param parameter the parameter
     * @param context   the extension context
     * @return whether this extension resolves it
     */
    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == TestTokens.class || type == JwtAuthority.class || type == UserContext.class;
    }

    /**
     * The test's {@link TestTokens}, its authority, or its {@code @RunAsUser} user.
     *
     * @param parameter the parameter
     * @param context   the extension context
     * @return the value
     * @throws ParameterResolutionException     for a {@code UserContext} without {@code @RunAsUser}
     * @throws ExtensionConfigurationException when an annotation holds an invalid setting
     */
    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        if (type == TestTokens.class) {
            return tokens(context);
        }
        if (type == JwtAuthority.class) {
            return tokens(context).authority();
        }
        return user(context).orElseThrow(() -> new ParameterResolutionException("a UserContext parameter needs "
                + "@RunAsUser on the test method or class"));
    }

    /**
     * Runs the test method as its {@code @RunAsUser} user, if it has one.
     *
     * @param invocation        the test method's invocation
     * @param invocationContext the reflective context
     * @param context           the extension context
     * @throws Throwable what the test method throws
     */
    @Override
    public void interceptTestMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> invocationContext,
            ExtensionContext context) throws Throwable {
        runAsUser(invocation, context);
    }

    /**
     * Runs a test template invocation (such as a parameterized test) as its {@code @RunAsUser} user.
     *
     * @param invocation        the invocation
     * @param invocationContext the reflective context
     * @param context           the extension context
     * @throws Throwable what the test method throws
     */
    @Override
    public void interceptTestTemplateMethod(Invocation<Void> invocation,
            ReflectiveInvocationContext<Method> invocationContext, ExtensionContext context) throws Throwable {
        runAsUser(invocation, context);
    }

    private void runAsUser(Invocation<Void> invocation, ExtensionContext context) throws Throwable {
        Optional<UserContext> user = user(context);
        if (user.isEmpty()) {
            invocation.proceed();
            return;
        }
        Throwable[] failure = new Throwable[1];
        AuthContext.runAs(user.get(), () -> {
            try {
                invocation.proceed();
            } catch (Throwable t) {
                failure[0] = t;
            }
        });
        if (failure[0] != null) {
            throw failure[0];
        }
    }

    private static TestTokens tokens(ExtensionContext context) {
        ExtensionContext.Store store = context.getStore(NAMESPACE);
        return store.getOrComputeIfAbsent(TOKENS, key -> newTokens(context), TestTokens.class);
    }

    private static TestTokens newTokens(ExtensionContext context) {
        TestAuthority settings = find(context, TestAuthority.class);
        String issuer = settings == null ? TestTokens.DEFAULT_ISSUER : settings.issuer();
        String audience = settings == null ? TestTokens.DEFAULT_AUDIENCE : settings.audience();
        Clock clock = Clock.systemUTC();
        if (settings != null && !settings.fixedInstant().isEmpty()) {
            try {
                clock = Clock.fixed(Instant.parse(settings.fixedInstant()), ZoneOffset.UTC);
            } catch (DateTimeParseException e) {
                throw new ExtensionConfigurationException("@TestAuthority(fixedInstant) must be an ISO-8601 instant "
                        + "such as 2025-09-14T14:30:00Z; got " + settings.fixedInstant(), e);
            }
        }
        try {
            return TestTokens.of(TokenFactory.randomSecret(new SecureRandom(), 32), issuer, audience, clock);
        } catch (IllegalArgumentException e) {
            throw new ExtensionConfigurationException("@TestAuthority: " + e.getMessage(), e);
        }
    }

    private static Optional<UserContext> user(ExtensionContext context) {
        RunAsUser runAs = find(context, RunAsUser.class);
        if (runAs == null) {
            return Optional.empty();
        }
        ExtensionContext.Store store = context.getStore(NAMESPACE);
        return Optional.of(store.getOrComputeIfAbsent(USER, key -> {
            TestTokens tokens = tokens(context);
            try {
                return tokens.authority().verify(tokens.valid(runAs.subject(), runAs.roles()));
            } catch (IllegalArgumentException e) {
                throw new ExtensionConfigurationException("@RunAsUser: " + e.getMessage(), e);
            }
        }, UserContext.class));
    }

    /** The annotation on the test method, else on the test class or an enclosing class. */
    private static <A extends Annotation> A find(ExtensionContext context, Class<A> type) {
        Optional<Method> method = context.getTestMethod();
        if (method.isPresent() && method.get().isAnnotationPresent(type)) {
            return method.get().getAnnotation(type);
        }
        for (Optional<Class<?>> c = context.getTestClass(); c.isPresent();
                c = Optional.ofNullable(c.get().getEnclosingClass())) {
            AnnotatedElement element = c.get();
            if (element.isAnnotationPresent(type)) {
                return element.getAnnotation(type);
            }
        }
        return null;
    }
}
