package dev.ssotauth.core.internal;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Fuzz target: any document is a list of usable keys or an {@link JwkSets.InvalidSetException},
 * never another exception; an accepted set is never empty, and the refusal's message never quotes
 * the document's key material. The first byte chooses public ({@code 'V'}) or private keys; the
 * committed inputs start from Wycheproof's keys.
 */
final class JwkSetFuzzTest {

    private static final Set<JwsAlgorithm> ASYMMETRIC = EnumSet.complementOf(
            EnumSet.of(JwsAlgorithm.HS256, JwsAlgorithm.HS384, JwsAlgorithm.HS512));

    @FuzzTest(maxDuration = "30s")
    void parseWhenAnyDocumentThenUsableKeysOrAnInvalidSetException(byte[] input) {
        if (input.length == 0) {
            return;
        }
        boolean withPrivate = input[0] != 'V';
        byte[] document = Arrays.copyOfRange(input, 1, input.length);
        List<AsymmetricKey> keys;
        try {
            keys = JwkSets.parse(document, withPrivate, ASYMMETRIC, null);
        } catch (JwkSets.InvalidSetException refused) {
            assertFalse(quotesKeyMaterial(refused.getMessage(), document), refused::getMessage);
            return;
        }
        assertFalse(keys.isEmpty());
        for (AsymmetricKey key : keys) {
            boolean supportsOne = false;
            for (JwsAlgorithm algorithm : ASYMMETRIC) {
                supportsOne |= key.supports(algorithm);
            }
            assertTrue(supportsOne);
        }
    }

    private static final Set<String> KEY_MATERIAL = Set.of("n", "e", "d", "p", "q", "dp", "dq", "qi", "x", "y", "k");

    /** Whether the message quotes the value of a key-material member (8 characters or more) of any key. */
    private static boolean quotesKeyMaterial(String message, byte[] document) {
        Object keys;
        try {
            keys = Json.parseObject(document).get("keys");
        } catch (Json.JsonException unreadable) {
            return false;
        }
        if (!(keys instanceof List<?> list)) {
            return false;
        }
        for (Object key : list) {
            if (key instanceof Map<?, ?> members) {
                for (Map.Entry<?, ?> member : members.entrySet()) {
                    if (KEY_MATERIAL.contains(member.getKey()) && member.getValue() instanceof String value
                            && value.length() >= 8 && message.contains(value)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }
}
