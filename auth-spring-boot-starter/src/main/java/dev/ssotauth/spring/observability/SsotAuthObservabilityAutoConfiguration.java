package dev.ssotauth.spring.observability;

import dev.ssotauth.micrometer.AuthMetrics;
import dev.ssotauth.spring.SsotAuthAutoConfiguration;

import java.time.Clock;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * What operators see of the {@link dev.ssotauth.core.JwtAuthority} that {@link SsotAuthAutoConfiguration}
 * builds, each part only when its library is there, so that an application without them is unaffected:
 * <ul>
 * <li>with {@code dev.ssotauth:auth-micrometer}: an {@link AuthMetrics} bean, which Boot binds to its
 *     meter registries and the starter registers on the authority ({@code ssot.auth.*} meters);</li>
 * <li>with Actuator's health support ({@code spring-boot-health}): the health indicator
 *     {@code ssotAuth}, which reports the authority's key sources — {@code UP} with {@code keys: fixed}
 *     for a secret or a key file; for remote key sets, {@code UP} with each set's age and keys,
 *     {@code DOWN} with the failure's category once a set can no longer serve (its outage tolerance is
 *     spent), {@code UNKNOWN} before the first fetch. It names key sets by address without credentials
 *     or query.</li>
 * </ul>
 * Both are listeners of the authority the starter builds; an application that defines its own
 * {@code JwtAuthority} bean registers them on its builder itself. Each backs off for a bean of the
 * same type (meters) or name ({@code ssotAuthHealthIndicator}) that the application defines.
 */
@AutoConfiguration(before = SsotAuthAutoConfiguration.class)
public class SsotAuthObservabilityAutoConfiguration {

    /** Created by Spring. */
    public SsotAuthObservabilityAutoConfiguration() {
    }

    /** The meters, with auth-micrometer. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "dev.ssotauth.micrometer.AuthMetrics")
    static class Meters {

        @Bean
        @ConditionalOnMissingBean
        AuthMetrics ssotAuthMetrics(ObjectProvider<Clock> clock) {
            return new AuthMetrics(clock.getIfUnique(Clock::systemUTC));
        }
    }

    /** The key sources' health, with Actuator. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springframework.boot.health.contributor.HealthIndicator")
    static class Health {

        @Bean
        @ConditionalOnMissingBean(name = "ssotAuthHealthIndicator")
        KeySourcesHealthIndicator ssotAuthHealthIndicator(Environment environment, ObjectProvider<Clock> clock) {
            return new KeySourcesHealthIndicator(KeySourcesHealthIndicator.remote(environment),
                    clock.getIfUnique(Clock::systemUTC));
        }
    }
}
