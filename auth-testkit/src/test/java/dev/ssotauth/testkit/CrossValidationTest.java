package dev.ssotauth.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ssotauth.core.JwtAuthority;
import dev.ssotauth.core.TokenRequest;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

final class CrossValidationTest {

    @Test
    void assertCrossValidationWhenTwoSecretsThenMatrixAndFiftyPercent() {
        // given
        List<AuthComponent> system = List.of(
                AuthComponent.of("login", Authorities.authority("login")),
                AuthComponent.of("chat", Authorities.authority("chat")));

        // when
        AssertionError failure = assertThrows(AssertionError.class,
                () -> FragmentationAssertions.assertCrossValidation(system));

        // then
        assertEquals(""
                + "cross-validation failed: every component must accept every component's tokens, its own included\n"
                + "  minted by \\ accepted by  login     chat\n"
                + "  login                    ok        rejected\n"
                + "  chat                     rejected  ok\n"
                + "Total cross-validations: 4\n"
                + "Successful validations: 2\n"
                + "Success rate: 50.0%", failure.getMessage());
    }

    @Test
    void crossValidationMatrixWhenThreeSecretsThenOneDecimalRate() {
        // given
        List<AuthComponent> system = List.of(
                AuthComponent.of("a", Authorities.authority("a")),
                AuthComponent.of("b", Authorities.authority("b")),
                AuthComponent.of("c", Authorities.authority("c")));

        // when
        CrossValidationMatrix matrix = FragmentationAssertions.crossValidationMatrix(system);

        // then
        assertEquals(List.of("a", "b", "c"), matrix.components());
        assertEquals(9, matrix.total());
        assertEquals(3, matrix.successful());
        assertEquals(100.0 / 3, matrix.successRate(), 1e-9);
        assertTrue(matrix.accepted(1, 1));
        assertFalse(matrix.accepted(0, 1));
        assertFalse(matrix.isComplete());
        assertTrue(matrix.toString().endsWith("Success rate: 33.3%"));
    }

    @Test
    void assertCrossValidationWhenComponentMisreadsSubjectOrCannotMintThenCellsSaySo() {
        // given
        JwtAuthority shared = Authorities.authority("shared");
        List<AuthComponent> system = List.of(
                AuthComponent.of("login", shared),
                AuthComponent.of("confused", subject -> shared.issue(TokenRequest.forSubject(subject).build()),
                        token -> shared.verify(token).subject() + "-or-someone"),
                AuthComponent.of("broken", subject -> {
                    throw new IllegalStateException("no signing key");
                }, token -> null));

        // when
        AssertionError failure = assertThrows(AssertionError.class,
                () -> FragmentationAssertions.assertCrossValidation(system));

        // then
        assertEquals(""
                + "cross-validation failed: every component must accept every component's tokens, its own included\n"
                + "  minted by \\ accepted by  login        confused       broken\n"
                + "  login                    ok           other-subject  rejected\n"
                + "  confused                 ok           other-subject  rejected\n"
                + "  broken                   mint-failed  mint-failed    mint-failed\n"
                + "Total cross-validations: 9\n"
                + "Successful validations: 2\n"
                + "Success rate: 22.2%", failure.getMessage());
    }

    @Test
    void assertCrossValidationWhenOneAuthorityThenPassesAndMatrixComplete() {
        // given
        JwtAuthority authority = Authorities.authority("one");
        JwtAuthority sameKeyElsewhere = Authorities.authority("one");
        List<AuthComponent> system = List.of(AuthComponent.of("login", authority),
                AuthComponent.of("api", sameKeyElsewhere));

        // when
        FragmentationAssertions.assertCrossValidation(system);
        CrossValidationMatrix matrix = FragmentationAssertions.crossValidationMatrix(system);

        // then
        assertTrue(matrix.isComplete());
        assertEquals(100.0, matrix.successRate());
    }

    @Test
    void assertCrossValidationWhenFailingThenMessageHasNoToken() {
        // given
        List<String> minted = new ArrayList<>();
        JwtAuthority signer = Authorities.authority("signer");
        AuthComponent recording = AuthComponent.of("recording", subject -> {
            String token = signer.issue(TokenRequest.forSubject(subject).build());
            minted.add(token);
            return token;
        }, token -> null);

        // when
        AssertionError failure = assertThrows(AssertionError.class,
                () -> FragmentationAssertions.assertCrossValidation(List.of(recording)));

        // then
        assertEquals(1, minted.size());
        assertFalse(failure.getMessage().contains(minted.get(0)));
        assertFalse(failure.getMessage().contains(minted.get(0).substring(minted.get(0).lastIndexOf('.') + 1)));
    }

    @Test
    void crossValidationMatrixWhenNamesRepeatOrListEmptyThenIllegalArgument() {
        // given
        AuthComponent a = AuthComponent.of("a", Authorities.authority("a"));

        // when
        IllegalArgumentException twice = assertThrows(IllegalArgumentException.class,
                () -> FragmentationAssertions.crossValidationMatrix(List.of(a, a)));
        IllegalArgumentException empty = assertThrows(IllegalArgumentException.class,
                () -> FragmentationAssertions.crossValidationMatrix(List.of()));

        // then
        assertEquals("components has two components named 'a'", twice.getMessage());
        assertEquals("components must not be empty", empty.getMessage());
    }

    @Test
    void acceptedWhenIndexOutOfRangeThenIndexOutOfBounds() {
        // given
        CrossValidationMatrix matrix = FragmentationAssertions.crossValidationMatrix(
                List.of(AuthComponent.of("a", Authorities.authority("a"))));

        // when / then
        assertThrows(IndexOutOfBoundsException.class, () -> matrix.accepted(0, 1));
    }
}
