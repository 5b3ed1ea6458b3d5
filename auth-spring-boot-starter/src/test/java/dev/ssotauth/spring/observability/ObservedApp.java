package dev.ssotauth.spring.observability;

import dev.ssotauth.core.UserContext;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** A resource server with Actuator: health open to all (as probes need it), every other request on a bearer token. */
@SpringBootApplication
public class ObservedApp {

    /**
     * @param http Spring Security's builder
     * @return the chain
     * @throws Exception as Spring Security declares
     */
    @Bean
    SecurityFilterChain chain(HttpSecurity http) throws Exception {
        return http.authorizeHttpRequests(requests -> requests.requestMatchers("/actuator/health", "/actuator/health/**")
                        .permitAll().anyRequest().authenticated())
                .oauth2ResourceServer(resourceServer -> resourceServer.jwt(Customizer.withDefaults()))
                .build();
    }

    /** Who the token says. */
    @RestController
    public static class Me {
        /**
         * @param user the verified user
         * @return the subject
         */
        @GetMapping("/api/me")
        public String me(UserContext user) {
            return user.subject();
        }
    }
}
