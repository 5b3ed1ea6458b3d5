package dev.ssotauth.core.internal;

import dev.ssotauth.core.AuthConfigurationException;

/**
 * The rules an HMAC secret must meet: at least as long as the hash (RFC 7518 §3.2) and not on the
 * deny list of published secrets. Messages give the length, never the content. Stateless.
 */
public final class SecretRules {

    private SecretRules() {
    }

    /**
     * @param secret   the decoded secret
     * @param minBytes the shortest acceptable length for the strongest HMAC algorithm allowed
     * @param setting  the setting or variable the secret came from, for the message
     * @throws AuthConfigurationException when the secret is too short or published
     */
    public static void check(byte[] secret, int minBytes, String setting) {
        if (secret.length < minBytes) {
            throw new AuthConfigurationException(setting + " is too short: " + secret.length + " bytes, but at least "
                    + minBytes + " are needed for the allowed HMAC algorithms; generate a random one, e.g. base64: "
                    + "followed by the output of 'openssl rand -base64 " + Math.max(48, minBytes) + "'");
        }
        if (WeakSecrets.isPublished(secret)) {
            throw new AuthConfigurationException(setting + " is a well-known secret published in public code and "
                    + "tutorials (" + secret.length + " bytes); generate a random one, e.g. base64: followed by the "
                    + "output of 'openssl rand -base64 48'");
        }
    }
}
