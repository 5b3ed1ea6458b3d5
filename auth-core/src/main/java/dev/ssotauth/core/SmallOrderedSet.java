package dev.ssotauth.core;

import java.io.Serializable;
import java.util.AbstractSet;
import java.util.Collection;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The roles and audiences of a {@link UserContext}: a set in the given order, without duplicates,
 * stored as an array while it is small (a token's roles usually are), so that a verified token
 * allocates a few bytes for it instead of a hash table. Unmodifiable as
 * {@link Collections#unmodifiableSet} is: every method that could change it throws
 * {@link UnsupportedOperationException}, whatever its argument. Serializable, as
 * the JDK's unmodifiable collections it replaces are. Immutable and thread-safe.
 */
final class SmallOrderedSet extends AbstractSet<String> implements Serializable {

    private static final long serialVersionUID = 1L;

    /** Above this many distinct values a {@link LinkedHashSet} is used: lookups stay constant-time. */
    static final int MAX_ARRAY = 8;

    private final String[] values;
    private final int size;

    private SmallOrderedSet(String[] values, int size) {
        this.values = values;
        this.size = size;
    }

    /**
     * An unmodifiable set of {@code values[0, count)} in their order, without duplicates.
     *
     * @param values no {@code null} among the first {@code count}; the set keeps this array (duplicates
     *               moved out of its first {@code size()} places) instead of a copy, so the caller hands it
     *               over and must not change it afterwards
     */
    static Set<String> of(String[] values, int count) {
        switch (count) {
            case 0:
                return Collections.emptySet();
            case 1:
                return Collections.singleton(values[0]);
            default:
                if (count > MAX_ARRAY) {
                    LinkedHashSet<String> set = new LinkedHashSet<>();
                    for (int i = 0; i < count; i++) {
                        set.add(values[i]);
                    }
                    return Collections.unmodifiableSet(set);
                }
                return new SmallOrderedSet(values, distinct(values, count));
        }
    }

    /** An unmodifiable set of {@code values} in their iteration order, without duplicates. */
    static Set<String> copyOf(Collection<String> values) {
        String[] array = values.toArray(new String[0]);
        return of(array, array.length);
    }

    /** Moves the first occurrence of each value to the front, in order; returns how many there are. */
    private static int distinct(String[] values, int count) {
        int distinct = 0;
        for (int i = 0; i < count; i++) {
            String value = values[i];
            boolean seen = false;
            for (int j = 0; j < distinct && !seen; j++) {
                seen = values[j].equals(value);
            }
            if (!seen) {
                values[distinct++] = value;
            }
        }
        return distinct;
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public boolean contains(Object o) {
        for (int i = 0; i < size; i++) {
            if (values[i].equals(o)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public boolean add(String value) {
        throw new UnsupportedOperationException();
    }

    @Override
    public boolean remove(Object o) {
        throw new UnsupportedOperationException();
    }

    @Override
    public boolean addAll(Collection<? extends String> values) {
        throw new UnsupportedOperationException();
    }

    @Override
    public boolean removeAll(Collection<?> values) {
        throw new UnsupportedOperationException();
    }

    @Override
    public boolean retainAll(Collection<?> values) {
        throw new UnsupportedOperationException();
    }

    @Override
    public boolean removeIf(Predicate<? super String> filter) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void clear() {
        throw new UnsupportedOperationException();
    }

    /** An iterator without {@code remove}. */
    @Override
    public Iterator<String> iterator() {
        return new Iterator<>() {
            private int next;

            @Override
            public boolean hasNext() {
                return next < size;
            }

            @Override
            public String next() {
                if (next >= size) {
                    throw new NoSuchElementException();
                }
                return values[next++];
            }
        };
    }
}
