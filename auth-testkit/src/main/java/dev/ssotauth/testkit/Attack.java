package dev.ssotauth.testkit;

import dev.ssotauth.core.RejectionReason;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * One bad token of the attack suite: what it is, how to make it, and why core rejects it. Immutable.
 */
final class Attack {

    static final String SUBJECT = "attack-subject";

    /** How messages and test names call the token, e.g. {@code "an expired token"}. */
    final String description;
    /** Makes the token; {@code null} result means "send no token at all". */
    final Function<TokenFactory, String> token;
    /** The reason a {@code JwtAuthority} must give. */
    final RejectionReason reason;
    /** Whether a server may refuse it before authentication for its size (HTTP 400, 413, 431). */
    final boolean oversized;

    private Attack(String description, Function<TokenFactory, String> token, RejectionReason reason,
            boolean oversized) {
        this.description = description;
        this.token = token;
        this.reason = reason;
        this.oversized = oversized;
    }

    /** Every attack, in a fixed order. */
    static List<Attack> all() {
        List<Attack> attacks = new ArrayList<>();
        attacks.add(new Attack("no token", f -> null, RejectionReason.MALFORMED, false));
        attacks.add(new Attack("a token that is not a JWS", f -> "not-a-token", RejectionReason.MALFORMED, false));
        attacks.add(new Attack("an expired token", f -> f.expired(SUBJECT), RejectionReason.EXPIRED, false));
        attacks.add(new Attack("a token not yet valid", f -> f.notYetValid(SUBJECT), RejectionReason.NOT_YET_VALID,
                false));
        attacks.add(new Attack("a token issued in the future", f -> f.issuedInFuture(SUBJECT),
                RejectionReason.ISSUED_IN_FUTURE, false));
        attacks.add(new Attack("a token from the wrong issuer", f -> f.wrongIssuer(SUBJECT),
                RejectionReason.WRONG_ISSUER, false));
        attacks.add(new Attack("a token for the wrong audience", f -> f.wrongAudience(SUBJECT),
                RejectionReason.WRONG_AUDIENCE, false));
        attacks.add(new Attack("a token with a tampered signature", f -> f.tamperedSignature(SUBJECT),
                RejectionReason.BAD_SIGNATURE, false));
        attacks.add(new Attack("a token with a tampered payload", f -> f.tamperedPayload(SUBJECT),
                RejectionReason.BAD_SIGNATURE, false));
        attacks.add(new Attack("an unsecured token (alg none)", f -> f.algNone(SUBJECT),
                RejectionReason.UNSUPPORTED_ALGORITHM, false));
        attacks.add(new Attack("a token signed with another key", f -> f.signedWithAnotherKey(SUBJECT),
                RejectionReason.BAD_SIGNATURE, false));
        attacks.add(new Attack("a token with an unknown kid", f -> f.unknownKid(SUBJECT), RejectionReason.UNKNOWN_KEY,
                false));
        attacks.add(new Attack("an oversized token", f -> f.oversized(SUBJECT), RejectionReason.TOO_LARGE, true));
        for (String claim : List.of("sub", "iss", "aud", "exp", "iat")) {
            attacks.add(new Attack("a token without " + claim, f -> f.missingClaim(SUBJECT, claim),
                    RejectionReason.MISSING_CLAIM, false));
        }
        return attacks;
    }
}
