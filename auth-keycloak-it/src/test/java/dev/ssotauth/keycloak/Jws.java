package dev.ssotauth.keycloak;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.function.Consumer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Reads and alters compact JWS strings in tests: the header and payload as JSON (not verified), and
 * tampered copies whose signature no longer matches.
 */
final class Jws {

    private Jws() {
    }

    /** The protected header, as JSON. */
    static JsonNode header(String token) {
        return decode(token.split("\\.", -1)[0]);
    }

    /** The payload (claims), as JSON. */
    static JsonNode payload(String token) {
        return decode(token.split("\\.", -1)[1]);
    }

    /**
     * The token with its payload changed by {@code change} and the original header and signature:
     * canonical base64url and valid JSON, so only the signature check can refuse it.
     */
    static String withPayload(String token, Consumer<ObjectNode> change) {
        return withPart(token, 1, change);
    }

    /** The token with its header changed by {@code change}, like {@link #withPayload}. */
    static String withHeader(String token, Consumer<ObjectNode> change) {
        return withPart(token, 0, change);
    }

    private static String withPart(String token, int index, Consumer<ObjectNode> change) {
        String[] parts = token.split("\\.", -1);
        ObjectNode part = (ObjectNode) decode(parts[index]);
        change.accept(part);
        try {
            parts[index] = Base64.getUrlEncoder().withoutPadding().encodeToString(AdminClient.JSON.writeValueAsBytes(part));
            return String.join(".", parts);
        } catch (JsonProcessingException e) {
            throw new AssertionError(e);
        }
    }

    /**
     * The token with one bit of its signature's first byte flipped: a signature of the right length,
     * in canonical base64url, that does not match.
     */
    static String withSignatureBitFlipped(String token) {
        String[] parts = token.split("\\.", -1);
        byte[] signature = Base64.getUrlDecoder().decode(parts[2]);
        signature[0] ^= 0x01;
        return parts[0] + "." + parts[1] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(signature);
    }

    private static JsonNode decode(String part) {
        return AdminClient.parse(new String(Base64.getUrlDecoder().decode(part), StandardCharsets.UTF_8));
    }
}
