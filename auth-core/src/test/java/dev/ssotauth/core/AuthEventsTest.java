package dev.ssotauth.core;

import static dev.ssotauth.core.Fixtures.AUDIENCE;
import static dev.ssotauth.core.Fixtures.ISSUER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ssotauth.core.testing.CapturedLogs;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Isolated;

/** What a listener hears: every outcome with its category, key-set fetches, revocations, warnings. */
@Isolated
final class AuthEventsTest {

    @TempDir
    Path dir;

    private final List<AuthEvent> heard = new CopyOnWriteArrayList<>();
    private final MutableClock clock = new MutableClock(Fixtures.NOW);
    private final JwksServer server = new JwksServer();

    @AfterEach
    void stop() {
        server.close();
    }

    private <T extends AuthEvent> List<T> heard(Class<T> type) {
        return heard.stream().filter(type::isInstance).map(type::cast).toList();
    }

    @Test
    void authenticateWhenAcceptedRejectedOrUndecidedThenOneEventEachWithItsCategory() {
        JwtAuthority authority = Fixtures.authority().listener(heard::add).build();
        String good = authority.issue(TokenRequest.forSubject("alice").build());

        authority.authenticate(good);
        authority.authenticate(Fixtures.sign(Fixtures.OTHER_SECRET, Fixtures.HS256_HEADER, Fixtures.claims("eve", "")));
        authority.authenticate("not-a-token");

        assertEquals(List.of(AuthEvent.Authentication.accepted(),
                AuthEvent.Authentication.rejected(RejectionReason.BAD_SIGNATURE),
                AuthEvent.Authentication.rejected(RejectionReason.MALFORMED)), heard);
        assertSame(AuthEvent.Authentication.accepted(), heard.get(0), "no allocation per outcome");
    }

    @Test
    void authenticateWhenTheStoreFailsUnexpectedlyThenUnavailableUnexpected() {
        RevocationStore down = new RevocationStore() {
            @Override
            public void revoke(Revocation revocation) {
            }

            @Override
            public boolean isRevoked(UserContext user) {
                throw new IllegalStateException("down");
            }

            @Override
            public Subscription subscribe(Consumer<Revocation> listener) {
                return () -> { };
            }
        };
        JwtAuthority authority = Fixtures.authority().revocationStore(down).listener(heard::add).build();
        String good = authority.issue(TokenRequest.forSubject("alice").build());

        AuthUnavailableException e = assertThrows(AuthUnavailableException.class, () -> authority.authenticate(good));

        assertEquals(AuthUnavailableException.Source.UNEXPECTED, e.source());
        assertEquals(List.of(AuthEvent.Authentication.unavailable(AuthUnavailableException.Source.UNEXPECTED)), heard);
    }

    @Test
    void listenerWhenItThrowsThenTheAnswerStandsAndTheFailureIsLoggedOnce() {
        CapturedLogs.clear();
        JwtAuthority authority = Fixtures.authority().listener(event -> {
            throw new IllegalArgumentException("listener bug");
        }).build();
        String good = authority.issue(TokenRequest.forSubject("alice").build());

        for (int i = 0; i < 3; i++) {
            assertTrue(authority.authenticate(good).isAuthenticated());
        }

        assertEquals(1, CapturedLogs.lines().stream().filter(line -> line.contains("the auth event listener failed "
                + "with java.lang.IllegalArgumentException")).count(), CapturedLogs.lines().toString());
    }

