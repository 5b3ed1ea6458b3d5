package dev.ssotauth.spring;

import dev.ssotauth.core.AuthListener;
import dev.ssotauth.core.ConfigurationSource;
import dev.ssotauth.core.JwtAuthority;
import dev.ssotauth.core.RevocationStore;

import java.time.Clock;
import java.util.List;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * The one {@link JwtAuthority} of a Spring Boot application, from the single configuration source
 * ({@link SpringConfiguration}: the {@code JWT_*} variables and the {@code ssot.auth.*} properties).
 * A {@link RevocationStore} bean, when there is one, is the authority's store (share one on Redis to
 * log out everywhere); a unique {@link Clock} bean is its clock; every {@link AuthListener} bean hears
 * its events (the meters and the key sources' health of {@code SsotAuthObservabilityAutoConfiguration}
 * are such beans). The authority is closed with the
 * context. Start-up fails when Spring Security's own JWT validation is configured too.
 */
@AutoConfiguration(beforeName = {
        "org.springframework.boot.security.oauth2.server.resource.autoconfigure.servlet.OAuth2ResourceServerAutoConfiguration",
        "org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration" })
public class SsotAuthAutoConfiguration {

    /** Created by Spring. */
    public SsotAuthAutoConfiguration() {
    }

    /**
     * The authority.
     *
     * @param environment Spring's environment
     * @param store       a revocation store bean, if any
     * @param clock       a unique clock bean, if any
     * @param listeners   the event listeners, in their order
     * @return the authority, closed with the context
     * @throws dev.ssotauth.core.AuthConfigurationException when the configuration is missing, wrong or
     *                                                      conflicting; the message names the settings
     *                                                      as they were given
     * @throws IllegalStateException when Spring Security's own JWT validation is configured too
     */
    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    public JwtAuthority jwtAuthority(Environment environment, ObjectProvider<RevocationStore> store,
            ObjectProvider<Clock> clock, ObjectProvider<AuthListener> listeners) {
        TwoValidationPaths.refuse(environment);
        JwtAuthority.Builder builder = ConfigurationSource.builderFrom(SpringConfiguration.sources(environment));
        store.ifUnique(builder::revocationStore);
        clock.ifUnique(builder::clock);
        List<AuthListener> all = listeners.orderedStream().toList();
        if (!all.isEmpty()) {
            builder.listener(all.size() == 1 ? all.get(0) : new Listeners(all));
        }
        return builder.build();
    }
}
