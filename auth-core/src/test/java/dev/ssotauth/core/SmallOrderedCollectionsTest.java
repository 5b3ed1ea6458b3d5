package dev.ssotauth.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;

/**
 * The array-backed roles, audiences and claims of a UserContext behave as the JDK's unmodifiable
 * LinkedHashSet and LinkedHashMap they replace: same order, equality, hash codes and text, and every
 * change refused, whatever its argument.
 */
final class SmallOrderedCollectionsTest {

    private static Set<String> set(String... values) {
        return SmallOrderedSet.of(values.clone(), values.length);
    }

    private static Map<String, Object> map(Object... entries) {
        return SmallOrderedMap.of(entries.clone(), entries.length / 2);
    }

    private static Object roundTrip(Object value) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(value);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return in.readObject();
        }
    }

    @Test
    void ofWhenDuplicatesThenTheFirstOfEachInOrderLikeALinkedHashSet() {
        Set<String> set = set("b", "a", "b", "c", "a");
        Set<String> expected = Collections.unmodifiableSet(new LinkedHashSet<>(List.of("b", "a", "b", "c", "a")));

        assertEquals(List.of("b", "a", "c"), new ArrayList<>(set));
        assertEquals(expected, set);
        assertEquals(set, expected);
        assertEquals(expected.hashCode(), set.hashCode());
        assertEquals(expected.toString(), set.toString());
        assertTrue(set.contains("c"));
        assertFalse(set.contains("d"));
        assertFalse(set.contains(null));
        assertEquals(3, set.size());
    }

    @Test
    void ofWhenZeroOneOrManyValuesThenTheSameSets() {
        assertEquals(Set.of(), set());
        assertEquals(Set.of("a"), set("a"));
        assertEquals(Set.of("a"), set("a", "a"));
        String[] many = new String[20];
        for (int i = 0; i < many.length; i++) {
            many[i] = "v" + (i % 10);
        }
        assertEquals(List.of("v0", "v1", "v2", "v3", "v4", "v5", "v6", "v7", "v8", "v9"), new ArrayList<>(set(many)));
    }

    @Test
    void iteratorWhenExhaustedOrRemovingThenRefused() {
        Iterator<String> iterator = set("a", "b").iterator();
        iterator.next();

        assertThrows(UnsupportedOperationException.class, iterator::remove);
        iterator.next();
        assertThrows(NoSuchElementException.class, iterator::next);
    }

    @Test
    void everyChangeWhenASetThenUnsupportedWhateverTheArgument() {
        for (Set<String> set : List.of(set("a", "b"), set("a", "b", "c", "d", "e", "f", "g", "h", "i", "j"))) {
            List<Consumer<Set<String>>> changes = List.of(s -> s.add("x"), s -> s.add("a"), s -> s.remove("x"),
                    s -> s.remove("a"), s -> s.addAll(List.of()), s -> s.removeAll(List.of("x")),
                    s -> s.retainAll(List.of("a", "b")), s -> s.removeIf(v -> false), Set::clear);
            for (Consumer<Set<String>> change : changes) {
                assertThrows(UnsupportedOperationException.class, () -> change.accept(set));
            }
            assertTrue(set.contains("a"));
        }
    }

    @Test
    void ofWhenAMapThenLikeAnUnmodifiableLinkedHashMap() {
        Map<String, Object> map = map("z", 1L, "a", "x", "m", List.of(true));
        Map<String, Object> linked = new LinkedHashMap<>();
        linked.put("z", 1L);
        linked.put("a", "x");
        linked.put("m", List.of(true));
        Map<String, Object> expected = Collections.unmodifiableMap(linked);

        assertEquals(expected, map);
        assertEquals(map, expected);
        assertEquals(expected.hashCode(), map.hashCode());
        assertEquals(expected.toString(), map.toString());
        assertEquals(List.of("z", "a", "m"), new ArrayList<>(map.keySet()));
        assertEquals(new ArrayList<>(expected.values()), new ArrayList<>(map.values()));
        assertEquals(new ArrayList<>(expected.entrySet()), new ArrayList<>(map.entrySet()));
        assertEquals("x", map.get("a"));
        assertEquals(null, map.get("b"));
        assertEquals(null, map.get(null));
        assertTrue(map.containsKey("m"));
        assertFalse(map.containsKey("x"));
        assertTrue(map.containsValue(1L));
        assertEquals(7, map.getOrDefault("b", 7));
    }

    @Test
    void everyChangeWhenAMapOrItsViewsThenUnsupportedWhateverTheArguments() {
        for (Map<String, Object> map : List.of(map("a", 1L, "b", 2L), map("a", 1L, "b", 2L, "c", 3L, "d", 4L,
                "e", 5L, "f", 6L, "g", 7L, "h", 8L, "i", 9L))) {
            List<Consumer<Map<String, Object>>> changes = List.of(m -> m.put("x", 1L), m -> m.put("a", 1L),
                    m -> m.remove("x"), m -> m.remove("a"), m -> m.putAll(Map.of()), Map::clear,
                    m -> m.replaceAll((k, v) -> v), m -> m.putIfAbsent("a", 1L), m -> m.putIfAbsent("x", 1L),
                    m -> m.remove("x", 1L), m -> m.replace("x", 1L, 2L), m -> m.replace("x", 1L),
                    m -> m.computeIfAbsent("a", k -> 1L), m -> m.computeIfPresent("x", (k, v) -> v),
                    m -> m.compute("x", (k, v) -> null), m -> m.merge("x", 1L, (a, b) -> a),
                    m -> m.keySet().remove("x"), m -> m.keySet().clear(), m -> m.keySet().retainAll(List.of("a", "b")),
                    m -> m.values().remove(9L), m -> m.values().removeIf(v -> false),
                    m -> m.entrySet().remove(Map.entry("x", 1L)), m -> m.entrySet().removeIf(e -> false),
                    m -> m.entrySet().retainAll(List.of()), m -> m.entrySet().clear(),
                    m -> m.entrySet().iterator().next().setValue(3L), m -> {
                        Iterator<Map.Entry<String, Object>> it = m.entrySet().iterator();
                        it.next();
                        it.remove();
                    });
            for (Consumer<Map<String, Object>> change : changes) {
                assertThrows(UnsupportedOperationException.class, () -> change.accept(map));
            }
            assertEquals(1L, map.get("a"));
        }
    }

    @Test
    void ofWhenEmptyOrLargeThenTheSameMaps() {
        assertEquals(Map.of(), map());
        Object[] entries = new Object[40];
        for (int i = 0; i < 20; i++) {
            entries[2 * i] = "k" + (19 - i);
            entries[2 * i + 1] = (long) i;
        }
        Map<String, Object> large = map(entries);
        assertEquals(20, large.size());
        assertEquals("k19", large.keySet().iterator().next());
        assertEquals(19L, large.get("k0"));
    }

    @Test
    void serializationWhenWrittenAndReadThenEqual() throws Exception {
        Set<String> set = set("b", "a", "b");
        Map<String, Object> map = map("z", 1L, "a", List.of("x"));

        assertEquals(set, roundTrip(set));
        assertEquals(List.of("b", "a"), new ArrayList<>((Set<?>) roundTrip(set)));
        assertEquals(map, roundTrip(map));
        assertEquals(List.of("z", "a"), new ArrayList<>(((Map<?, ?>) roundTrip(map)).keySet()));
    }
}
