package dev.ssotauth.spring.websocket;

import dev.ssotauth.core.AuthContext;
import dev.ssotauth.core.AuthUnavailableException;
import dev.ssotauth.core.InMemoryRevocationStore;
import dev.ssotauth.core.JwtAuthority;
import dev.ssotauth.core.Revocation;
import dev.ssotauth.core.RevocationStore;
import dev.ssotauth.core.UserContext;
import dev.ssotauth.testkit.OffsetClock;

import java.security.Principal;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Consumer;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.messaging.handler.annotation.MessageMapping;
import org.springframework.messaging.handler.annotation.Payload;
import org.springframework.messaging.simp.config.MessageBrokerRegistry;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.stereotype.Controller;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.EnableWebSocketMessageBroker;
import org.springframework.web.socket.config.annotation.StompEndpointRegistry;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;
import org.springframework.web.socket.config.annotation.WebSocketMessageBrokerConfigurer;
import org.springframework.web.socket.handler.TextWebSocketHandler;

/**
 * The application the WebSocket tests run: the one authority (a random secret, the test clock, zero
 * clock skew, a revocation store that cannot decide for the subject {@link #STORE_DOWN}), a raw handler
 * at {@code /ws/echo}, STOMP at {@code /ws/stomp} (handshake authenticated) and
 * {@code /ws/stomp-connect} (CONNECT authenticated), and an HTTP chain that permits the handshakes (the
 * interceptor authenticates them).
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import({WebSocketTestApplication.Raw.class, WebSocketTestApplication.Stomp.class,
        WebSocketTestApplication.WhoAmI.class})
class WebSocketTestApplication {

    /** Tomcat's working directory inside the build output, instead of a temporary folder left behind. */
    static final String TOMCAT_BASE = "server.tomcat.basedir=target/tomcat-websocket-it";

    static final String ISSUER = "https://login.ssot-auth.test";
    static final String AUDIENCE = "chat";
    /** Revocation look-ups for this subject fail: the authority cannot decide its tokens. */
    static final String STORE_DOWN = "store-down";

    @Bean
    OffsetClock testClock() {
        return new OffsetClock();
    }

    @Bean
    JwtAuthority jwtAuthority(OffsetClock clock) {
        byte[] secret = new byte[48];
        new SecureRandom().nextBytes(secret);
        return JwtAuthority.builder().hmacSecret(secret).issuer(ISSUER).audience(AUDIENCE).clock(clock)
                .clockSkew(Duration.ZERO).revocationStore(new DownForOneSubject(new InMemoryRevocationStore(clock)))
                .build();
    }

    @Bean
    SecurityFilterChain permitHandshakes(HttpSecurity http) throws Exception {
        return http.authorizeHttpRequests(requests -> requests.requestMatchers("/ws/**").permitAll()
                .anyRequest().denyAll()).build();
    }

    /** What {@code @MessageMapping} methods saw. */
    @Bean
    BlockingQueue<Seen> seen() {
        return new LinkedBlockingQueue<>();
    }

    /**
     * One message as a {@code @MessageMapping} method saw it.
     *
     * @param body        the payload
     * @param principal   the Principal's name
     * @param user        the subject of the UserContext parameter
     * @param authContext the subject of {@code AuthContext.current()}, or {@code "none"}
     */
    record Seen(String body, String principal, String user, String authContext) {
    }

    @Configuration(proxyBeanMethods = false)
    @EnableWebSocket
    static class Raw implements WebSocketConfigurer {
        private final JwtHandshakeInterceptor interceptor;

        Raw(JwtHandshakeInterceptor interceptor) {
            this.interceptor = interceptor;
        }

        @Override
        public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
            interceptor.secure(registry.addHandler(new WhoAmIHandler(), "/ws/echo"));
        }
    }

    /** Answers every text message with "principal|UserContext subject". */
    static final class WhoAmIHandler extends TextWebSocketHandler {
        @Override
        protected void handleTextMessage(WebSocketSession session, TextMessage message) throws Exception {
            Principal principal = session.getPrincipal();
            String user = JwtHandshakeInterceptor.userContext(session).map(UserContext::subject).orElse("none");
            session.sendMessage(new TextMessage((principal == null ? "none" : principal.getName()) + "|" + user));
        }
    }

    @Configuration(proxyBeanMethods = false)
    @EnableWebSocketMessageBroker
    static class Stomp implements WebSocketMessageBrokerConfigurer {
        private final JwtHandshakeInterceptor interceptor;

        Stomp(JwtHandshakeInterceptor interceptor) {
            this.interceptor = interceptor;
        }

        @Override
        public void registerStompEndpoints(StompEndpointRegistry registry) {
            interceptor.secure(registry.addEndpoint("/ws/stomp"));
            registry.addEndpoint("/ws/stomp-connect");
        }

        @Override
        public void configureMessageBroker(MessageBrokerRegistry registry) {
            registry.enableSimpleBroker("/topic");
            registry.setApplicationDestinationPrefixes("/app");
        }
    }

    @Controller
    static class WhoAmI {
        private final BlockingQueue<Seen> seen;

        WhoAmI(BlockingQueue<Seen> seen) {
            this.seen = seen;
        }

        @MessageMapping("/whoami")
        void whoAmI(@Payload String body, Principal principal, UserContext user) {
            String current = AuthContext.current().map(UserContext::subject).orElse("none");
            seen.add(new Seen(body, principal.getName(), user.subject(), current));
        }
    }

    /** An in-memory store that cannot decide for {@link #STORE_DOWN}. */
    private static final class DownForOneSubject implements RevocationStore {
        private final RevocationStore delegate;

        DownForOneSubject(RevocationStore delegate) {
            this.delegate = delegate;
        }

        @Override
        public void revoke(Revocation revocation) {
            delegate.revoke(revocation);
        }

        @Override
        public boolean isRevoked(UserContext user) {
            if (user.subject().equals(STORE_DOWN)) {
                throw new AuthUnavailableException("revocation store unreachable", null);
            }
            return delegate.isRevoked(user);
        }

        @Override
        public Subscription subscribe(Consumer<Revocation> listener) {
            return delegate.subscribe(listener);
        }
    }
}
