package dev.ssotauth.core;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * The further claims of a {@link UserContext}: a map in token order, stored as one array of names
 * and values while it is small (a token's further claims usually are), so that a verified token
 * allocates a few bytes for it instead of a hash table. Read-only here; callers get it through
 * {@link Collections#unmodifiableMap}, which refuses every change. Immutable and thread-safe.
 */
final class SmallOrderedMap extends AbstractMap<String, Object> {

    /** Above this many entries a {@link LinkedHashMap} is used: lookups stay constant-time. */
    static final int MAX_ARRAY = 8;

    /** Names at even indexes, each followed by its value. */
    private final Object[] entries;
    private final int size;

    private SmallOrderedMap(Object[] entries, int size) {
        this.entries = entries;
        this.size = size;
    }

    /**
     * An unmodifiable map of the first {@code count} name/value pairs of {@code entries}.
     *
     * @param entries distinct {@link String} names at even indexes, each followed by its value, no
     *                {@code null}s; the map keeps this array instead of a copy, so the caller hands it
     *                over and must not change it afterwards
     */
    static Map<String, Object> of(Object[] entries, int count) {
        if (count == 0) {
            return Collections.emptyMap();
        }
        if (count > MAX_ARRAY) {
            Map<String, Object> map = new LinkedHashMap<>();
            for (int i = 0; i < count; i++) {
                map.put((String) entries[2 * i], entries[2 * i + 1]);
            }
            return Collections.unmodifiableMap(map);
        }
        return Collections.unmodifiableMap(new SmallOrderedMap(entries, count));
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public boolean containsKey(Object key) {
        return indexOf(key) >= 0;
    }

    @Override
    public Object get(Object key) {
        int i = indexOf(key);
        return i < 0 ? null : entries[i + 1];
    }

    private int indexOf(Object key) {
        for (int i = 0; i < 2 * size; i += 2) {
            if (entries[i].equals(key)) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public Set<Map.Entry<String, Object>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public int size() {
                return size;
            }

            @Override
            public Iterator<Map.Entry<String, Object>> iterator() {
                return new Iterator<>() {
                    private int next;

                    @Override
                    public boolean hasNext() {
                        return next < size;
                    }

                    @Override
                    public Map.Entry<String, Object> next() {
                        if (next >= size) {
                            throw new NoSuchElementException();
                        }
                        int i = 2 * next++;
                        return new AbstractMap.SimpleImmutableEntry<>((String) entries[i], entries[i + 1]);
                    }
                };
            }
        };
    }
}
