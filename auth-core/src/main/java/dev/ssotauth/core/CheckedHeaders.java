package dev.ssotauth.core;

import dev.ssotauth.core.internal.JwsAlgorithm;

import java.util.Arrays;
import java.util.Collections;
import java.util.Map;

/**
 * The last few token headers that passed the header policy, by their exact base64url text, with
 * what the policy made of them. A system's tokens carry very few distinct headers (one per signing
 * key), so the same header text is decoded, parsed and checked once instead of on every token. The
 * result of the header policy depends only on the header text and the authority's fixed allow-list,
 * so a byte-for-byte equal header gets the same answer; the key is still selected for every token.
 *
 * <p>At most {@value #MAX_ENTRIES} entries; when full, entries are replaced in turn, so a flood of
 * distinct (valid) headers only costs the full header path. Lookups take no lock. Thread-safe.
 */
final class CheckedHeaders {

    static final int MAX_ENTRIES = 16;

    /** A header that passed the header policy. Immutable. */
    static final class Checked {
        final byte[] text;
        final Map<String, Object> header;
        final JwsAlgorithm algorithm;
        final String keyId;

        Checked(byte[] text, Map<String, Object> header, JwsAlgorithm algorithm, String keyId) {
            this.text = text;
            this.header = header;
            this.algorithm = algorithm;
            this.keyId = keyId;
        }
    }

    private volatile Checked[] entries = new Checked[0];
    /** Guarded by this. */
    private int next;

    /** The entry for the header text {@code token[0, length)}, or {@code null}. */
    Checked find(byte[] token, int length) {
        for (Checked entry : entries) {
            if (entry.text.length == length && Arrays.equals(entry.text, 0, length, token, 0, length)) {
                return entry;
            }
        }
        return null;
    }

    /** Remembers a header that passed the header policy, whose text is {@code token[0, length)}. */
    Checked remember(byte[] token, int length, Map<String, Object> header, JwsAlgorithm algorithm, String keyId) {
        Checked entry = new Checked(Arrays.copyOf(token, length), Collections.unmodifiableMap(header), algorithm,
                keyId);
        synchronized (this) {
            Checked[] current = entries;
            if (current.length < MAX_ENTRIES) {
                Checked[] grown = Arrays.copyOf(current, current.length + 1);
                grown[current.length] = entry;
                entries = grown;
            } else {
                Checked[] replaced = current.clone();
                replaced[next] = entry;
                next = (next + 1) % MAX_ENTRIES;
                entries = replaced;
            }
        }
        return entry;
    }

    /** How many headers are remembered. */
    int size() {
        return entries.length;
    }
}
