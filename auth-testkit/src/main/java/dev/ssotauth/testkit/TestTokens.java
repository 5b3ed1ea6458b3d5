package dev.ssotauth.testkit;

import dev.ssotauth.core.AuthResult;
import dev.ssotauth.core.JwtAuthority;
import dev.ssotauth.core.TokenRequest;

import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.junit.jupiter.api.DynamicTest;

/**
 * Real signed tokens for tests, good and bad, and an attack suite. A {@code TestTokens} holds an HMAC
 * secret, an issuer, an audience and a clock; {@link #authority()} is a {@link JwtAuthority} built
 * from the same settings, and {@link #environment()} the variables that configure one, so the system
 * under test can trust exactly these tokens.
 *
 * <pre>{@code
 * TestTokens tokens = TestTokens.create();
 * JwtAuthority authority = tokens.authority();          // or JwtAuthority.fromEnvironment(tokens.environment())
 * authority.authenticate(tokens.expired("alice"));      // Rejected(EXPIRED, ...)
 *
 * @TestFactory
 * List<DynamicTest> attacks() {
 *     return tokens.httpAttackSuite(URI.create("http://127.0.0.1:" + port + "/api/me"));
 * }
 * }</pre>
 *
 * <p>Each bad token is wrong in exactly one way and correctly signed otherwise (except, of course,
 * the tampered, unsigned and foreign-key ones), so a system that rejects it rejects it for that
 * reason. Tokens are made when asked for, from the clock: an expired token is expired by one hour,
 * beyond any clock skew core allows.
 *
 * <p>Immutable and thread-safe.
 */
public final class TestTokens {

    /** The issuer of {@link #create()}. */
    public static final String DEFAULT_ISSUER = "https://login.test";
    /** The audience of {@link #create()}. */
    public static final String DEFAULT_AUDIENCE = "test";

    private final byte[] secret;
    private final String issuer;
    private final String audience;
    private final JwtAuthority authority;
    private final TokenFactory factory;
    private final SecureRandom random;

    private TestTokens(byte[] secret, String issuer, String audience, Clock clock, SecureRandom random) {
        this.secret = secret.clone();
        this.issuer = issuer;
        this.audience = audience;
        this.random = random;
        this.authority = JwtAuthority.builder().hmacSecret(secret).issuer(issuer).audience(audience).clock(clock)
                .build();
        this.factory = new TokenFactory(secret, TokenFactory.randomSecret(random, 32), "HS256", issuer, audience,
                clock, authority.maxTokenBytes(), random);
    }

    /**
     * Test tokens with a fresh random 32-byte secret, issuer {@value #DEFAULT_ISSUER}, audience
     * {@value #DEFAULT_AUDIENCE} and the system UTC clock.
     *
     * @return new test tokens
     */
    public static TestTokens create() {
        SecureRandom random = new SecureRandom();
        return new TestTokens(TokenFactory.randomSecret(random, 32), DEFAULT_ISSUER, DEFAULT_AUDIENCE,
                Clock.systemUTC(), random);
    }

    /**
     * Test tokens with a fresh random 32-byte secret, the default issuer and audience, and
     * {@code clock}.
     *
     * @param clock the clock tokens are dated with and {@link #authority()} decides with
     * @return new test tokens
     * @throws NullPointerException if {@code clock} is {@code null}
     */
    public static TestTokens create(Clock clock) {
        Objects.requireNonNull(clock, "clock");
        SecureRandom random = new SecureRandom();
        return new TestTokens(TokenFactory.randomSecret(random, 32), DEFAULT_ISSUER, DEFAULT_AUDIENCE, clock, random);
    }

    /**
     * Test tokens for a given secret, such as the one the system under test is configured with.
     *
     * @param hmacSecret the HMAC secret; copied; must pass core's rules
     * @param issuer     the issuer, not blank
     * @param audience   the audience, not blank
     * @param clock      the clock
     * @return the test tokens
     * @throws NullPointerException                         if an argument is {@code null}
     * @throws IllegalArgumentException                     if {@code issuer} or {@code audience} is blank
     * @throws dev.ssotauth.core.AuthConfigurationException if core refuses the secret (too short, or a
     *                                                      published one)
     */
    public static TestTokens of(byte[] hmacSecret, String issuer, String audience, Clock clock) {
        Objects.requireNonNull(hmacSecret, "hmacSecret");
        Objects.requireNonNull(clock, "clock");
        return new TestTokens(hmacSecret, issuer, audience, clock, new SecureRandom());
    }

