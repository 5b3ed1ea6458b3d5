package dev.ssotauth.example.spring;

import dev.ssotauth.core.JwtAuthority;
import dev.ssotauth.core.TokenRequest;
import dev.ssotauth.core.UserContext;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Pattern;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /login} issues a token from the application's one authority; {@code GET /api/me} shows
 * the verified user of a request. The demo users are those of the plain example: any name matching
 * {@code [a-z][a-z0-9-]{0,31}} with the password {@code demo} gets the role {@code user};
 * {@code alice} also gets {@code admin}. Nothing about a user, a password or a token is logged.
 * Thread-safe.
 */
@RestController
public class LoginController {

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]{0,31}");
    private static final byte[] PASSWORD = "demo".getBytes(StandardCharsets.UTF_8);

    private final JwtAuthority authority;
    private final SecureRandom random = new SecureRandom();

    /**
     * A controller that issues from {@code authority}.
     *
     * @param authority the starter's authority bean
     */
    public LoginController(JwtAuthority authority) {
        this.authority = authority;
    }

    /**
     * The body of {@code POST /login}.
     *
     * @param username the user name, may be {@code null} (refused)
     * @param password the password, may be {@code null} (refused)
     */
    public record Credentials(String username, String password) {
    }

    /**
     * Logs a demo user in.
     *
     * @param credentials the user name and password
     * @return 200 {@code {"access_token":…,"token_type":"Bearer","expires_in":…}} with a fresh session
     *         id in the token; 401 {@code {"error":"invalid_credentials",…}} and no token otherwise
     */
    @PostMapping("/login")
    public ResponseEntity<Map<String, Object>> login(@RequestBody Credentials credentials) {
        String name = credentials.username();
        boolean rightPassword = credentials.password() != null && MessageDigest.isEqual(PASSWORD,
                credentials.password().getBytes(StandardCharsets.UTF_8));
        if (!rightPassword || name == null || !NAME.matcher(name).matches()) {
            return ResponseEntity.status(HttpStatus.UNAUTHORIZED).body(Map.of("error", "invalid_credentials",
                    "message", "wrong user name or password"));
        }
        String[] roles = "alice".equals(name) ? new String[] { "user", "admin" } : new String[] { "user" };
        String token = authority.issue(TokenRequest.forSubject(name).roles(roles).sessionId(newSessionId()).build());
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(Map.of("access_token", token,
                "token_type", "Bearer", "expires_in", authority.tokenTtl().toSeconds()));
    }

    /**
     * The request's verified user, as the starter hands it to a controller.
     *
     * @param user the verified user (the starter answers 401 before this runs when there is none)
     * @return {@code {"subject":…,"roles":[…sorted],"expiresAt":…}}
     */
    @GetMapping("/api/me")
    public Map<String, Object> me(UserContext user) {
        return Map.of("subject", user.subject(), "roles", new TreeSet<>(user.roles()),
                "expiresAt", user.expiresAt().toString());
    }

    private String newSessionId() {
        byte[] id = new byte[16];
        random.nextBytes(id);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(id);
    }
}
