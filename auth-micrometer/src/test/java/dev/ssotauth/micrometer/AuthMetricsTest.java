package dev.ssotauth.micrometer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ssotauth.core.AuthEvent;
import dev.ssotauth.core.AuthUnavailableException;
import dev.ssotauth.core.JwtAuthority;
import dev.ssotauth.core.RejectionReason;
import dev.ssotauth.core.Revocation;
import dev.ssotauth.core.SessionEvents;
import dev.ssotauth.core.TokenRequest;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

/** Each event counted in its pre-registered series; tag values only from the fixed enums. */
final class AuthMetricsTest {

    private static final String CANARY = "CANARY5c1e";
    private static final byte[] SECRET = (CANARY + "-secret-0123456789-abcdefghijklmnop")
            .getBytes(StandardCharsets.UTF_8);
    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

    private final TestClock clock = new TestClock(NOW);
    private final AuthMetrics metrics = new AuthMetrics(clock);
    private final MeterRegistry registry = new SimpleMeterRegistry();

    private JwtAuthority.Builder authority() {
        return JwtAuthority.builder().hmacSecret(SECRET).issuer("https://" + CANARY + ".example")
                .audience(CANARY + "-aud").clock(clock).clockSkew(Duration.ZERO).listener(metrics);
    }

    private double count(String name, String... tags) {
        return registry.get(name).tags(tags).functionCounter().count();
    }

