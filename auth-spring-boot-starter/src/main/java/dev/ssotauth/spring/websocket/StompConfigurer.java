package dev.ssotauth.spring.websocket;

import java.util.List;

import org.springframework.messaging.handler.invocation.HandlerMethodArgumentResolver;
import org.springframework.messaging.simp.config.ChannelRegistration;
import org.springframework.web.socket.config.annotation.WebSocketMessageBrokerConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketTransportRegistration;

/**
 * Puts ssot-auth into an application's STOMP broker configuration (when it has one, through
 * {@code @EnableWebSocketMessageBroker}): {@link JwtChannelInterceptor} on the client inbound channel,
 * the {@code UserContext} argument resolver for {@code @MessageMapping} methods, and the transport
 * decorator that ties every STOMP session to its token so that it closes with 1008 at the token's end,
 * whether it sends or only receives. Stateless beyond its interceptor; thread-safe.
 */
final class StompConfigurer implements WebSocketMessageBrokerConfigurer {

    private final JwtChannelInterceptor interceptor;

    StompConfigurer(JwtChannelInterceptor interceptor) {
        this.interceptor = interceptor;
    }

    @Override
    public void configureClientInboundChannel(ChannelRegistration registration) {
        registration.interceptors(interceptor);
    }

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> argumentResolvers) {
        argumentResolvers.add(new UserContextArgumentResolver());
    }

    @Override
    public void configureWebSocketTransport(WebSocketTransportRegistration registration) {
        registration.addDecoratorFactory(GuardedWebSocketHandler::decorate);
    }
}
