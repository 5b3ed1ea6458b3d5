package dev.ssotauth.testkit;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.Collection;
import java.util.Iterator;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Writes compact JWS strings by hand, so that the testkit can make tokens that no well-behaved
 * issuer would: {@code alg: none}, an unknown {@code kid}, missing claims, a wrong issuer. Knows
 * nothing of core's internals on purpose: a token the testkit makes is what an attacker could make.
 * Stateless.
 */
final class Jws {

    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private Jws() {
    }

    /** Signs {@code header.payload} with HMAC, or leaves the signature empty for {@code alg: none}. */
    static String sign(Map<String, ?> header, Map<String, ?> claims, byte[] secret) {
        String signingInput = encode(json(header)) + '.' + encode(json(claims));
        Object alg = header.get("alg");
        if ("none".equals(alg)) {
            return signingInput + '.';
        }
        return signingInput + '.' + BASE64URL.encodeToString(hmac(String.valueOf(alg), secret,
                signingInput.getBytes(StandardCharsets.US_ASCII)));
    }

    static String encode(String json) {
        return BASE64URL.encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    static String encode(byte[] bytes) {
        return BASE64URL.encodeToString(bytes);
    }

    /** The decoded header of a compact JWS, as JSON text. */
    static String headerJson(String token) {
        int dot = token.indexOf('.');
        return new String(Base64.getUrlDecoder().decode(token.substring(0, dot)), StandardCharsets.UTF_8);
    }

    static byte[] hmac(String alg, byte[] secret, byte[] input) {
        String jca;
        switch (alg) {
            case "HS256":
                jca = "HmacSHA256";
                break;
            case "HS384":
                jca = "HmacSHA384";
                break;
            case "HS512":
                jca = "HmacSHA512";
                break;
            default:
                throw new IllegalArgumentException("the testkit signs with HS256, HS384 or HS512; got " + alg);
        }
        try {
            Mac mac = Mac.getInstance(jca);
            mac.init(new SecretKeySpec(secret, jca));
            return mac.doFinal(input);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(jca + " is not available in this JVM", e);
        }
    }

    /** Minimal JSON writer for strings, numbers, booleans, collections and string-keyed maps. */
    static String json(Object value) {
        StringBuilder out = new StringBuilder();
        write(out, value);
        return out.toString();
    }

    private static void write(StringBuilder out, Object value) {
        if (value instanceof String) {
            writeString(out, (String) value);
        } else if (value instanceof Number || value instanceof Boolean) {
            out.append(value);
        } else if (value instanceof Map) {
            out.append('{');
            Iterator<? extends Map.Entry<?, ?>> it = ((Map<?, ?>) value).entrySet().iterator();
            while (it.hasNext()) {
                Map.Entry<?, ?> e = it.next();
                writeString(out, (String) e.getKey());
                out.append(':');
                write(out, e.getValue());
                if (it.hasNext()) {
                    out.append(',');
                }
            }
            out.append('}');
        } else if (value instanceof Collection) {
            out.append('[');
            Iterator<?> it = ((Collection<?>) value).iterator();
            while (it.hasNext()) {
                write(out, it.next());
                if (it.hasNext()) {
                    out.append(',');
                }
            }
            out.append(']');
        } else {
            throw new IllegalArgumentException("cannot write " + (value == null ? "null" : value.getClass().getName())
                    + " as JSON");
        }
    }

    private static void writeString(StringBuilder out, String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        out.append('"');
    }
}
