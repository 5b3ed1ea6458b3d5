package dev.ssotauth.core;

import java.io.Serializable;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Collection;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The further claims of a {@link UserContext}: a map in token order, stored as one array of names
 * and values while it is small (a token's further claims usually are), so that a verified token
 * allocates a few bytes for it instead of a hash table. Unmodifiable as
 * {@link Collections#unmodifiableMap} is: every method that could change it or its views throws
 * {@link UnsupportedOperationException}, whatever its arguments. Serializable, as
 * the JDK's unmodifiable collections it replaces are. Immutable and thread-safe.
 */
final class SmallOrderedMap extends AbstractMap<String, Object> implements Serializable {

    private static final long serialVersionUID = 1L;

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
        return new SmallOrderedMap(entries, count);
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
        return new EntrySet();
    }

    @Override
    public Set<String> keySet() {
        return Collections.unmodifiableSet(super.keySet());
    }

    @Override
    public Collection<Object> values() {
        return Collections.unmodifiableCollection(super.values());
    }

    // ---------------------------------------------------------------- every change refused

    @Override
    public Object put(String key, Object value) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Object remove(Object key) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void putAll(Map<? extends String, ?> map) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void clear() {
        throw new UnsupportedOperationException();
    }

    @Override
    public void replaceAll(BiFunction<? super String, ? super Object, ?> function) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Object putIfAbsent(String key, Object value) {
        throw new UnsupportedOperationException();
    }

    @Override
    public boolean remove(Object key, Object value) {
        throw new UnsupportedOperationException();
    }

    @Override
    public boolean replace(String key, Object oldValue, Object newValue) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Object replace(String key, Object value) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Object computeIfAbsent(String key, Function<? super String, ?> function) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Object computeIfPresent(String key, BiFunction<? super String, ? super Object, ?> function) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Object compute(String key, BiFunction<? super String, ? super Object, ?> function) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Object merge(String key, Object value, BiFunction<? super Object, ? super Object, ?> function) {
        throw new UnsupportedOperationException();
    }

    /** The entries in order, as immutable entries; refuses every change. */
    private final class EntrySet extends AbstractSet<Map.Entry<String, Object>> {

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

        @Override
        public boolean add(Map.Entry<String, Object> entry) {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean remove(Object o) {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean addAll(Collection<? extends Map.Entry<String, Object>> c) {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean removeAll(Collection<?> c) {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean retainAll(Collection<?> c) {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean removeIf(Predicate<? super Map.Entry<String, Object>> filter) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void clear() {
            throw new UnsupportedOperationException();
        }
    }
}
