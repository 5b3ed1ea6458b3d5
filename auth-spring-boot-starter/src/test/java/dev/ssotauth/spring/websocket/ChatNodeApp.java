package dev.ssotauth.spring.websocket;

import dev.ssotauth.core.JwtAuthority;
import dev.ssotauth.core.UserContext;

import java.security.Principal;
import java.util.Map;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.messaging.handler.annotation.MessageMapping;
import org.springframework.messaging.simp.annotation.SendToUser;
import org.springframework.messaging.simp.config.MessageBrokerRegistry;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.socket.config.annotation.EnableWebSocketMessageBroker;
import org.springframework.web.socket.config.annotation.StompEndpointRegistry;
import org.springframework.web.socket.config.annotation.WebSocketMessageBrokerConfigurer;

/**
 * One node of a chat as a Boot user writes it with the starter: the authority from {@code ssot.auth.*}
 * properties, {@code GET /api/me} and {@code POST /api/logout} behind bearer tokens, and STOMP at
 * {@code /ws/stomp} (the handshake authenticated by the starter's interceptor) answering
 * {@code /app/whoami} on the sender's {@code /user/queue/whoami}.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@EnableWebSocketMessageBroker
@Import({ ChatNodeApp.Http.class, ChatNodeApp.Stomp.class })
class ChatNodeApp implements WebSocketMessageBrokerConfigurer {

    private final JwtHandshakeInterceptor interceptor;

    ChatNodeApp(JwtHandshakeInterceptor interceptor) {
        this.interceptor = interceptor;
    }

    @Override
    public void registerStompEndpoints(StompEndpointRegistry registry) {
        interceptor.secure(registry.addEndpoint("/ws/stomp"));
        // A client's frames in the order it sent them: the reply to a SEND never overtakes its SUBSCRIBE. This
        // puts Spring's ordering interceptor on the inbound channel beside the starter's.
        registry.setPreserveReceiveOrder(true);
    }

    @Override
    public void configureMessageBroker(MessageBrokerRegistry registry) {
        registry.enableSimpleBroker("/queue");
        registry.setApplicationDestinationPrefixes("/app");
    }

    /** Bearer tokens on the API; the handshake is the interceptor's. */
    @Bean
    SecurityFilterChain chain(HttpSecurity http) throws Exception {
        return http.authorizeHttpRequests(requests -> requests.requestMatchers("/ws/**").permitAll()
                        .anyRequest().authenticated())
                .oauth2ResourceServer(resourceServer -> resourceServer.jwt(Customizer.withDefaults()))
                .csrf(csrf -> csrf.ignoringRequestMatchers("/api/**"))
                .build();
    }

    /** The HTTP entry points. */
    @RestController
    static class Http {
        private final JwtAuthority authority;

        Http(JwtAuthority authority) {
            this.authority = authority;
        }

        @GetMapping("/api/me")
        Map<String, String> me(UserContext user) {
            return Map.of("subject", user.subject());
        }

        /** Logs the session out everywhere its revocation store reaches. */
        @PostMapping("/api/logout")
        Map<String, String> logout(UserContext user) {
            authority.revokeSession(user.sessionId().orElseThrow());
            return Map.of("revoked", "session");
        }
    }

    /** The STOMP entry point. */
    @Controller
    static class Stomp {
        @MessageMapping("/whoami")
        @SendToUser("/queue/whoami")
        @ResponseBody
        String whoAmI(Principal principal, UserContext user) {
            return principal.getName().equals(user.subject()) ? user.subject() : "mismatch";
        }
    }
}
