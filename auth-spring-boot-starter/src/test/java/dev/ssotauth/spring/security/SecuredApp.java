package dev.ssotauth.spring.security;

import dev.ssotauth.core.AuthContext;
import dev.ssotauth.core.UserContext;

import java.util.Map;
import java.util.TreeSet;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A resource server as a Boot user writes one with this starter: nothing but controllers; Boot's
 * default chain (every request authenticated, bearer tokens through the starter's decoder).
 */
@SpringBootApplication
public class SecuredApp {

    /** What a verified request sees, three ways. */
    @RestController
    public static class Me {

        /**
         * @param user           the starter's controller parameter
         * @param authentication Spring Security's view
         * @return subject, roles and scopes from each view
         */
        @GetMapping("/api/me")
        public Map<String, Object> me(UserContext user, Authentication authentication) {
            return Map.of("subject", user.subject(), "name", authentication.getName(),
                    "current", AuthContext.current().map(UserContext::subject).orElse("none"),
                    "authorities", new TreeSet<>(authentication.getAuthorities().stream()
                            .map(Object::toString).filter(a -> !a.contains("FACTOR_")).toList()));
        }
    }
}
