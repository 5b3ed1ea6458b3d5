package dev.ssotauth.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * The origin report's system, reproduced: each assertion fails on the fragmented system with the
 * report's figures, and passes once the same system runs on one authority.
 */
final class OriginReportReproductionTest {

    @Test
    void assertCrossValidationWhenFourSecretsThenZeroOfSixteen() {
        // given
        List<AuthComponent> system = OriginSystem.fragmented();

        // when
        AssertionError failure = assertThrows(AssertionError.class,
                () -> FragmentationAssertions.assertCrossValidation(system));

        // then
        assertEquals(""
                + "cross-validation failed: every component must accept every component's tokens, its own included\n"
                + "  minted by \\ accepted by  login     chat      websocket  agent\n"
                + "  login                    rejected  rejected  rejected   rejected\n"
                + "  chat                     rejected  rejected  rejected   rejected\n"
                + "  websocket                rejected  rejected  rejected   rejected\n"
                + "  agent                    rejected  rejected  rejected   rejected\n"
                + "Total cross-validations: 16\n"
                + "Successful validations: 0\n"
                + "Success rate: 0.0%", failure.getMessage());
    }

    @Test
    void assertSingleSecretSourceWhenFourVariablesThenNamesThemWithFingerprints() {
        // given / when
        AssertionError failure = assertThrows(AssertionError.class,
                () -> FragmentationAssertions.assertSingleSecretSource(OriginSystem.FRAGMENTED_ENVIRONMENT));

        // then
        assertEquals("JWT secret is not single-sourced:\n"
                + "  - 4 variables hold 4 different secrets, so a token signed with one is rejected wherever another "
                + "is read: AUTH_SERVICE_JWT_SECRET fingerprint 8eb041be10887400, JWT_SECRET fingerprint "
                + "f41d3e663c0d506c, JWT_SECRET_KEY fingerprint ccb93d2fc0dde4ee, WEBSOCKET_JWT_SECRET fingerprint "
                + "27dbcda46042e522; keep one secret in JWT_SECRET_KEY and remove the others", failure.getMessage());
    }

    @Test
    void assertGoldenPathWhenFragmentedThenNoHandoffSucceeds() {
        // given
        List<AuthComponent> system = OriginSystem.fragmented();

        // when
        AssertionError failure = assertThrows(AssertionError.class,
                () -> FragmentationAssertions.assertGoldenPath(system.get(0), system.subList(1, 4), 2));

        // then
        assertEquals(""
                + "golden path failed: 2/2 users could not get from login to every downstream component\n"
                + "Successful login→chat handoffs: 0/2\n"
                + "Successful login→websocket handoffs: 0/2\n"
                + "Successful login→agent handoffs: 0/2\n"
                + "User failure rate: 100.0%\n"
                + "  user-1: chat rejected the token; websocket rejected the token; agent rejected the token\n"
                + "  user-2: chat rejected the token; websocket rejected the token; agent rejected the token",
                failure.getMessage());
    }

    @Test
    void assertContextIsolationWhenSharedCurrentUserFieldThenOneOfThreeUsersCorrupted() {
        // given
        AuthComponent agent = OriginSystem.fragmentedAgentJob();

        // when
        AssertionError failure = assertThrows(AssertionError.class,
                () -> FragmentationAssertions.assertContextIsolation(agent, 3, 1));

        // then
        assertEquals("context isolation failed for component 'agent': 1/3 concurrent users experienced identity "
                + "corruption (3 users, 1 operation each, interleaved on 3 threads)\n"
                + "  user-1 saw user-3's identity in 1 of 1 operations", failure.getMessage());
    }

    @Test
    void assertionsWhenSameSystemOnOneAuthorityThenAllPass() {
        // given
        List<AuthComponent> system = OriginSystem.unified();

        // when
        CrossValidationMatrix matrix = FragmentationAssertions.crossValidationMatrix(system);

        // then
        assertEquals(16, matrix.total());
        assertEquals(16, matrix.successful());
        assertEquals(100.0, matrix.successRate());
        FragmentationAssertions.assertCrossValidation(system);
        FragmentationAssertions.assertSingleSecretSource(OriginSystem.UNIFIED_ENVIRONMENT);
        FragmentationAssertions.assertGoldenPath(system.get(0), system.subList(1, 4), 2);
        FragmentationAssertions.assertContextIsolation(system.get(3), 3, 1);
        FragmentationAssertions.assertContextIsolation(system.get(3), 3, 6);
    }
}
