package dev.ssotauth.core.internal;

import java.security.Provider;

/**
 * BouncyCastle, when it is on the class path: its ECDSA and Ed25519 verification is many times
 * faster than the JDK 17 one. Found once by reflection, so BouncyCastle stays an optional
 * dependency; never registered globally.
 */
public final class CryptoProviders {

    private CryptoProviders() {
    }

    private static final class Holder {
        static final Provider BOUNCY_CASTLE = load();
    }

    /** The BouncyCastle provider, or {@code null} when it is not on the class path. */
    public static Provider bouncyCastle() {
        return Holder.BOUNCY_CASTLE;
    }

    private static Provider load() {
        try {
            Class<?> type = Class.forName("org.bouncycastle.jce.provider.BouncyCastleProvider");
            return (Provider) type.getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException | LinkageError e) {
            return null;
        }
    }
}
