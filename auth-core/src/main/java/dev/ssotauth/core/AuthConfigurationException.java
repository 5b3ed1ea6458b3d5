package dev.ssotauth.core;

/**
 * The configuration cannot make a safe authority: something required is missing, a secret is weak,
 * two settings conflict, or two roots of trust are configured. Thrown at start-up by
 * {@link JwtAuthority#fromEnvironment()} and {@link JwtAuthority.Builder#build()}.
 *
 * <p>The message names the variables or settings involved and, for values, only fingerprints and
 * lengths: never a secret or any other configured value.
 */
public final class AuthConfigurationException extends RuntimeException {

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
