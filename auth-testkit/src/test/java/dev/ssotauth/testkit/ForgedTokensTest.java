package dev.ssotauth.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.ssotauth.core.AuthResult;
import dev.ssotauth.core.RejectionReason;

import java.util.List;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

final class ForgedTokensTest {

    private static RejectionReason reasonFor(TestTokens tokens, String token) {
        AuthResult result = tokens.authority().authenticate(token);
        if (!(result instanceof AuthResult.Rejected rejected)) {
            throw new AssertionError("a forged token was accepted");
        }
        return rejected.reason();
    }

    @Test
    void ofWhenTestTokensThenEverySuiteAttackButNoTokenAndEachRejected() {
        // given
        TestTokens tokens = TestTokens.create();

        // when
        List<ForgedTokens.Forgery> forgeries = ForgedTokens.of(tokens);

        // then
        assertEquals(Attack.all().size() - 1, forgeries.size());
        assertEquals("a token that is not a JWS", forgeries.get(0).description());
        forgeries.forEach(f -> reasonFor(tokens, f.token()));
    }

    @Test
    void fromWhenRealTokenThenKeylessAttacksEachRejectedForItsReason() {
        // given
        TestTokens tokens = TestTokens.create();

        // when
        List<ForgedTokens.Forgery> forgeries = ForgedTokens.from(tokens.valid("alice"));

        // then
        assertEquals(List.of("a token that is not a JWS", "a token with a tampered signature",
                "a token with a tampered payload", "an unsecured token (alg none)", "a token signed with another key",
                "an oversized token"), forgeries.stream().map(ForgedTokens.Forgery::description)
                .collect(Collectors.toList()));
        assertEquals(List.of(RejectionReason.MALFORMED, RejectionReason.BAD_SIGNATURE, RejectionReason.BAD_SIGNATURE,
                RejectionReason.UNSUPPORTED_ALGORITHM, RejectionReason.BAD_SIGNATURE, RejectionReason.TOO_LARGE),
                forgeries.stream().map(f -> reasonFor(tokens, f.token())).collect(Collectors.toList()));
        assertEquals("Forgery[an oversized token]", forgeries.get(5).toString());
    }

    @Test
    void fromWhenNotAJwsThenRefused() {
        // when
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ForgedTokens.from("a.b"));

        // then
        assertEquals("expected a compact JWS with three non-empty segments", e.getMessage());
    }
}
