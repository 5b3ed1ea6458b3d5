package dev.ssotauth.core.internal;

import dev.ssotauth.core.AuthConfigurationException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Provider;
import java.util.List;

/**
 * Turns the one configured source of keys into the keys an authority trusts and, when it can issue,
 * the key it signs with: an HMAC secret, a private or public JWK Set file (read and checked once), a
 * remote JWK Set (fetched later), or identity providers whose key sets are discovered later. Stateless.
 */
public final class KeySources {

    /**
     * The resolved keys.
     *
     * @param resolver finds the key for a token
     * @param signer   signs issued tokens, or {@code null} for an authority that only verifies
     */
    public record Keys(KeyResolver resolver, SigningKey signer) {
    }

    private KeySources() {
    }

    /**
     * Resolves the key source of {@code settings}.
     *
     * @param settings the complete settings
     * @param provider BouncyCastle for EC and Ed25519, or {@code null} for the JDK's providers
     * @return the keys
     * @throws AuthConfigurationException when a key set file cannot be read or holds an unsafe key
     */
    public static Keys resolve(AuthoritySettings settings, Provider provider) {
        if (settings.symmetric()) {
            HmacKey key = new HmacKey(settings.hmacSecret(), settings.hmacKeyId(), settings.algorithms().get(0),
                    settings.allowed());
            return new Keys(new KeySet(List.of(key), Fingerprints.of(settings.hmacSecret()), "{\"keys\":[]}"), key);
        }
        if (!settings.issuerUris().isEmpty()) {
            return new Keys(new TrustedIssuers(settings, provider), null);
        }
        if (settings.jwksUri() != null) {
            return new Keys(new RemoteKeySet(settings, provider), null);
        }
        boolean withPrivate = settings.signingKeys() != null;
        Setting<Path> setting = withPrivate ? Settings.SIGNING_KEYS : Settings.JWKS_FILE;
        String label = settings.label().apply(setting);
        Path file = withPrivate ? settings.signingKeys() : settings.jwksFile();
        byte[] json;
        try {
            json = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new AuthConfigurationException("cannot read " + label + " (" + file + "): "
                    + e.getClass().getSimpleName());
        }
        List<AsymmetricKey> parsed;
        try {
            parsed = JwkSets.parse(json, withPrivate, settings.allowed(), provider);
        } catch (JwkSets.InvalidSetException e) {
            throw new AuthConfigurationException(label + " is refused: " + e.getMessage());
        }
        return new Keys(KeySet.ofAsymmetric(parsed), withPrivate ? parsed.get(0) : null);
    }
}
