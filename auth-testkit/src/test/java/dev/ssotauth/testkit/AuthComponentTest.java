package dev.ssotauth.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.ssotauth.core.JwtAuthority;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

final class AuthComponentTest {

    @Test
    void validateWhenLegacyFunctionThrowsThenCountsAsRejection() {
        // given
        AuthComponent legacy = AuthComponent.of("legacy", subject -> "token-for-" + subject, token -> {
            throw new SecurityException("signature verification failed");
        });

        // when
        AuthComponent.Observed observed = legacy.validate("anything");

        // then
        assertNull(observed);
    }

    @Test
    void ofWhenAuthorityThenMintsAndReportsRoles() {
        // given
        JwtAuthority authority = Authorities.authority("one");
        AuthComponent component = AuthComponent.of("login", authority);

        // when
        AuthComponent.Observed observed = component.validate(component.mint("alice", Set.of("admin")));

        // then
        assertEquals("alice", observed.subject);
        assertEquals(Set.of("admin"), observed.roles);
        assertEquals("AuthComponent[login]", component.toString());
    }

    @Test
    void ofWhenNameBlankThenIllegalArgument() {
        // given / when
        IllegalArgumentException blank = assertThrows(IllegalArgumentException.class,
                () -> AuthComponent.of(" ", Authorities.authority("one")));

        // then
        assertEquals("a component name must not be blank", blank.getMessage());
    }

    @Test
    void mintWhenFunctionReturnsNullThenFailsLikeAThrowingMinter() {
        // given
        AuthComponent silent = AuthComponent.of("silent", subject -> null, token -> "someone");

        // when
        CrossValidationMatrix matrix = FragmentationAssertions.crossValidationMatrix(List.of(silent));

        // then
        assertEquals(""
                + "  minted by \\ accepted by  silent\n"
                + "  silent                   mint-failed\n"
                + "Total cross-validations: 1\n"
                + "Successful validations: 0\n"
                + "Success rate: 0.0%", matrix.toString());
    }

    @Test
    void identityWhenSubjectBlankThenIllegalArgument() {
        // given / when / then
        assertThrows(IllegalArgumentException.class, () -> new AuthComponent.Identity("", Set.of()));
    }
}
