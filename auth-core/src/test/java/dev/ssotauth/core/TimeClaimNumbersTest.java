package dev.ssotauth.core;

import static dev.ssotauth.core.Fixtures.AUDIENCE;
import static dev.ssotauth.core.Fixtures.HS256_HEADER;
import static dev.ssotauth.core.Fixtures.ISSUER;
import static dev.ssotauth.core.Fixtures.NOW_SECONDS;
import static dev.ssotauth.core.Fixtures.authority;
import static dev.ssotauth.core.Fixtures.sign;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A validly signed token whose {@code exp}, {@code iat} or {@code nbf} is a number in an odd JSON
 * form gets the reason that number deserves, never the last resort of {@code authenticate} (which
 * answers "cannot decide" and logs at ERROR). The expected outcomes follow from the value: the
 * epoch for anything below a nanosecond, {@code out of range} beyond year 9999, {@code MALFORMED}
 * only where the JSON reader cannot hold the number at all (an exponent beyond the {@code int} range).
 */
final class TimeClaimNumbersTest {

    private final JwtAuthority authority = authority().build();

    /** A token with a valid payload but for {@code claim}, whose value is {@code number}. */
    private static String token(String claim, String number) {
        StringBuilder payload = new StringBuilder("{\"iss\":\"" + ISSUER + "\",\"sub\":\"alice\",\"aud\":\"" + AUDIENCE + "\"");
        if (!claim.equals("iat")) {
            payload.append(",\"iat\":").append(NOW_SECONDS);
        }
        if (!claim.equals("exp")) {
            payload.append(",\"exp\":").append(NOW_SECONDS + 600);
        }
        payload.append(",\"").append(claim).append("\":").append(number).append('}');
        return sign(HS256_HEADER, payload.toString());
    }

    private String outcome(String token) {
        AuthResult result = authority.authenticate(token);
        return result instanceof AuthResult.Rejected rejected
                ? rejected.reason() + ": " + rejected.message() : "accepted";
    }

    @ParameterizedTest(name = "exp {0}")
    @CsvSource(delimiter = '|', value = {
        "1e400                                 | INVALID_CLAIM: claim 'exp' is out of range",
        "-1e400                                | INVALID_CLAIM: claim 'exp' is out of range",
        "1e2147483647                          | INVALID_CLAIM: claim 'exp' is out of range",
        "253402300800.0                        | INVALID_CLAIM: claim 'exp' is out of range",
        "2.534023008E11                        | INVALID_CLAIM: claim 'exp' is out of range",
        "-0                                    | INVALID_CLAIM: claim 'exp' is before 'iat'",
        "-0.0                                  | INVALID_CLAIM: claim 'exp' is before 'iat'",
        "0e-2147483647                         | INVALID_CLAIM: claim 'exp' is before 'iat'",
        "0E+2147483647                         | INVALID_CLAIM: claim 'exp' is before 'iat'",
        "1E+2                                  | INVALID_CLAIM: claim 'exp' is before 'iat'",
        "0.00000000000000000000000000000000001 | INVALID_CLAIM: claim 'exp' is before 'iat'",
        "1e-400                                | INVALID_CLAIM: claim 'exp' is before 'iat'",
        "1e-999999999                          | INVALID_CLAIM: claim 'exp' is before 'iat'",
        "-1e-999999999                         | INVALID_CLAIM: claim 'exp' is before 'iat'",
        "1e-2147483647                         | INVALID_CLAIM: claim 'exp' is before 'iat'",
        "10e-2147483647                        | INVALID_CLAIM: claim 'exp' is before 'iat'",
        "1.5e-2147483640                       | INVALID_CLAIM: claim 'exp' is before 'iat'",
        "1E-1000000                            | INVALID_CLAIM: claim 'exp' is before 'iat'",
        "1767226200e0                          | accepted",
        "17672262000000000000000000e-16        | accepted",
        "1767226200.999999999999999999999999   | accepted",
        "1e-2147483648                         | MALFORMED: token payload is not a valid JSON object",
        "1e99999999999                         | MALFORMED: token payload is not a valid JSON object",
    })
    void authenticateWhenExpIsAnOddNumberThenItsOwnReason(String number, String expected) {
        assertEquals(expected, outcome(token("exp", number)));
        assertEquals(0, authority.unexpectedFailures());
    }

    @ParameterizedTest(name = "iat {0}")
    @CsvSource(delimiter = '|', value = {
        "1e400                 | INVALID_CLAIM: claim 'iat' is out of range",
        "-1e2147483647         | INVALID_CLAIM: claim 'iat' is out of range",
        "-0                    | LIFETIME_TOO_LONG: token lifetime (exp - iat) exceeds the maximum of PT24H",
        "1e-999999999          | LIFETIME_TOO_LONG: token lifetime (exp - iat) exceeds the maximum of PT24H",
        "-1e-2147483647        | LIFETIME_TOO_LONG: token lifetime (exp - iat) exceeds the maximum of PT24H",
        "1E-1000000            | LIFETIME_TOO_LONG: token lifetime (exp - iat) exceeds the maximum of PT24H",
        "1.7672256E9           | accepted",
        "1767225600.5          | accepted",
        "1767226200e0          | ISSUED_IN_FUTURE: token is issued in the future",
    })
    void authenticateWhenIatIsAnOddNumberThenItsOwnReason(String number, String expected) {
        assertEquals(expected, outcome(token("iat", number)));
        assertEquals(0, authority.unexpectedFailures());
    }

    @ParameterizedTest(name = "nbf {0}")
    @CsvSource(delimiter = '|', value = {
        "1e400                 | INVALID_CLAIM: claim 'nbf' is out of range",
        "99999999999999999999  | INVALID_CLAIM: claim 'nbf' is out of range",
        "-0                    | accepted",
        "1e-999999999          | accepted",
        "-1e-2147483647        | accepted",
        "0e-2147483647         | accepted",
        "1767226200e0          | NOT_YET_VALID: token is not valid yet",
        "1.7672262E+9          | NOT_YET_VALID: token is not valid yet",
    })
    void authenticateWhenNbfIsAnOddNumberThenItsOwnReason(String number, String expected) {
        assertEquals(expected, outcome(token("nbf", number)));
        assertEquals(0, authority.unexpectedFailures());
    }
}
