package dev.ssotauth.testkit;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Crafts the good and bad tokens of {@link TestTokens} for one set of settings: the secret, the
 * algorithm, the issuer, the audience, the clock and the size limit of the authority under test.
 * Thread-safe (the random source is).
 */
final class TokenFactory {

    static final Duration LIFETIME = Duration.ofMinutes(5);
    /** Far beyond any clock skew core allows (10 minutes), well within its maximum lifetime. */
    static final Duration FAR = Duration.ofHours(1);
    static final String UNKNOWN_KID = "ssot-testkit-unknown-key";
    private static final Pattern ALG = Pattern.compile("\"alg\"\\s*:\\s*\"([^\"]+)\"");

    private final byte[] secret;
    private final byte[] otherSecret;
    private final String alg;
    private final String issuer;
    private final String audience;
    private final Clock clock;
    private final int maxTokenBytes;
    private final SecureRandom random;

    TokenFactory(byte[] secret, byte[] otherSecret, String alg, String issuer, String audience, Clock clock,
            int maxTokenBytes, SecureRandom random) {
        this.secret = secret.clone();
        this.otherSecret = otherSecret.clone();
        this.alg = alg;
        this.issuer = issuer;
        this.audience = audience;
        this.clock = clock;
        this.maxTokenBytes = maxTokenBytes;
        this.random = random;
    }

    /** The {@code alg} of a compact JWS's header. */
    static String algorithmOf(String token) {
        Matcher m = ALG.matcher(Jws.headerJson(token));
        if (!m.find()) {
            throw new IllegalStateException("issued token has no alg");
        }
        return m.group(1);
    }

    Map<String, Object> header() {
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("alg", alg);
        header.put("typ", "JWT");
        return header;
    }

    Map<String, Object> claims(String subject) {
        long now = clock.instant().getEpochSecond();
        byte[] jti = new byte[16];
        random.nextBytes(jti);
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", issuer);
        claims.put("sub", subject);
        claims.put("aud", audience);
        claims.put("iat", now);
        claims.put("exp", now + LIFETIME.toSeconds());
        claims.put("jti", Jws.encode(jti));
        return claims;
    }

    String sign(Map<String, Object> header, Map<String, Object> claims) {
        return Jws.sign(header, claims, secret);
    }

    String valid(String subject, List<String> roles) {
        Map<String, Object> claims = claims(subject);
        if (!roles.isEmpty()) {
            claims.put("roles", roles);
        }
        return sign(header(), claims);
    }

    String expired(String subject) {
        Map<String, Object> claims = claims(subject);
        long now = clock.instant().getEpochSecond();
        claims.put("iat", now - 2 * FAR.toSeconds());
        claims.put("exp", now - FAR.toSeconds());
        return sign(header(), claims);
    }

    String notYetValid(String subject) {
        Map<String, Object> claims = claims(subject);
        long now = clock.instant().getEpochSecond();
        claims.put("nbf", now + FAR.toSeconds());
        claims.put("exp", now + 2 * FAR.toSeconds());
        return sign(header(), claims);
    }

    String issuedInFuture(String subject) {
        Map<String, Object> claims = claims(subject);
        long now = clock.instant().getEpochSecond();
        claims.put("iat", now + FAR.toSeconds());
        claims.put("exp", now + FAR.toSeconds() + LIFETIME.toSeconds());
        return sign(header(), claims);
    }

    String wrongIssuer(String subject) {
        Map<String, Object> claims = claims(subject);
        claims.put("iss", issuer.equals("https://wrong-issuer.invalid") ? "https://other-issuer.invalid"
                : "https://wrong-issuer.invalid");
        return sign(header(), claims);
    }

    String wrongAudience(String subject) {
        Map<String, Object> claims = claims(subject);
        claims.put("aud", audience.equals("wrong-audience") ? "other-audience" : "wrong-audience");
        return sign(header(), claims);
    }

    /** The first signature character changed: always canonical base64url, always a wrong MAC. */
    String tamperedSignature(String subject) {
        String token = valid(subject, List.of());
        int at = token.lastIndexOf('.') + 1;
        char first = token.charAt(at);
        return token.substring(0, at) + (first == 'A' ? 'B' : 'A') + token.substring(at + 1);
    }

    /** The payload swapped for one naming another subject, the original signature kept. */
    String tamperedPayload(String subject) {
        String token = valid(subject, List.of());
        int first = token.indexOf('.');
        int last = token.lastIndexOf('.');
        String forged = Jws.encode(Jws.json(claims(subject + "-forged")));
        return token.substring(0, first + 1) + forged + token.substring(last);
    }

    String algNone(String subject) {
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("alg", "none");
        header.put("typ", "JWT");
        return Jws.sign(header, claims(subject), secret);
    }

    String signedWithAnotherKey(String subject) {
        return Jws.sign(header(), claims(subject), otherSecret);
    }

    String unknownKid(String subject) {
        Map<String, Object> header = header();
        header.put("kid", UNKNOWN_KID);
        return sign(header, claims(subject));
    }

    /** A correctly signed token one byte or more over the size limit. */
    String oversized(String subject) {
        Map<String, Object> claims = claims(subject);
        int padding = Math.max(1, maxTokenBytes * 3 / 4 - sign(header(), claims).length());
        String token;
        do {
            claims.put("pad", "x".repeat(padding));
            token = sign(header(), claims);
            padding += 64;
        } while (token.length() <= maxTokenBytes);
        return token;
    }

    String missingClaim(String subject, String claim) {
        Map<String, Object> claims = claims(subject);
        claims.remove(claim);
        return sign(header(), claims);
    }

    static byte[] randomSecret(SecureRandom random, int bytes) {
        byte[] secret = new byte[bytes];
        random.nextBytes(secret);
        return secret;
    }

    static String base64Url(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
