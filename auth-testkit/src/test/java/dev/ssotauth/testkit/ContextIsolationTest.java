package dev.ssotauth.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.ssotauth.core.AuthContext;
import dev.ssotauth.core.JwtAuthority;
import dev.ssotauth.core.TokenRequest;

import java.util.concurrent.Callable;

import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

final class ContextIsolationTest {

    private static AuthComponent sharedFieldAgent(JwtAuthority authority) {
        OriginSystem.SharedFieldAgent agent = new OriginSystem.SharedFieldAgent(authority);
        return AuthComponent.of("agent", subject -> authority.issue(TokenRequest.forSubject(subject).build()),
                agent::authenticate, agent::currentSubject);
    }

    @RepeatedTest(20)
    void assertContextIsolationWhenSharedFieldThenSameFailureEveryRun() {
        // given
        AuthComponent agent = sharedFieldAgent(Authorities.authority("one"));

        // when
        AssertionError failure = assertThrows(AssertionError.class,
                () -> FragmentationAssertions.assertContextIsolation(agent, 3, 1));

        // then
        assertEquals("context isolation failed for component 'agent': 1/3 concurrent users experienced identity "
                + "corruption (3 users, 1 operation each, interleaved on 3 threads)\n"
                + "  user-1 saw user-3's identity in 1 of 1 operations", failure.getMessage());
    }

    @Test
    void assertContextIsolationWhenEnoughOperationsThenEveryOrderedPairInterleaved() {
        // given: 3 users x 2 others = 6 rounds cover every (victim, interloper) pair
        AuthComponent agent = sharedFieldAgent(Authorities.authority("one"));

        // when
        AssertionError failure = assertThrows(AssertionError.class,
                () -> FragmentationAssertions.assertContextIsolation(agent, 3, 6));

        // then
        assertEquals("context isolation failed for component 'agent': 3/3 concurrent users experienced identity "
                + "corruption (3 users, 6 operations each, interleaved on 3 threads)\n"
                + "  user-1 saw user-2's identity in 1 of 6 operations, user-3's identity in 1 of 6 operations\n"
                + "  user-2 saw user-1's identity in 1 of 6 operations, user-3's identity in 1 of 6 operations\n"
                + "  user-3 saw user-1's identity in 1 of 6 operations, user-2's identity in 1 of 6 operations",
                failure.getMessage());
    }

    @Test
    void assertContextIsolationWhenCurrentUserPerThreadThenPasses() {
        // given
        JwtAuthority authority = Authorities.authority("one");

        // when / then
        FragmentationAssertions.assertContextIsolation(OriginSystem.unifiedAgentJob(authority), 8, 56);
    }

    @Test
    void assertContextIsolationWhenOneStepComponentUsesAuthContextThenPasses() {
        // given
        JwtAuthority authority = Authorities.authority("one");
        AuthComponent agent = AuthComponent.of("agent",
                subject -> authority.issue(TokenRequest.forSubject(subject).build()),
                token -> call(() -> AuthContext.callAs(authority.verify(token),
                        () -> AuthContext.current().orElseThrow().subject())));

        // when / then
        FragmentationAssertions.assertContextIsolation(agent, 4, 25);
    }

    @Test
    void assertContextIsolationWhenComponentRejectsItsOwnTokensThenCannotBeChecked() {
        // given
        JwtAuthority signer = Authorities.authority("signer");
        JwtAuthority verifier = Authorities.authority("verifier");
        OriginSystem.SharedFieldAgent agent = new OriginSystem.SharedFieldAgent(verifier);
        AuthComponent component = AuthComponent.of("agent",
                subject -> signer.issue(TokenRequest.forSubject(subject).build()),
                agent::authenticate, agent::currentSubject);

        // when
        AssertionError failure = assertThrows(AssertionError.class,
                () -> FragmentationAssertions.assertContextIsolation(component, 2, 2));

        // then
        assertEquals("context isolation could not be checked for component 'agent': it rejected 4 of 4 requests "
                + "made with its own tokens (2 users, 2 operations each, interleaved on 2 threads)\n"
                + "  user-1 was rejected in 2 of 2 operations\n"
                + "  user-2 was rejected in 2 of 2 operations", failure.getMessage());
    }

    @Test
    void assertContextIsolationWhenCountsOutOfRangeThenIllegalArgument() {
        // given
        AuthComponent agent = AuthComponent.of("agent", Authorities.authority("one"));

        // when
        IllegalArgumentException oneUser = assertThrows(IllegalArgumentException.class,
                () -> FragmentationAssertions.assertContextIsolation(agent, 1, 1));
        IllegalArgumentException noOperations = assertThrows(IllegalArgumentException.class,
                () -> FragmentationAssertions.assertContextIsolation(agent, 2, 0));

        // then
        assertEquals("users must be between 2 and 256; got 1", oneUser.getMessage());
        assertEquals("operationsPerUser must be between 1 and 10000; got 0", noOperations.getMessage());
    }

    private static <T> T call(Callable<T> callable) {
        try {
            return callable.call();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
