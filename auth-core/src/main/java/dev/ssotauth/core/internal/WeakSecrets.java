package dev.ssotauth.core.internal;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * The deny list of JWT secrets published in tutorials and public code (wallarm/jwt-secrets, MIT
 * licence in {@code weak-secrets.LICENSE} beside the data). Stored as sorted 8-byte SHA-256 prefixes
 * of every listed secret of at least 32 bytes; shorter ones fail the length rule first. Built by
 * {@code tools/make-weak-secrets.py}. Stateless and thread-safe.
 */
public final class WeakSecrets {

    private static final String RESOURCE = "weak-secrets.bin";

    private WeakSecrets() {
    }

    /** Loaded on first use, then constant. */
    private static final class Holder {
        static final long[] PREFIXES = load();
    }

    /** Whether {@code secret} is on the deny list. */
    public static boolean isPublished(byte[] secret) {
        long prefix = prefix(secret);
        return Arrays.binarySearch(Holder.PREFIXES, prefix) >= 0;
    }

    /** How many secrets the list holds. */
    public static int size() {
        return Holder.PREFIXES.length;
    }

    private static long prefix(byte[] secret) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(secret);
            long value = 0;
            for (int i = 0; i < 8; i++) {
                value = value << 8 | (digest[i] & 0xff);
            }
            return value;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available in this JVM", e);
        }
    }

    private static long[] load() {
        try (InputStream in = WeakSecrets.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the weak-secret deny list " + RESOURCE + " is missing from the jar");
            }
            byte[] bytes = in.readAllBytes();
            long[] prefixes = new long[bytes.length / 8];
            DataInputStream data = new DataInputStream(new java.io.ByteArrayInputStream(bytes));
            for (int i = 0; i < prefixes.length; i++) {
                prefixes[i] = data.readLong();
            }
            return prefixes;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the weak-secret deny list", e);
        }
    }
}
