package dev.ssotauth.bench;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;

/**
 * What a careful engineer writes by hand in an afternoon, and the yardstick for this library's
 * overhead: split on dots, {@link Base64} URL decoding, a small JSON reader into a {@link HashMap},
 * {@code alg} checked against the expected one, the signature (JDK providers, engines kept per
 * thread), then {@code iss}, {@code aud} and {@code exp}. No further policy: no {@code typ},
 * {@code crit}, {@code kid}, {@code nbf}, {@code iat}, lifetime, strict base64url or duplicate-member
 * checks, and no revocation. Thread-safe.
 */
final class MinimalVerifier {

    private final String alg;
    private final ThreadLocal<Mac> mac;
    private final ThreadLocal<Signature> signature;
    private final String issuer;
    private final String audience;

    MinimalVerifier(BenchFixture.Alg alg, byte[] secret, PublicKey key, String issuer, String audience) {
        this.alg = alg.name();
        this.issuer = issuer;
        this.audience = audience;
        if (alg == BenchFixture.Alg.HS256) {
            this.mac = BenchFixture.hmacSha256(secret);
            this.signature = null;
        } else {
            String jca = alg == BenchFixture.Alg.RS256 ? "SHA256withRSA"
                    : alg == BenchFixture.Alg.ES256 ? "SHA256withECDSAinP1363Format" : "Ed25519";
            this.signature = BenchFixture.perThread(() -> {
                Signature s = Signature.getInstance(jca);
                s.initVerify(key);
                return s;
            });
            this.mac = null;
        }
    }

    /**
     * @return the claims
     * @throws IllegalArgumentException when the token is not valid
     */
    Map<String, Object> verify(String token, long nowSeconds) throws GeneralSecurityException {
        int first = token.indexOf('.');
        int second = token.indexOf('.', first + 1);
        if (first <= 0 || second < 0 || token.indexOf('.', second + 1) >= 0) {
            throw new IllegalArgumentException("not three segments");
        }
        Base64.Decoder decoder = Base64.getUrlDecoder();
        Map<String, Object> header = parse(decoder.decode(token.substring(0, first)));
        if (!alg.equals(header.get("alg"))) {
            throw new IllegalArgumentException("wrong alg");
        }
        byte[] sig = decoder.decode(token.substring(second + 1));
        byte[] input = token.substring(0, second).getBytes(StandardCharsets.US_ASCII);
        boolean valid;
        if (mac != null) {
            valid = MessageDigest.isEqual(mac.get().doFinal(input), sig);
        } else {
            Signature s = signature.get();
            s.update(input);
            valid = s.verify(sig);
        }
        if (!valid) {
            throw new IllegalArgumentException("bad signature");
        }
        Map<String, Object> claims = parse(decoder.decode(token.substring(first + 1, second)));
        Object aud = claims.get("aud");
        if (!issuer.equals(claims.get("iss"))
                || !(audience.equals(aud) || aud instanceof List && ((List<?>) aud).contains(audience))
                || !(claims.get("exp") instanceof Long) || (Long) claims.get("exp") <= nowSeconds) {
            throw new IllegalArgumentException("claims refused");
        }
        return claims;
    }

    // A small JSON reader: objects, arrays, strings with the common escapes, integers, true/false/null.

    static Map<String, Object> parse(byte[] json) {
        int[] at = {0};
        Object value = value(json, at);
        if (!(value instanceof Map)) {
            throw new IllegalArgumentException("not an object");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> map = (Map<String, Object>) value;
        return map;
    }

    private static Object value(byte[] in, int[] at) {
        skip(in, at);
        byte c = in[at[0]];
        if (c == '{') {
            Map<String, Object> map = new HashMap<>();
            at[0]++;
            skip(in, at);
            if (in[at[0]] == '}') {
                at[0]++;
                return map;
            }
            while (true) {
                skip(in, at);
                String name = (String) value(in, at);
                skip(in, at);
                expect(in, at, ':');
                map.put(name, value(in, at));
                skip(in, at);
                if (in[at[0]++] == '}') {
                    return map;
                }
            }
        }
        if (c == '[') {
            List<Object> list = new ArrayList<>();
            at[0]++;
            skip(in, at);
            if (in[at[0]] == ']') {
                at[0]++;
                return list;
            }
            while (true) {
                list.add(value(in, at));
                skip(in, at);
                if (in[at[0]++] == ']') {
                    return list;
                }
            }
        }
        if (c == '"') {
            int start = ++at[0];
            StringBuilder escaped = null;
            while (in[at[0]] != '"') {
                if (in[at[0]] == '\\') {
                    if (escaped == null) {
                        escaped = new StringBuilder();
                    }
                    escaped.append(new String(in, start, at[0] - start, StandardCharsets.UTF_8));
                    char e = (char) in[at[0] + 1];
                    escaped.append(e == 'n' ? '\n' : e == 't' ? '\t' : e);
                    at[0] += 2;
                    start = at[0];
                } else {
                    at[0]++;
                }
            }
            String tail = new String(in, start, at[0] - start, StandardCharsets.UTF_8);
            at[0]++;
            return escaped == null ? tail : escaped.append(tail).toString();
        }
        if (c == 't' || c == 'f' || c == 'n') {
            at[0] += c == 'f' ? 5 : 4;
            return c == 't' ? Boolean.TRUE : c == 'f' ? Boolean.FALSE : null;
        }
        long sign = 1;
        if (c == '-') {
            sign = -1;
            at[0]++;
        }
        long n = 0;
        while (at[0] < in.length && in[at[0]] >= '0' && in[at[0]] <= '9') {
            n = n * 10 + (in[at[0]++] - '0');
        }
        return sign * n;
    }

    private static void skip(byte[] in, int[] at) {
        while (at[0] < in.length && (in[at[0]] == ' ' || in[at[0]] == '\n' || in[at[0]] == '\r' || in[at[0]] == '\t')) {
            at[0]++;
        }
    }

    private static void expect(byte[] in, int[] at, char c) {
        if (in[at[0]++] != c) {
            throw new IllegalArgumentException("'" + c + "' expected");
        }
    }
}
