package dev.ssotauth.testkit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs a test as a verified user: a token is issued for the user by the test's
 * {@link TestAuthority}, verified, and the test method body runs inside
 * {@link dev.ssotauth.core.AuthContext#runAs}, so that {@code AuthContext.current()} is that user
 * during the test and empty again afterwards ({@code @BeforeEach} and {@code @AfterEach} run outside
 * it). A {@link dev.ssotauth.core.UserContext} parameter receives the user.
 *
 * <p>Implies {@link TestAuthority} with its defaults when none is present. On a class it applies to
 * every test method; a method's own annotation wins.
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
@ExtendWith(TestAuthorityExtension.class)
public @interface RunAsUser {

    /**
     * The subject.
     *
     * @return the subject, not blank
     */
    String subject();

    /**
     * The roles.
     *
     * @return the roles, none blank; empty for none
     */
    String[] roles() default {};
}
