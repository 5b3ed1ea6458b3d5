package dev.ssotauth.core;

import static dev.ssotauth.core.Fixtures.claims;
import static dev.ssotauth.core.Fixtures.reason;
import static dev.ssotauth.core.Fixtures.sign;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ssotauth.core.internal.JwsAlgorithm;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * Headers are checked once per distinct text: the answer for a remembered header is the one the
 * header policy gave, a header that fails is never remembered, a header differing in one byte is
 * checked on its own, and the memory stays bounded however many distinct headers come.
 */
final class CheckedHeadersTest {

    private final JwtAuthority authority = Fixtures.authority().build();

    @Test
    void authenticateWhenTheSameHeaderComesAgainThenTheSameAnswer() {
        String header = "{\"alg\":\"HS256\",\"typ\":\"JWT\"}";
        for (int i = 0; i < 3; i++) {
            assertNull(reason(authority, sign(header, claims("user-" + i, ""))));
        }
    }

    @Test
    void authenticateWhenARefusedHeaderComesAgainThenItIsRefusedAgainForTheSameReason() {
        String none = "{\"alg\":\"none\"}";
        String crit = "{\"alg\":\"HS256\",\"crit\":[\"exp\"]}";
        String cty = "{\"alg\":\"HS256\",\"cty\":\"JWT\"}";
        String kid = "{\"alg\":\"HS256\",\"kid\":7}";
        for (int i = 0; i < 3; i++) {
            assertEquals(RejectionReason.UNSUPPORTED_ALGORITHM, reason(authority, sign(none, claims("alice", ""))));
            assertEquals(RejectionReason.UNSUPPORTED_CRITICAL_HEADER, reason(authority, sign(crit, claims("alice", ""))));
            assertEquals(RejectionReason.WRONG_TYPE, reason(authority, sign(cty, claims("alice", ""))));
            assertEquals(RejectionReason.MALFORMED, reason(authority, sign(kid, claims("alice", ""))));
        }
    }

    @Test
    void authenticateWhenAHeaderDiffersFromARememberedOneInOneByteThenItIsCheckedOnItsOwn() {
        assertNull(reason(authority, sign("{\"alg\":\"HS256\"}", claims("alice", ""))));

        assertEquals(RejectionReason.UNSUPPORTED_ALGORITHM,
                reason(authority, sign("{\"alg\":\"HS257\"}", claims("alice", ""))));
        assertEquals(RejectionReason.UNKNOWN_KEY,
                reason(authority, sign("{\"alg\":\"HS256\",\"kid\":\"k\"}", claims("alice", ""))));
    }

    @Test
    void authenticateWhenManyDistinctValidHeadersComeThenAllAreAcceptedAndFewAreRemembered() {
        for (int i = 0; i < 100; i++) {
            String header = "{\"alg\":\"HS256\",\"x\":" + i + "}";
            assertNull(reason(authority, sign(header, claims("alice", ""))));
        }
        assertEquals(RejectionReason.WRONG_TYPE,
                reason(authority, sign("{\"alg\":\"HS256\",\"typ\":\"JOSE\"}", claims("alice", ""))));
    }

    @Test
    void rememberWhenMoreThanTheBoundThenTheOldestAreReplacedAndTheRestStillFound() {
        CheckedHeaders headers = new CheckedHeaders();
        for (int i = 0; i < 40; i++) {
            byte[] text = ("header-" + i + ".payload").getBytes(StandardCharsets.US_ASCII);
            headers.remember(text, ("header-" + i).length(), Map.of(), JwsAlgorithm.HS256, "k" + i);
            assertTrue(headers.size() <= CheckedHeaders.MAX_ENTRIES);
        }

        assertEquals(CheckedHeaders.MAX_ENTRIES, headers.size());
        byte[] last = "header-39.x".getBytes(StandardCharsets.US_ASCII);
        assertEquals("k39", headers.find(last, 9).keyId);
        byte[] first = "header-0.x".getBytes(StandardCharsets.US_ASCII);
        assertNull(headers.find(first, 8));
        byte[] prefix = "header-3".getBytes(StandardCharsets.US_ASCII);
        assertNull(headers.find(prefix, 8), "a prefix of a remembered text is another text");
        CheckedHeaders.Checked found = headers.find(last, 9);
        assertSame(found, headers.find("header-39".getBytes(StandardCharsets.US_ASCII), 9));
    }
}