    @Test
    void authenticateWhenAcceptedForgedExpiredOrMalformedThenEachCountedByOutcomeAndReason() {
        // given
        metrics.bindTo(registry);
        JwtAuthority authority = authority().build();
        JwtAuthority forger = JwtAuthority.builder().hmacSecret(("another-" + new String(SECRET,
                StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8)).issuer("https://" + CANARY + ".example")
                .audience(CANARY + "-aud").clock(clock).build();
        String good = authority.issue(TokenRequest.forSubject("alice").ttl(Duration.ofMinutes(5)).build());
        String forged = forger.issue(TokenRequest.forSubject("alice").build());

        // when
        authority.authenticate(good);
        authority.authenticate(good);
        authority.authenticate(forged);
        authority.authenticate("not a token");
        clock.advance(Duration.ofMinutes(6));
        authority.authenticate(good);

        // then
        assertEquals(2, count("ssot.auth.authentications", "outcome", "accepted", "reason", "none"));
        assertEquals(1, count("ssot.auth.authentications", "outcome", "rejected", "reason", "BAD_SIGNATURE"));
        assertEquals(1, count("ssot.auth.authentications", "outcome", "rejected", "reason", "MALFORMED"));
        assertEquals(1, count("ssot.auth.authentications", "outcome", "rejected", "reason", "EXPIRED"));
        assertEquals(0, count("ssot.auth.authentications", "outcome", "rejected", "reason", "REVOKED"));
    }

    @Test
    void onEventWhenCountedBeforeBindingThenTheMetersStartFromTheCountsInEveryRegistry() {
        // given
        metrics.onEvent(new AuthEvent.Authentication(AuthEvent.Outcome.UNAVAILABLE, null,
                AuthUnavailableException.Source.KEYS));
        MeterRegistry second = new SimpleMeterRegistry();

        // when
        metrics.bindTo(registry);
        metrics.bindTo(second);
        metrics.onEvent(new AuthEvent.Authentication(AuthEvent.Outcome.UNAVAILABLE, null,
                AuthUnavailableException.Source.KEYS));

        // then
        assertEquals(2, count("ssot.auth.authentications", "outcome", "unavailable", "reason", "KEYS"));
        assertEquals(2, second.get("ssot.auth.authentications").tags("outcome", "unavailable", "reason", "KEYS")
                .functionCounter().count());
    }

    @Test
    void bindToWhenBoundThenEverySeriesExistsAtZeroAndTagValuesComeOnlyFromTheEnums() {
        // when
        metrics.bindTo(registry);

        // then: the exact series, known in advance
        Map<String, Set<String>> series = new TreeMap<>();
        for (Meter meter : registry.getMeters()) {
            series.computeIfAbsent(meter.getId().getName(), name -> new TreeSet<>()).add(meter.getId().getTags()
                    .stream().map(Tag::getKey).collect(Collectors.joining(",")));
        }
        assertEquals(Set.of("ssot.auth.authentications", "ssot.auth.keyset.fetches", "ssot.auth.keyset.fetch.duration",
                "ssot.auth.keyset.age", "ssot.auth.keyset.keys", "ssot.auth.revocations",
                "ssot.auth.configuration.warnings", "ssot.auth.websocket.sessions", "ssot.auth.websocket.closes"),
                series.keySet());
        assertEquals(1 + RejectionReason.values().length + AuthUnavailableException.Source.values().length,
                registry.find("ssot.auth.authentications").meters().size());
        assertEquals(1 + AuthEvent.FetchFailure.values().length, registry.find("ssot.auth.keyset.fetches").meters().size());
        assertEquals(2, registry.find("ssot.auth.keyset.fetch.duration").meters().size());
        assertEquals(Revocation.Kind.values().length, registry.find("ssot.auth.revocations").meters().size());
        assertEquals(AuthEvent.CloseReason.values().length, registry.find("ssot.auth.websocket.closes").meters().size());
        assertEquals(Set.of("outcome", "reason", "failure", "kind"), registry.getMeters().stream()
                .flatMap(m -> m.getId().getTags().stream()).map(Tag::getKey).collect(Collectors.toSet()));
        Set<String> allowed = new TreeSet<>(Set.of("accepted", "rejected", "unavailable", "none", "success", "failure"));
        Arrays.stream(RejectionReason.values()).map(Enum::name).forEach(allowed::add);
        Arrays.stream(AuthUnavailableException.Source.values()).map(Enum::name).forEach(allowed::add);
        Arrays.stream(AuthEvent.FetchFailure.values()).map(AuthMetrics::tag).forEach(allowed::add);
        Arrays.stream(Revocation.Kind.values()).map(AuthMetrics::tag).forEach(allowed::add);
        Arrays.stream(AuthEvent.CloseReason.values()).map(AuthMetrics::tag).forEach(allowed::add);
        registry.getMeters().forEach(meter -> meter.getId().getTags().forEach(tag -> assertTrue(allowed.contains(
                tag.getValue()), () -> meter.getId().toString())));
        assertEquals(Set.of("expired", "revoked", "reauth-refused", "unavailable", "shutdown", "other"),
                Arrays.stream(AuthEvent.CloseReason.values()).map(AuthMetrics::tag).collect(Collectors.toSet()));
        registry.getMeters().forEach(meter -> meter.measure().forEach(m -> assertTrue(m.getValue() == 0
                || Double.isNaN(m.getValue()), () -> meter.getId() + " " + m)));
    }

    @Test
    void onEventWhenKeySetsAreFetchedThenFetchesDurationAgeAndKeysFollow() {
        // given
        metrics.bindTo(registry);

        // when: two key sets fetched, then one fails while its last good set still serves
        metrics.onEvent(new AuthEvent.KeySetFetch("https://idp.example/jwks", null, 2, 2, 0, Duration.ofMillis(30),
                NOW, NOW.plus(Duration.ofMinutes(35))));
        clock.advance(Duration.ofSeconds(10));
        metrics.onEvent(new AuthEvent.KeySetFetch("https://other.example/jwks", null, 1, 1, 0, Duration.ofMillis(20),
                NOW.plusSeconds(10), NOW.plusSeconds(10).plus(Duration.ofMinutes(35))));
        clock.advance(Duration.ofSeconds(50));
        metrics.onEvent(new AuthEvent.KeySetFetch("https://idp.example/jwks", AuthEvent.FetchFailure.TIMEOUT, 2, 0, 0,
                Duration.ofSeconds(5), NOW, NOW.plus(Duration.ofMinutes(35))));
        metrics.onEvent(new AuthEvent.KeySetFetch("https://idp.example/.well-known/openid-configuration",
                AuthEvent.FetchFailure.CONNECTION, 0, 0, 0, Duration.ofMillis(1), null, null));

        // then
        assertEquals(2, count("ssot.auth.keyset.fetches", "outcome", "success", "failure", "none"));
        assertEquals(1, count("ssot.auth.keyset.fetches", "outcome", "failure", "failure", "timeout"));
        assertEquals(1, count("ssot.auth.keyset.fetches", "outcome", "failure", "failure", "connection"));
        assertEquals(2, registry.get("ssot.auth.keyset.fetch.duration").tags("outcome", "success").functionTimer()
                .count());
        assertEquals(50, registry.get("ssot.auth.keyset.fetch.duration").tags("outcome", "success").functionTimer()
                .totalTime(TimeUnit.MILLISECONDS));
        assertEquals(5001, registry.get("ssot.auth.keyset.fetch.duration").tags("outcome", "failure").functionTimer()
                .totalTime(TimeUnit.MILLISECONDS));
        assertEquals(60, registry.get("ssot.auth.keyset.age").timeGauge().value(TimeUnit.SECONDS), "the oldest set");
        assertEquals(3, registry.get("ssot.auth.keyset.keys").gauge().value());
    }

    @Test
    void onEventWhenRevokedWarnedAndSessionsOpenAndCloseThenCountedAndOpenSessionsFollow() {
        // given
        metrics.bindTo(registry);
        JwtAuthority authority = JwtAuthority.builderFromEnvironment(Map.of("JWT_SECRET", "base64:"
                + Base64.getEncoder().encodeToString(SECRET), "JWT_ISSUER", "https://login.example", "JWT_AUDIENCE",
                "chat")).listener(metrics).build();
        SessionEvents sessions = SessionEvents.of(authority);

        // when
        authority.revokeSession(CANARY + "-sid");
        authority.revokeSubject(CANARY + "-sub");
        authority.revokeSubject(CANARY + "-sub2");
        sessions.opened();
        sessions.opened();
        sessions.opened();
        sessions.closed(AuthEvent.CloseReason.EXPIRED);
        sessions.closed(AuthEvent.CloseReason.REAUTH_REFUSED);

        // then
        assertEquals(1, count("ssot.auth.revocations", "kind", "session"));
        assertEquals(2, count("ssot.auth.revocations", "kind", "subject"));
        assertEquals(0, count("ssot.auth.revocations", "kind", "token"));
        assertEquals(1, count("ssot.auth.configuration.warnings"), "the legacy variable's warning");
        assertEquals(1, registry.get("ssot.auth.websocket.sessions").gauge().value());
        assertEquals(1, count("ssot.auth.websocket.closes", "reason", "expired"));
        assertEquals(1, count("ssot.auth.websocket.closes", "reason", "reauth-refused"));
        assertTrue(metrics.toString().contains("openSessions=1"), metrics.toString());
    }

    @Test
    void metersWhenTrafficCarriedSecretsAndClaimsThenNoMeterNamesOrTagsAny() {
        // given
        metrics.bindTo(registry);
        JwtAuthority authority = authority().build();
        String token = authority.issue(TokenRequest.forSubject(CANARY + "-sub").sessionId(CANARY + "-sid")
                .roles(CANARY + "-role").claim(CANARY + "-claim", CANARY + "-value").build());

        // when
        authority.authenticate(token);
        authority.authenticate(token + CANARY);
        authority.revoke(authority.verify(token));
        authority.authenticate(token);

        // then
        StringBuilder all = new StringBuilder(metrics.toString());
        registry.getMeters().forEach(meter -> all.append(meter.getId()).append(meter.getId().getDescription()));
        assertTrue(!all.toString().contains(CANARY) && !all.toString().contains("example"), all::toString);
        assertEquals(1, count("ssot.auth.authentications", "outcome", "rejected", "reason", "REVOKED"));
        assertEquals(1, count("ssot.auth.revocations", "kind", "token"));
    }
}
