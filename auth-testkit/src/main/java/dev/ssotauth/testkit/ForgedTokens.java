package dev.ssotauth.testkit;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;

/**
 * The attack suite's bad tokens as plain values, for a tool that presents them itself (over a cookie,
 * a query parameter or a WebSocket subprotocol, or to a process in another language) instead of
 * running {@link TestTokens#httpAttackSuite(java.net.URI)}. Two sources:
 *
 * <ul>
 * <li>{@link #of(TestTokens)}: every token of the attack suite, signed with the test secret (expired,
 * wrong audience, {@code alg: none}, another key, …), for a system that trusts that secret;</li>
 * <li>{@link #from(String)}: the attacks that need no key, made from a real token a system issued
 * (tampered signature, tampered payload, {@code alg: none}, another key, not a JWS, oversized), for a
 * system whose keys the caller does not hold.</li>
 * </ul>
 *
 * <p>The tokens are attack material: present them, never print them. Stateless and thread-safe.
 */
public final class ForgedTokens {

    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder BASE64URL_DECODER = Base64.getUrlDecoder();
    private static final int OVERSIZED_BYTES = 64 * 1024;

    private ForgedTokens() {
    }

    /**
     * One bad token and what it is.
     *
     * @param description how reports name it, e.g. {@code "an expired token"}; not blank
     * @param token       the token; not {@code null} (the "no token" case is the caller's to add)
     * @param oversized   whether a server may refuse it for its size alone (HTTP 400, 413, 431)
     */
    public record Forgery(String description, String token, boolean oversized) {
        /**
         * Creates the value.
         *
         * @param description the description
         * @param token       the token
         * @param oversized   whether it is oversized
         * @throws NullPointerException if {@code description} or {@code token} is {@code null}
         */
        public Forgery {
            Objects.requireNonNull(description, "description");
            Objects.requireNonNull(token, "token");
        }

        /**
         * A description without the token.
         *
         * @return {@code Forgery[description]}
         */
        @Override
        public String toString() {
            return "Forgery[" + description + "]";
        }
    }

    /**
     * Every token of the attack suite of {@code tokens} except "no token", in the suite's order, each
     * wrong in one way and otherwise signed with the test secret for the test issuer and audience.
     *
     * @param tokens the test tokens the system under test trusts
     * @return the forgeries, in a fixed order
     * @throws NullPointerException if {@code tokens} is {@code null}
     */
    public static List<Forgery> of(TestTokens tokens) {
        Objects.requireNonNull(tokens, "tokens");
        List<Forgery> forgeries = new ArrayList<>();
        for (Attack attack : Attack.all()) {
            String token = attack.token.apply(tokens.factory());
            if (token != null) {
                forgeries.add(new Forgery(attack.description, token, attack.oversized));
            }
        }
        return List.copyOf(forgeries);
    }

    /**
     * The attacks that need no key, made from {@code token}, a compact JWS that a system issued: a
     * non-JWS, the signature tampered with, the payload changed (its {@code sub} renamed) under the
     * original signature, the same payload as {@code alg: none}, the same payload signed with HS256 and
     * a random key, and the token padded beyond 64 KiB under its original signature.
     *
     * @param token a compact JWS (three base64url segments)
     * @return the forgeries, in a fixed order
     * @throws NullPointerException     if {@code token} is {@code null}
     * @throws IllegalArgumentException if {@code token} is not a compact JWS
     */
    public static List<Forgery> from(String token) {
        Objects.requireNonNull(token, "token");
        String[] parts = token.split("\\.", -1);
        if (parts.length != 3 || parts[0].isEmpty() || parts[1].isEmpty() || parts[2].isEmpty()) {
            throw new IllegalArgumentException("expected a compact JWS with three non-empty segments");
        }
        String payload;
        try {
            payload = new String(BASE64URL_DECODER.decode(parts[1]), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("expected a compact JWS: its payload is not base64url", e);
        }
        char first = parts[2].charAt(0);
        String tamperedSignature = parts[0] + '.' + parts[1] + '.' + (first == 'A' ? 'B' : 'A')
                + parts[2].substring(1);
        String forgedPayload = payload.replaceFirst("\"sub\"\\s*:\\s*\"", "\"sub\":\"forged-");
        if (forgedPayload.equals(payload)) {
            forgedPayload = payload.replaceFirst("\\{", "{\"forged\":true,");
        }
        String none = Jws.encode("{\"alg\":\"none\",\"typ\":\"JWT\"}") + '.' + parts[1] + '.';
        String hs256Header = Jws.encode("{\"alg\":\"HS256\",\"typ\":\"JWT\"}");
        byte[] otherKey = TokenFactory.randomSecret(new SecureRandom(), 32);
        String otherInput = hs256Header + '.' + parts[1];
        String anotherKey = otherInput + '.' + BASE64URL.encodeToString(
                Jws.hmac("HS256", otherKey, otherInput.getBytes(StandardCharsets.US_ASCII)));
        String padded = Jws.encode(payload.replaceFirst("\\{", "{\"pad\":\"" + "x".repeat(OVERSIZED_BYTES) + "\","));
        List<Forgery> forgeries = new ArrayList<>();
        forgeries.add(new Forgery("a token that is not a JWS", "not-a-token", false));
        forgeries.add(new Forgery("a token with a tampered signature", tamperedSignature, false));
        forgeries.add(new Forgery("a token with a tampered payload",
                parts[0] + '.' + Jws.encode(forgedPayload) + '.' + parts[2], false));
        forgeries.add(new Forgery("an unsecured token (alg none)", none, false));
        forgeries.add(new Forgery("a token signed with another key", anotherKey, false));
        forgeries.add(new Forgery("an oversized token", parts[0] + '.' + padded + '.' + parts[2], true));
        return List.copyOf(forgeries);
    }
}
