package dev.ssotauth.websocket.internal;

import dev.ssotauth.core.AuthConfigurationException;
import dev.ssotauth.core.JwtAuthority;

/**
 * The process's authority from the single configuration source, for adapters that a container
 * creates with their no-argument constructor. Resolved once, on first use, by the class-holder
 * idiom: the JVM initialises {@link Holder} exactly once and publishes it safely, so there is no
 * mutable static and no lock. A configuration failure is remembered too and reported again, with
 * the same safe message, to every later caller.
 */
public final class ProcessAuthority {

    private ProcessAuthority() {
    }

    /**
     * The authority of {@link JwtAuthority#fromEnvironment()}, built on the first call.
     *
     * @return the process's authority
     * @throws AuthConfigurationException when the configuration is missing, weak or conflicting
     */
    public static JwtAuthority get() {
        if (Holder.FAILURE != null) {
            throw new AuthConfigurationException(Holder.FAILURE);
        }
        return Holder.AUTHORITY;
    }

    private static final class Holder {
        static final JwtAuthority AUTHORITY;
        /** The safe message of the configuration failure, or {@code null}. */
        static final String FAILURE;

        static {
            JwtAuthority authority = null;
            String failure = null;
            try {
                authority = JwtAuthority.fromEnvironment();
            } catch (AuthConfigurationException e) {
                failure = e.getMessage();
            }
            AUTHORITY = authority;
            FAILURE = failure;
        }

        private Holder() {
        }
    }
}
