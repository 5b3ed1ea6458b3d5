package dev.ssotauth.core;

/**
 * Reads an HTTP {@code Authorization} value of the {@code Bearer} scheme (RFC 6750), for every
 * adapter that takes a token from it: the scheme compared without case, then a space or a tab, then
 * the credentials with surrounding white space stripped. Stateless.
 */
public final class BearerToken {

    private static final String SCHEME = "Bearer";

    private BearerToken() {
    }

    /**
     * The credentials of a {@code Bearer} authorization.
     *
     * @param authorization the header's value, or {@code null}
     * @return the token text; empty for the scheme alone; {@code null} for {@code null} or another scheme
     */
    public static String credentials(String authorization) {
        if (authorization == null) {
            return null;
        }
        String v = authorization.strip();
        if (!v.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
            return null;
        }
        if (v.length() == SCHEME.length()) {
            return "";
        }
        char separator = v.charAt(SCHEME.length());
        if (separator != ' ' && separator != '\t') {
            return null;
        }
        return v.substring(SCHEME.length()).strip();
    }
}