    /**
     * An authority that trusts these tokens: the same secret, issuer, audience and clock, core's
     * defaults otherwise.
     *
     * @return the authority, the same instance on every call
     */
    public JwtAuthority authority() {
        return authority;
    }

    /**
     * The variables that configure a process to trust these tokens through
     * {@link JwtAuthority#fromEnvironment(Map)}: {@code JWT_SECRET_KEY} (as {@code base64url:…}),
     * {@code JWT_ISSUER} and {@code JWT_AUDIENCE}. The map holds the test secret: hand it to the system
     * under test, never to a log.
     *
     * @return an unmodifiable map
     */
    public Map<String, String> environment() {
        Map<String, String> variables = new LinkedHashMap<>();
        variables.put("JWT_SECRET_KEY", "base64url:" + TokenFactory.base64Url(secret));
        variables.put("JWT_ISSUER", issuer);
        variables.put("JWT_AUDIENCE", audience);
        return Collections.unmodifiableMap(variables);
    }

    /**
     * A valid token for {@code subject}, issued by {@link #authority()}.
     *
     * @param subject the subject, not blank
     * @param roles   its roles
     * @return the token
     * @throws NullPointerException     if an argument or role is {@code null}
     * @throws IllegalArgumentException if {@code subject} or a role is blank
     */
    public String valid(String subject, String... roles) {
        TokenRequest.Builder request = TokenRequest.forSubject(subject);
        if (roles.length > 0) {
            request.roles(roles);
        }
        return authority.issue(request.build());
    }

    /**
     * A token whose {@code exp} passed an hour ago: {@code EXPIRED}.
     *
     * @param subject the subject, not blank
     * @return the token
     * @throws NullPointerException     if {@code subject} is {@code null}
     * @throws IllegalArgumentException if it is blank
     */
    public String expired(String subject) {
        return factory.expired(requireSubject(subject));
    }

    /**
     * A token whose {@code nbf} is an hour ahead: {@code NOT_YET_VALID}.
     *
     * @param subject the subject, not blank
     * @return the token
     * @throws NullPointerException     if {@code subject} is {@code null}
     * @throws IllegalArgumentException if it is blank
     */
    public String notYetValid(String subject) {
        return factory.notYetValid(requireSubject(subject));
    }

    /**
     * A token whose {@code iat} is an hour ahead: {@code ISSUED_IN_FUTURE}.
     *
     * @param subject the subject, not blank
     * @return the token
     * @throws NullPointerException     if {@code subject} is {@code null}
     * @throws IllegalArgumentException if it is blank
     */
    public String issuedInFuture(String subject) {
        return factory.issuedInFuture(requireSubject(subject));
    }

    /**
     * A token from another issuer ({@code https://wrong-issuer.invalid}): {@code WRONG_ISSUER}.
     *
     * @param subject the subject, not blank
     * @return the token
     * @throws NullPointerException     if {@code subject} is {@code null}
     * @throws IllegalArgumentException if it is blank
     */
    public String wrongIssuer(String subject) {
        return factory.wrongIssuer(requireSubject(subject));
    }

    /**
     * A token for another audience ({@code wrong-audience}): {@code WRONG_AUDIENCE}.
     *
     * @param subject the subject, not blank
     * @return the token
     * @throws NullPointerException     if {@code subject} is {@code null}
     * @throws IllegalArgumentException if it is blank
     */
    public String wrongAudience(String subject) {
        return factory.wrongAudience(requireSubject(subject));
    }

    /**
     * A valid token with one character of its signature changed: {@code BAD_SIGNATURE}.
     *
     * @param subject the subject, not blank
     * @return the token
     * @throws NullPointerException     if {@code subject} is {@code null}
     * @throws IllegalArgumentException if it is blank
     */
    public String tamperedSignature(String subject) {
        return factory.tamperedSignature(requireSubject(subject));
    }

    /**
     * An unsecured token ({@code alg: none}, empty signature): {@code UNSUPPORTED_ALGORITHM}.
     *
     * @param subject the subject, not blank
     * @return the token
     * @throws NullPointerException     if {@code subject} is {@code null}
     * @throws IllegalArgumentException if it is blank
     */
    public String algNone(String subject) {
        return factory.algNone(requireSubject(subject));
    }

