package dev.ssotauth.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.ssotauth.core.JwtAuthority;
import dev.ssotauth.core.TokenRequest;
import dev.ssotauth.core.UserContext;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

final class GoldenPathTest {

    @Test
    void assertGoldenPathWhenOneDownstreamUsesAnotherSecretThenItsHandoffsFail() {
        // given
        JwtAuthority authority = Authorities.authority("one");
        AuthComponent login = AuthComponent.of("login", authority);
        List<AuthComponent> downstream = List.of(AuthComponent.of("chat", authority),
                AuthComponent.of("websocket", Authorities.authority("other")));

        // when
        AssertionError failure = assertThrows(AssertionError.class,
                () -> FragmentationAssertions.assertGoldenPath(login, downstream, 4));

        // then
        assertEquals(""
                + "golden path failed: 4/4 users could not get from login to every downstream component\n"
                + "Successful login→chat handoffs: 4/4\n"
                + "Successful login→websocket handoffs: 0/4\n"
                + "User failure rate: 100.0%\n"
                + "  user-1: websocket rejected the token\n"
                + "  user-2: websocket rejected the token\n"
                + "  user-3: websocket rejected the token\n"
                + "  user-4: websocket rejected the token", failure.getMessage());
    }

    @Test
    void assertGoldenPathWhenDownstreamDropsRolesOrSwapsSubjectThenSaysWhich() {
        // given
        JwtAuthority authority = Authorities.authority("one");
        AuthComponent login = AuthComponent.of("login", authority);
        AuthComponent dropsRoles = AuthComponent.withRoles("agent",
                identity -> authority.issue(TokenRequest.forSubject(identity.subject()).build()),
                token -> new AuthComponent.Identity(authority.verify(token).subject(), Set.of()));
        AuthComponent swapsSecondUser = AuthComponent.of("chat",
                subject -> authority.issue(TokenRequest.forSubject(subject).build()),
                token -> {
                    UserContext user = authority.verify(token);
                    return user.subject().equals("user-2") ? "user-1" : user.subject();
                });

        // when
        AssertionError failure = assertThrows(AssertionError.class,
                () -> FragmentationAssertions.assertGoldenPath(login, List.of(swapsSecondUser, dropsRoles), 3));

        // then
        assertEquals(""
                + "golden path failed: 3/3 users could not get from login to every downstream component\n"
                + "Successful login→chat handoffs: 2/3\n"
                + "Successful login→agent handoffs: 0/3\n"
                + "User failure rate: 100.0%\n"
                + "  user-1: agent accepted it with other roles\n"
                + "  user-2: chat accepted it for another subject; agent accepted it with other roles\n"
                + "  user-3: agent accepted it with other roles", failure.getMessage());
    }

    @Test
    void assertGoldenPathWhenOnlySomeUsersFailThenRateIsTheirShare() {
        // given
        JwtAuthority authority = Authorities.authority("one");
        AuthComponent login = AuthComponent.of("login", authority);
        AuthComponent flaky = AuthComponent.of("chat",
                subject -> authority.issue(TokenRequest.forSubject(subject).build()),
                token -> {
                    String subject = authority.verify(token).subject();
                    return subject.equals("user-3") ? null : subject;
                });

        // when
        AssertionError failure = assertThrows(AssertionError.class,
                () -> FragmentationAssertions.assertGoldenPath(login, List.of(flaky), 3));

        // then
        assertEquals(""
                + "golden path failed: 1/3 users could not get from login to every downstream component\n"
                + "Successful login→chat handoffs: 2/3\n"
                + "User failure rate: 33.3%\n"
                + "  user-3: chat rejected the token", failure.getMessage());
    }

    @Test
    void assertGoldenPathWhenLoginCannotMintThenEveryUserFails() {
        // given
        AuthComponent login = AuthComponent.of("login", subject -> {
            throw new IllegalStateException("signing key missing");
        }, token -> null);
        AuthComponent chat = AuthComponent.of("chat", Authorities.authority("one"));

        // when
        AssertionError failure = assertThrows(AssertionError.class,
                () -> FragmentationAssertions.assertGoldenPath(login, List.of(chat), 2));

        // then
        assertEquals(""
                + "golden path failed: 2/2 users could not get from login to every downstream component\n"
                + "Successful login→chat handoffs: 0/2\n"
                + "User failure rate: 100.0%\n"
                + "  user-1: login could not mint a token\n"
                + "  user-2: login could not mint a token", failure.getMessage());
    }

    @Test
    void assertGoldenPathWhenEveryComponentTrustsTheLoginThenPassesWithRolesCompared() {
        // given
        JwtAuthority authority = Authorities.authority("one");
        AuthComponent login = AuthComponent.of("login", authority);
        AuthComponent agent = AuthComponent.withRoles("agent",
                identity -> authority.issue(TokenRequest.forSubject(identity.subject()).build()),
                token -> {
                    UserContext user = authority.verify(token);
                    return new AuthComponent.Identity(user.subject(), user.roles());
                });

        // when / then
        FragmentationAssertions.assertGoldenPath(login,
                List.of(AuthComponent.of("chat", Authorities.authority("one")), agent), 5);
    }

    @Test
    void assertGoldenPathWhenArgumentsWrongThenIllegalArgument() {
        // given
        AuthComponent login = AuthComponent.of("login", Authorities.authority("one"));
        AuthComponent chat = AuthComponent.of("chat", Authorities.authority("one"));

        // when
        IllegalArgumentException noDownstream = assertThrows(IllegalArgumentException.class,
                () -> FragmentationAssertions.assertGoldenPath(login, List.of(), 1));
        IllegalArgumentException noUsers = assertThrows(IllegalArgumentException.class,
                () -> FragmentationAssertions.assertGoldenPath(login, List.of(chat), 0));
        IllegalArgumentException loginTwice = assertThrows(IllegalArgumentException.class,
                () -> FragmentationAssertions.assertGoldenPath(login, List.of(login), 1));

        // then
        assertEquals("downstream must name at least one component", noDownstream.getMessage());
        assertEquals("users must be at least 1; got 0", noUsers.getMessage());
        assertEquals("login and downstream has two components named 'login'", loginTwice.getMessage());
    }
}
