package dev.ssotauth.spring.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ssotauth.core.JwtAuthority;

import java.security.SecureRandom;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.socket.config.annotation.WebSocketMessageBrokerConfigurer;

/** Which beans {@link SsotAuthWebSocketAutoConfiguration} makes, and when it backs off. */
final class SsotAuthWebSocketAutoConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(SsotAuthWebSocketAutoConfiguration.class));

    @Configuration(proxyBeanMethods = false)
    static class Authority {
        @Bean
        JwtAuthority jwtAuthority() {
            byte[] secret = new byte[32];
            new SecureRandom().nextBytes(secret);
            return JwtAuthority.builder().hmacSecret(secret).issuer("https://login.ssot-auth.test").audience("chat")
                    .build();
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnInterceptors {
        @Bean
        JwtHandshakeInterceptor ownHandshakeInterceptor(JwtAuthority authority) {
            return new JwtHandshakeInterceptor(authority);
        }

        @Bean
        JwtChannelInterceptor ownChannelInterceptor(JwtAuthority authority) {
            return new JwtChannelInterceptor(authority);
        }
    }

    @Test
    void contextWhenAuthorityBeanThenInterceptorsAndStompConfigurer() {
        runner.withUserConfiguration(Authority.class).run(context -> {
            assertThat(context).hasSingleBean(JwtHandshakeInterceptor.class);
            assertThat(context).hasSingleBean(JwtChannelInterceptor.class);
            assertThat(context).hasSingleBean(WebSocketMessageBrokerConfigurer.class);
        });
    }

    @Test
    void contextWhenNoAuthorityBeanThenNothing() {
        runner.run(context -> {
            assertThat(context).doesNotHaveBean(JwtHandshakeInterceptor.class);
            assertThat(context).doesNotHaveBean(JwtChannelInterceptor.class);
            assertThat(context).doesNotHaveBean(WebSocketMessageBrokerConfigurer.class);
        });
    }

    @Test
    void contextWhenApplicationDefinesInterceptorsThenItsOwnAreUsed() {
        runner.withUserConfiguration(Authority.class, OwnInterceptors.class).run(context -> {
            assertThat(context).hasSingleBean(JwtHandshakeInterceptor.class);
            assertThat(context).hasBean("ownHandshakeInterceptor");
            assertThat(context).hasSingleBean(JwtChannelInterceptor.class);
            assertThat(context).hasBean("ownChannelInterceptor");
            assertThat(context.getBean(StompConfigurer.class)).isNotNull();
        });
    }
}