    /**
     * A token signed with another random secret: {@code BAD_SIGNATURE}.
     *
     * @param subject the subject, not blank
     * @return the token
     * @throws NullPointerException     if {@code subject} is {@code null}
     * @throws IllegalArgumentException if it is blank
     */
    public String signedWithAnotherKey(String subject) {
        return factory.signedWithAnotherKey(requireSubject(subject));
    }

    /**
     * A token signed with the right secret but naming a key id nobody configured
     * ({@code kid: ssot-testkit-unknown-key}): {@code UNKNOWN_KEY}.
     *
     * @param subject the subject, not blank
     * @return the token
     * @throws NullPointerException     if {@code subject} is {@code null}
     * @throws IllegalArgumentException if it is blank
     */
    public String unknownKid(String subject) {
        return factory.unknownKid(requireSubject(subject));
    }

    /**
     * A correctly signed token just longer than {@code authority().maxTokenBytes()}: {@code TOO_LARGE}.
     *
     * @param subject the subject, not blank
     * @return the token
     * @throws NullPointerException     if {@code subject} is {@code null}
     * @throws IllegalArgumentException if it is blank
     */
    public String oversized(String subject) {
        return factory.oversized(requireSubject(subject));
    }

    /**
     * A correctly signed token for subject {@code attack-subject} without one required claim:
     * {@code MISSING_CLAIM}.
     *
     * @param claim one of {@code iss}, {@code sub}, {@code aud}, {@code exp}, {@code iat}
     * @return the token
     * @throws NullPointerException     if {@code claim} is {@code null}
     * @throws IllegalArgumentException if it is not one of those
     */
    public String missingClaim(String claim) {
        Objects.requireNonNull(claim, "claim");
        if (!Set.of("iss", "sub", "aud", "exp", "iat").contains(claim)) {
            throw new IllegalArgumentException("claim must be one of iss, sub, aud, exp, iat; got " + claim);
        }
        return factory.missingClaim(Attack.SUBJECT, claim);
    }

    /**
     * The attack suite against an authority, as JUnit dynamic tests: a control (a token
     * {@code target} issues is accepted), then each attack, which must be rejected with its own
     * reason: no token and a non-JWS ({@code MALFORMED}), expired, not yet valid, issued in the
     * future, wrong issuer, wrong audience, tampered signature and payload ({@code BAD_SIGNATURE}),
     * {@code alg: none}, another key, unknown {@code kid}, oversized, and each required claim missing.
     * Tokens are made with the target's issuer, first audience, algorithm, clock and size limit, and
     * with this object's secret, which the target must trust.
     *
     * <pre>{@code
     * @TestFactory
     * List<DynamicTest> authorityRejectsEveryAttack() {
     *     return tokens.attackSuite(myAuthority);
     * }
     * }</pre>
     *
     * @param target the authority under test
     * @return the dynamic tests, the control first
     * @throws NullPointerException     if {@code target} is {@code null}
     * @throws IllegalArgumentException if {@code target} does not trust this object's secret (its
     *                                  fingerprint differs)
     */
    public List<DynamicTest> attackSuite(JwtAuthority target) {
        Objects.requireNonNull(target, "target");
        if (!target.fingerprint().equals(authority.fingerprint())) {
            throw new IllegalArgumentException("the target authority trusts the key with fingerprint "
                    + target.fingerprint() + ", but these test tokens are signed with the key with fingerprint "
                    + authority.fingerprint() + "; make them with TestTokens.of(the target's secret, ...)");
        }
        String control = target.issue(TokenRequest.forSubject(Attack.SUBJECT).build());
        TokenFactory against = new TokenFactory(secret, TokenFactory.randomSecret(random, 32),
                TokenFactory.algorithmOf(control), target.issuer(), target.audiences().get(0), target.clock(),
                target.maxTokenBytes(), random);
        List<DynamicTest> tests = new ArrayList<>();
        tests.add(DynamicTest.dynamicTest("accepts a valid token (control)", () -> {
            AuthResult result = target.authenticate(target.issue(TokenRequest.forSubject(Attack.SUBJECT).build()));
            if (result instanceof AuthResult.Rejected rejected) {
                throw new AssertionError("a valid token (control): expected it to be accepted, but it was rejected: "
                        + rejected.reason());
            }
        }));
        for (Attack attack : Attack.all()) {
            tests.add(DynamicTest.dynamicTest("rejects " + attack.description + " (" + attack.reason + ")", () -> {
                AuthResult result = target.authenticate(attack.token.apply(against));
                if (result instanceof AuthResult.Authenticated) {
                    throw new AssertionError(attack.description + ": expected rejection " + attack.reason
                            + ", but the token was accepted");
                }
                AuthResult.Rejected rejected = (AuthResult.Rejected) result;
                if (rejected.reason() != attack.reason) {
                    throw new AssertionError(attack.description + ": expected rejection " + attack.reason
                            + ", but it was rejected as " + rejected.reason() + " (" + rejected.message() + ")");
                }
            }));
        }
        return tests;
    }

