package dev.ssotauth.core;

/**
 * Internal signal of a rejected token inside the validation pipeline; turned into
 * {@link AuthResult.Rejected} at the API. Carries no stack trace: rejections are expected, and a
 * storm of bad tokens must stay cheap.
 */
final class Rejection extends Exception {

    private static final long serialVersionUID = 1L;

    private final RejectionReason reason;

    Rejection(RejectionReason reason, String message) {
        super(message, null, false, false);
        this.reason = reason;
    }

    Rejection(RejectionReason reason) {
        this(reason, reason.description());
    }

    RejectionReason reason() {
        return reason;
    }

    AuthResult.Rejected toResult() {
        return new AuthResult.Rejected(reason, getMessage());
    }
}
