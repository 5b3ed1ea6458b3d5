package dev.ssotauth.testkit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Gives a JUnit 5 test a real test authority. Test methods, constructors and lifecycle methods may
 * declare parameters of type {@link TestTokens} and {@link dev.ssotauth.core.JwtAuthority}; each test
 * gets fresh ones (a new random secret), shared by its {@code @BeforeEach}, the test and its
 * {@code @AfterEach} (a parameter of a {@code @BeforeAll} method or of the constructor is resolved for
 * the class, and tests then share that one). With {@link RunAsUser} the test runs as a verified user, and a
 * {@link dev.ssotauth.core.UserContext} parameter receives that user.
 *
 * <pre>{@code
 * @TestAuthority(fixedInstant = "2025-09-14T14:30:00Z")
 * final class ChatServiceTest {
 *     @Test
 *     void historyWhenTokenExpiredThenRejected(TestTokens tokens, JwtAuthority authority) {
 *         ChatService chat = new ChatService(authority);
 *         assertThrows(TokenRejectedException.class, () -> chat.history(tokens.expired("alice")));
 *     }
 *
 *     @Test
 *     @RunAsUser(subject = "alice", roles = "admin")
 *     void purgeWhenAdminThenAllowed(UserContext alice) {
 *         assertTrue(AuthContext.current().isPresent());
 *     }
 * }
 * }</pre>
 *
 * <p>On a class and on a method, the method's settings win. The authority is what
 * {@link TestTokens#authority()} makes: core's defaults apart from these settings.
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
@ExtendWith(TestAuthorityExtension.class)
public @interface TestAuthority {

    /**
     * The issuer the authority issues and requires.
     *
     * @return the issuer, not blank
     */
    String issuer() default TestTokens.DEFAULT_ISSUER;

    /**
     * The audience the authority issues and accepts.
     *
     * @return the audience, not blank
     */
    String audience() default TestTokens.DEFAULT_AUDIENCE;

    /**
     * An ISO-8601 instant (such as {@code 2025-09-14T14:30:00Z}) to fix the authority's clock at;
     * empty for the system UTC clock.
     *
     * @return the instant, or empty
     */
    String fixedInstant() default "";
}