    /**
     * The attack suite against an HTTP endpoint that requires a bearer token and answers 2xx to a
     * valid one: a control with a valid token (2xx), then each attack of
     * {@link #attackSuite(JwtAuthority)} sent as {@code Authorization: Bearer}, which must be answered
     * 401 with a {@code WWW-Authenticate: Bearer} challenge (an oversized token may also be refused with
     * 400, 413 or 431 for its size), and no answer may echo the token. The server must trust these
     * tokens: configure it with {@link #environment()}. Requests go only to {@code url}.
     *
     * @param url the endpoint, e.g. {@code http://127.0.0.1:8080/api/me}
     * @return the dynamic tests, the control first
     * @throws NullPointerException     if {@code url} is {@code null}
     * @throws IllegalArgumentException if {@code url} is not {@code http} or {@code https}
     */
    public List<DynamicTest> httpAttackSuite(URI url) {
        requireScheme(url, "http", "https");
        RemoteAttacks remote = new RemoteAttacks(url);
        List<DynamicTest> tests = new ArrayList<>();
        tests.add(DynamicTest.dynamicTest("HTTP 2xx for a valid token (control)",
                () -> remote.httpControl(valid(Attack.SUBJECT))));
        for (Attack attack : Attack.all()) {
            tests.add(DynamicTest.dynamicTest("HTTP 401 for " + attack.description,
                    () -> remote.httpAttack(attack, attack.token.apply(factory))));
        }
        return tests;
    }

    /**
     * The attack suite against a WebSocket endpoint: a control handshake with a valid token must be
     * upgraded (101); every attack's handshake must be refused before the upgrade with 401 and a
     * {@code WWW-Authenticate: Bearer} challenge (an oversized token may also be refused with 400, 413
     * or 431), without echoing the token. Tokens travel as {@code Authorization: Bearer} on the
     * handshake request. The server must trust these tokens: configure it with {@link #environment()}.
     *
     * @param url the endpoint, e.g. {@code ws://127.0.0.1:8080/chat}
     * @return the dynamic tests, the control first
     * @throws NullPointerException     if {@code url} is {@code null}
     * @throws IllegalArgumentException if {@code url} is not {@code ws} or {@code wss}
     */
    public List<DynamicTest> webSocketAttackSuite(URI url) {
        requireScheme(url, "ws", "wss");
        RemoteAttacks remote = new RemoteAttacks(url);
        List<DynamicTest> tests = new ArrayList<>();
        tests.add(DynamicTest.dynamicTest("handshake upgraded for a valid token (control)",
                () -> remote.webSocketControl(valid(Attack.SUBJECT))));
        for (Attack attack : Attack.all()) {
            tests.add(DynamicTest.dynamicTest("handshake refused with 401 for " + attack.description,
                    () -> remote.webSocketAttack(attack, attack.token.apply(factory))));
        }
        return tests;
    }

    /** The factory of the attack tokens, for {@link ForgedTokens#of(TestTokens)}. */
    TokenFactory factory() {
        return factory;
    }

    /**
     * A safe description: issuer, audience and the key's fingerprint; no secret.
     *
     * @return the description
     */
    @Override
    public String toString() {
        return "TestTokens[issuer=" + issuer + ", audience=" + audience + ", fingerprint=" + authority.fingerprint()
                + "]";
    }

    private static String requireSubject(String subject) {
        Objects.requireNonNull(subject, "subject");
        if (subject.isBlank()) {
            throw new IllegalArgumentException("subject must not be blank");
        }
        return subject;
    }

    private static void requireScheme(URI url, String... schemes) {
        Objects.requireNonNull(url, "url");
        for (String scheme : schemes) {
            if (scheme.equalsIgnoreCase(url.getScheme())) {
                return;
            }
        }
        throw new IllegalArgumentException("url must use " + String.join(" or ", schemes) + "; got " + url.getScheme());
    }
}
