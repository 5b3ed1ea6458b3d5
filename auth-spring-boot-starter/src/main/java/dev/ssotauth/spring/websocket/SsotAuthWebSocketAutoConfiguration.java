package dev.ssotauth.spring.websocket;

import dev.ssotauth.core.JwtAuthority;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Spring WebSocket and STOMP over the application's one {@link JwtAuthority} bean: a
 * {@link JwtHandshakeInterceptor} for the application to put on its endpoints and, when
 * spring-messaging's STOMP support is present, a {@link JwtChannelInterceptor} registered on the client
 * inbound channel together with a {@code UserContext} argument resolver for {@code @MessageMapping}
 * methods and the transport decorator that closes STOMP sessions at their token's end. Each bean backs
 * off when the application defines its own. Runs only when a {@code JwtAuthority} bean exists (after
 * ssot-auth's main auto-configuration, which makes one from the environment).
 */
@AutoConfiguration(afterName = "dev.ssotauth.spring.SsotAuthAutoConfiguration")
@ConditionalOnClass(name = "org.springframework.web.socket.server.HandshakeInterceptor")
@ConditionalOnBean(JwtAuthority.class)
public class SsotAuthWebSocketAutoConfiguration {

    /** Creates the configuration; Spring calls it. */
    public SsotAuthWebSocketAutoConfiguration() {
    }

    /**
     * The handshake interceptor, closed with the context.
     *
     * @param authority the application's authority
     * @return the interceptor
     */
    @Bean
    @ConditionalOnMissingBean
    public JwtHandshakeInterceptor jwtHandshakeInterceptor(JwtAuthority authority) {
        return new JwtHandshakeInterceptor(authority);
    }

    /** The STOMP part, present when spring-messaging's STOMP support and Spring's STOMP-over-WebSocket are. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = {"org.springframework.messaging.simp.stomp.StompHeaderAccessor",
            "org.springframework.web.socket.messaging.StompSubProtocolHandler"})
    static class Stomp {

        /**
         * The STOMP channel interceptor, closed with the context.
         *
         * @param authority the application's authority
         * @return the interceptor
         */
        @Bean
        @ConditionalOnMissingBean
        JwtChannelInterceptor jwtChannelInterceptor(JwtAuthority authority) {
            return new JwtChannelInterceptor(authority);
        }

        /**
         * Registers the interceptor, the argument resolver and the transport decorator with the
         * application's message broker configuration.
         *
         * @param interceptor the channel interceptor
         * @return the configurer
         */
        @Bean
        @ConditionalOnMissingBean
        StompConfigurer ssotAuthStompConfigurer(JwtChannelInterceptor interceptor) {
            return new StompConfigurer(interceptor);
        }
    }
}
