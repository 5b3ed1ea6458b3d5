package dev.ssotauth.core;

/**
 * The configuration cannot make a safe authority: a value is unreadable or out of range, something
 * required is missing, a secret is weak, two settings conflict, or two roots of trust are
 * configured. The same mistake gets this exception, with the same rule text, whichever way the value
 * came in: from {@link JwtAuthority#fromEnvironment()} (the message names the variable and where it
 * was read), or from a {@link JwtAuthority.Builder} setter or {@link JwtAuthority.Builder#build()}
 * (the message names the builder method). It is an {@link IllegalArgumentException}, since a value
 * given to the builder is an argument.
 *
 * <p>The message names the variables or settings involved and, for values, only fingerprints,
 * lengths, numbers, durations and file names: never a secret or a value a token carries (an issuer,
 * an audience).
 */
public final class AuthConfigurationException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message a safe message naming settings, never their values
     */
    public AuthConfigurationException(String message) {
        super(message);
    }
}
