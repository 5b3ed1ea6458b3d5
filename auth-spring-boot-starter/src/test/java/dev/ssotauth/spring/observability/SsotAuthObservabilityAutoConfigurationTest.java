package dev.ssotauth.spring.observability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ssotauth.core.AuthEvent;
import dev.ssotauth.core.AuthListener;
import dev.ssotauth.core.JwtAuthority;
import dev.ssotauth.core.TokenRequest;
import dev.ssotauth.micrometer.AuthMetrics;
import dev.ssotauth.spring.SsotAuthAutoConfiguration;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** Meters and health appear only with their libraries, and every listener bean hears the authority. */
final class SsotAuthObservabilityAutoConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(SsotAuthAutoConfiguration.class,
                    SsotAuthObservabilityAutoConfiguration.class))
            .withPropertyValues("ssot.auth.secret-key=observed-secret-0123456789-abcdefghij-KLMN",
                    "ssot.auth.issuer=https://login.example", "ssot.auth.audience=chat");

    @Test
    void startWhenFixedKeysThenHealthUpWithFixedKeysAndTheMetersCount() {
        runner.run(context -> {
            // given
            JwtAuthority authority = context.getBean(JwtAuthority.class);
            SimpleMeterRegistry registry = new SimpleMeterRegistry();
            context.getBean(AuthMetrics.class).bindTo(registry);

            // when
            authority.authenticate(authority.issue(TokenRequest.forSubject("alice").build()));

            // then
            Health health = context.getBean("ssotAuthHealthIndicator", HealthIndicator.class).health();
            assertEquals(Status.UP, health.getStatus());
            assertEquals(Map.of("keys", "fixed"), health.getDetails());
            assertEquals(1, registry.get("ssot.auth.authentications").tags("outcome", "accepted", "reason", "none")
                    .functionCounter().count());
        });
    }

    @Test
    void startWhenTheApplicationHasItsOwnListenerThenItAndTheMetersBothHear() {
        List<AuthEvent> heard = new CopyOnWriteArrayList<>();
        runner.withBean("audit", AuthListener.class, () -> heard::add).run(context -> {
            JwtAuthority authority = context.getBean(JwtAuthority.class);

            authority.authenticate("not-a-token");

            assertEquals(List.of(new AuthEvent.Authentication(AuthEvent.Outcome.REJECTED,
                    dev.ssotauth.core.RejectionReason.MALFORMED, null)), heard);
            assertTrue(context.getBean(AuthMetrics.class).toString().contains("authentications=1"));
        });
    }

    @Test
    void startWhenNeitherMicrometerNorActuatorIsPresentThenTheAuthorityAloneStarts() {
        runner.withClassLoader(new FilteredClassLoader(AuthMetrics.class, HealthIndicator.class)).run(context -> {
            assertEquals(1, context.getBeanNamesForType(JwtAuthority.class).length);
            assertEquals(0, context.getBeanNamesForType(AuthListener.class).length);
        });
    }
}
