package dev.ssotauth.example.spring;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpMethod;
import org.springframework.messaging.simp.config.MessageBrokerRegistry;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.socket.config.annotation.EnableWebSocketMessageBroker;
import org.springframework.web.socket.config.annotation.StompEndpointRegistry;
import org.springframework.web.socket.config.annotation.WebSocketMessageBrokerConfigurer;

/**
 * The example chat on Spring Boot. The starter makes the one {@code JwtAuthority} from
 * {@code JWT_*} / {@code ssot.auth.*} and verifies every bearer token through it, on HTTP requests and
 * on STOMP {@code CONNECT} frames; this class only says which paths are open and where STOMP is.
 */
@SpringBootApplication
@EnableWebSocketMessageBroker
public class ChatApplication implements WebSocketMessageBrokerConfigurer {

    /** Created by Spring. */
    public ChatApplication() {
    }

    /**
     * Starts the application.
     *
     * @param args Spring Boot's command line arguments (e.g. {@code --server.port=8081})
     */
    public static void main(String[] args) {
        SpringApplication.run(ChatApplication.class, args);
    }

    /**
     * Boot's resource-server chain with the page, the login and the WebSocket endpoint open (the
     * starter's interceptors authenticate the handshake and the STOMP CONNECT); every other request
     * needs a bearer token. Stateless: no cookies, so no CSRF token either.
     *
     * @param http Spring Security's builder
     * @return the chain
     * @throws Exception when Spring Security cannot build it
     */
    @Bean
    SecurityFilterChain securityFilterChain(HttpSecurity http) throws Exception {
        return http.authorizeHttpRequests(requests -> requests
                        .requestMatchers(HttpMethod.POST, "/login").permitAll()
                        .requestMatchers(HttpMethod.GET, "/", "/index.html", "/favicon.ico", "/chat").permitAll()
                        .requestMatchers("/error").permitAll()
                        .anyRequest().authenticated())
                .oauth2ResourceServer(resourceServer -> resourceServer.jwt(Customizer.withDefaults()))
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(csrf -> csrf.disable())
                .build();
    }

    /**
     * STOMP over WebSocket at {@code /chat}. The handshake is open (browsers cannot send headers on
     * it); the {@code CONNECT} frame's {@code Authorization: Bearer <token>} header is checked by the
     * starter's {@code JwtChannelInterceptor}, which refuses the session without a valid token and
     * closes it with 1008 when the token expires.
     */
    @Override
    public void registerStompEndpoints(StompEndpointRegistry registry) {
        registry.addEndpoint("/chat");
    }

    /** A simple in-memory broker: {@code /topic/chat} for everyone, {@code /user/queue/agent} per user. */
    @Override
    public void configureMessageBroker(MessageBrokerRegistry registry) {
        registry.enableSimpleBroker("/topic", "/queue");
        registry.setApplicationDestinationPrefixes("/app");
    }
}