    @Test
    void keySetWhenFetchedRotatedAndDownThenFetchEventsWithCountsTimesAndFailureCategory() {
        TestKeys.TestKey k1 = TestKeys.generate("ES256", "k1");
        TestKeys.TestKey k2 = TestKeys.generate("ES256", "k2");
        Path one = TestKeys.write(dir, "one.json", TestKeys.set(k1.privateJwk));
        Path two = TestKeys.write(dir, "two.json", TestKeys.set(k2.privateJwk, k1.privateJwk));
        JwtAuthority a1 = JwtAuthority.builder().signingKeys(one).algorithms("ES256").issuer(ISSUER).audience(AUDIENCE)
                .clock(clock).build();
        JwtAuthority a2 = JwtAuthority.builder().signingKeys(two).algorithms("ES256").issuer(ISSUER).audience(AUDIENCE)
                .clock(clock).build();
        server.publish(a1.publicJwks());
        try (JwtAuthority b = JwtAuthority.builder().jwksUri(server.uri()).algorithms("ES256").issuer(ISSUER)
                .audience(AUDIENCE).clock(clock).jwksCacheTtl(Duration.ofMinutes(5)).jwksRefreshAhead(Duration.ZERO)
                .jwksOutageTolerance(Duration.ofMinutes(30)).listener(heard::add).build()) {
            b.verify(a1.issue(TokenRequest.forSubject("alice").build()));
            server.publish(a2.publicJwks());
            clock.advance(Duration.ofSeconds(2));
            b.verify(a2.issue(TokenRequest.forSubject("bob").build()));
            server.mode(JwksServer.Mode.UNAVAILABLE);
            clock.advance(Duration.ofMinutes(6));
            b.verify(a1.issue(TokenRequest.forSubject("carol").build()));
        }

        List<AuthEvent.KeySetFetch> fetches = heard(AuthEvent.KeySetFetch.class);
        assertEquals(3, fetches.size(), fetches.toString());
        AuthEvent.KeySetFetch first = fetches.get(0);
        assertEquals(server.uri().toString(), first.source());
        assertNull(first.failure());
        assertEquals(List.of(1, 1, 0), List.of(first.keys(), first.added(), first.removed()));
        assertEquals(Fixtures.NOW, first.fetchedAt());
        assertEquals(Fixtures.NOW.plus(Duration.ofMinutes(35)), first.usableUntil());
        AuthEvent.KeySetFetch rotated = fetches.get(1);
        assertEquals(List.of(2, 1, 0), List.of(rotated.keys(), rotated.added(), rotated.removed()));
        AuthEvent.KeySetFetch down = fetches.get(2);
        assertEquals(AuthEvent.FetchFailure.HTTP_STATUS, down.failure());
        assertEquals(List.of(2, 0, 0), List.of(down.keys(), down.added(), down.removed()));
        assertEquals(Fixtures.NOW.plusSeconds(2), down.fetchedAt(), "the set in use is the last good one");
    }

    @Test
    void revokeWhenCalledThenAnEventOfItsKindAndNoValue() {
        JwtAuthority authority = Fixtures.authority().listener(heard::add).build();
        authority.revokeSession("session-1");
        authority.revokeSubject("alice");
        authority.revoke(authority.verify(authority.issue(TokenRequest.forSubject("bob").build())));

        assertEquals(List.of(new AuthEvent.Revoked(Revocation.Kind.SESSION), new AuthEvent.Revoked(Revocation.Kind.SUBJECT),
                new AuthEvent.Revoked(Revocation.Kind.TOKEN)), heard(AuthEvent.Revoked.class));
    }

    @Test
    void buildWhenTheEnvironmentWarnedThenTheListenerHearsTheWarningsToo() {
        JwtAuthority.builderFromEnvironment(Map.of("JWT_SECRET", new String(Fixtures.SECRET,
                java.nio.charset.StandardCharsets.UTF_8), "JWT_ISSUER", ISSUER, "JWT_AUDIENCE", AUDIENCE))
                .listener(heard::add).build();

        List<AuthEvent.ConfigurationWarning> warnings = heard(AuthEvent.ConfigurationWarning.class);
        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).message().contains("legacy variable JWT_SECRET"), warnings.toString());
    }

    @Test
    void sessionEventsWhenAnAdapterReportsThenTheAuthoritysListenerHearsSharedInstances() {
        JwtAuthority authority = Fixtures.authority().listener(heard::add).build();
        SessionEvents sessions = SessionEvents.of(authority);

        sessions.opened();
        sessions.closed(AuthEvent.CloseReason.EXPIRED);
        sessions.opened();
        sessions.closed(AuthEvent.CloseReason.EXPIRED);

        AuthEvent opened = new AuthEvent.WebSocketSession(true, null);
        AuthEvent expired = new AuthEvent.WebSocketSession(false, AuthEvent.CloseReason.EXPIRED);
        assertEquals(List.of(opened, expired, opened, expired), heard);
        assertSame(heard.get(1), heard.get(3), "no allocation per close");
    }

    @Test
    void sessionEventsWhenNoListenerOrAMisfitThenNothingHeardOrRefused() {
        SessionEvents.of(Fixtures.authority().build()).opened();

        assertThrows(IllegalArgumentException.class, () -> new AuthEvent.WebSocketSession(true,
                AuthEvent.CloseReason.OTHER));
        assertThrows(IllegalArgumentException.class, () -> new AuthEvent.WebSocketSession(false, null));
        assertThrows(NullPointerException.class, () -> SessionEvents.of(null));
    }
}
