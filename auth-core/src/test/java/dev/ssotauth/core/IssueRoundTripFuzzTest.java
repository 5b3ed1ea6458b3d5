package dev.ssotauth.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;

/**
 * Fuzz target: what the authority issues it accepts, with the same claims. A {@link TokenRequest}
 * is built from the fuzzer's data (any subject, roles, session id, further claims of every allowed
 * type, a lifetime); the builder may refuse it as misuse, and {@code issue} may refuse a lifetime
 * beyond the maximum, both with {@link IllegalArgumentException} or {@link IllegalStateException}.
 * Anything issued must authenticate, as the same subject, roles, session id and claims, and never
 * through the last resort.
 */
final class IssueRoundTripFuzzTest {

    private final JwtAuthority authority = Fixtures.authority().build();

    @FuzzTest(maxDuration = "30s")
    void issueThenAuthenticateWhenAnyRequestThenTheSameUser(FuzzedDataProvider data) {
        TokenRequest request;
        String token;
        try {
            TokenRequest.Builder builder = TokenRequest.forSubject(data.consumeString(40));
            if (data.consumeBoolean()) {
                List<String> roles = new ArrayList<>();
                int count = data.consumeInt(0, 4);
                for (int i = 0; i < count; i++) {
                    roles.add(data.consumeString(12));
                }
                builder.roles(roles.toArray(String[]::new));
            }
            if (data.consumeBoolean()) {
                builder.sessionId(data.consumeString(20));
            }
            int claims = data.consumeInt(0, 3);
            for (int i = 0; i < claims; i++) {
                builder.claim(data.consumeString(10), claimValue(data));
            }
            if (data.consumeBoolean()) {
                builder.ttl(Duration.ofSeconds(data.consumeLong(0, 200_000)));
            }
            request = builder.build();
            token = authority.issue(request);
        } catch (IllegalArgumentException | IllegalStateException misuse) {
            return;
        }

        AuthResult result = authority.authenticate(token);

        assertEquals(0, authority.unexpectedFailures(), "authenticate reached its last resort");
        assertTrue(result.isAuthenticated(), () -> "refused what it issued: " + result);
        UserContext user = result.orElseThrow();
        assertEquals(request.subject(), user.subject());
        assertEquals(new LinkedHashSet<>(request.roles()), user.roles());
        assertEquals(request.sessionId(), user.sessionId());
        assertEquals(request.claims(), user.claims());
        assertEquals(request.ttl().orElse(Duration.ofMinutes(15)), Duration.between(user.issuedAt(), user.expiresAt()));
        assertEquals(Optional.empty(), user.notBefore());
    }

    /** A string, integer, boolean or list of strings (values that read back as the same Java value). */
    private static Object claimValue(FuzzedDataProvider data) {
        switch (data.consumeInt(0, 3)) {
            case 0: return data.consumeString(20);
            case 1: return data.consumeLong();
            case 2: return data.consumeBoolean();
            default:
                List<String> list = new ArrayList<>();
                int count = data.consumeInt(0, 3);
                for (int i = 0; i < count; i++) {
                    list.add(data.consumeString(8));
                }
                return list;
        }
    }
}
