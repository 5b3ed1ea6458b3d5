package dev.ssotauth.core;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.util.Random;

import org.junit.jupiter.api.Test;

/** {@code authenticate} answers every string with a value and never accepts a changed token. */
final class RobustnessTest {

    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.=+/ {}\"\\\u00e9\u0000";

    @Test
    void authenticateWhenRandomStringsThenNeverThrowsAndNeverAccepts() {
        JwtAuthority authority = Fixtures.authority().build();
        Random random = new Random(20261126L);
        for (int n = 0; n < 20_000; n++) {
            StringBuilder s = new StringBuilder();
            int length = random.nextInt(200);
            for (int i = 0; i < length; i++) {
                s.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
            }
            AuthResult result = authority.authenticate(s.toString());
            assertNotNull(result);
            assertFalse(result.isAuthenticated(), s::toString);
        }
    }

    @Test
    void authenticateWhenOneCharacterOfValidTokenChangesThenNeverAccepted() {
        JwtAuthority authority = Fixtures.authority().build();
        String token = authority.issue(TokenRequest.forSubject("alice").roles("user").sessionId("s").build());
        Random random = new Random(7L);
        String replacements = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.";
        int changed = 0;
        for (int i = 0; i < token.length(); i++) {
            for (int k = 0; k < 8; k++) {
                char c = replacements.charAt(random.nextInt(replacements.length()));
                if (c == token.charAt(i)) {
                    continue;
                }
                String mutated = token.substring(0, i) + c + token.substring(i + 1);
                AuthResult result = authority.authenticate(mutated);
                assertFalse(result.isAuthenticated(), () -> "accepted a token changed at " + mutated.length());
                changed++;
            }
        }
        assertFalse(changed < token.length() * 6);
    }
}
