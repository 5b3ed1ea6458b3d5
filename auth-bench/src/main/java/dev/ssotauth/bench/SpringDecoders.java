package dev.ssotauth.bench;

import static dev.ssotauth.bench.BenchFixture.AUDIENCE;
import static dev.ssotauth.bench.BenchFixture.ISSUER;

import dev.ssotauth.bench.BenchFixture.Alg;
import dev.ssotauth.spring.security.AuthorityJwtDecoder;

import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtAudienceValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/**
 * The two Spring Security {@link JwtDecoder}s the Spring benchmarks compare, on the fixture's keys:
 * the starter's {@link AuthorityJwtDecoder} over the fixture's authority ({@code ssot-auth-starter}),
 * and Spring's {@link NimbusJwtDecoder} with the same key, one algorithm, and the validators that make
 * it as strict on the claims: {@code JwtValidators.createDefaultWithIssuer} (timestamps, issuer, type)
 * and a {@link JwtAudienceValidator} ({@code spring-nimbus}). Stateless.
 */
final class SpringDecoders {

    static final String STARTER = "ssot-auth-starter";
    static final String NIMBUS = "spring-nimbus";

    private SpringDecoders() {
    }

    /** The decoder named {@code implementation} ({@link #STARTER} or {@link #NIMBUS}) for {@code alg}. */
    static JwtDecoder create(String implementation, Alg alg, BenchFixture fixture) {
        switch (implementation) {
            case STARTER:
                return new AuthorityJwtDecoder(fixture.authority(alg, true));
            case NIMBUS:
                return nimbus(alg, fixture);
            default:
                throw new IllegalArgumentException("unknown decoder " + implementation);
        }
    }

    private static NimbusJwtDecoder nimbus(Alg alg, BenchFixture fixture) {
        NimbusJwtDecoder decoder;
        switch (alg) {
            case HS256:
                decoder = NimbusJwtDecoder.withSecretKey(new SecretKeySpec(BenchFixture.SECRET, "HmacSHA256"))
                        .macAlgorithm(MacAlgorithm.HS256).build();
                break;
            case RS256:
                decoder = NimbusJwtDecoder.withPublicKey((RSAPublicKey) fixture.rsa.getPublic())
                        .signatureAlgorithm(SignatureAlgorithm.RS256).build();
                break;
            default:
                throw new IllegalArgumentException(alg + " is not measured through Spring");
        }
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(JwtValidators.createDefaultWithIssuer(ISSUER),
                new JwtAudienceValidator(AUDIENCE)));
        return decoder;
    }

    /**
     * Checks that {@code decoder} accepts the fixture's token for {@code alg} with its subject, and
     * refuses tokens signed with the same key for another issuer or audience, or expired, so that both
     * decoders are measured doing the same checks; fails the run otherwise.
     */
    static void checkStrictness(JwtDecoder decoder, Alg alg, BenchFixture fixture, String token) {
        Jwt jwt = decoder.decode(token);
        if (!BenchFixture.SUBJECT.equals(jwt.getSubject())) {
            throw new IllegalStateException("decoded subject " + jwt.getSubject());
        }
        refused(decoder, fixture.authority(alg, "https://other.example.com", AUDIENCE, BenchFixture.CLOCK)
                .issue(fixture.request), "a token from another issuer");
        refused(decoder, fixture.authority(alg, ISSUER, "other", BenchFixture.CLOCK).issue(fixture.request),
                "a token for another audience");
        Clock past = Clock.offset(BenchFixture.CLOCK, BenchFixture.TTL.plusHours(1).negated());
        refused(decoder, fixture.authority(alg, ISSUER, AUDIENCE, past).issue(fixture.request), "an expired token");
    }

    private static void refused(JwtDecoder decoder, String token, String what) {
        try {
            decoder.decode(token);
        } catch (JwtException expected) {
            return;
        }
        throw new IllegalStateException(decoder.getClass().getSimpleName() + " accepted " + what);
    }
}
