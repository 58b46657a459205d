package io.spear.next.registry.format;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * A small immutable map of strings in key order ({@link String#compareTo}), held in two arrays: the
 * labels and health info of a node read from its stored bytes, where a hashed map's entries cost
 * more than the few pairs they hold.
 */
public final class KeyOrderedMap extends AbstractMap<String, String> {

    static final KeyOrderedMap EMPTY = new KeyOrderedMap(new String[0], new String[0], 0);

    private final String[] keys;
    private final String[] values;
    private final int size;

    private KeyOrderedMap(String[] keys, String[] values, int size) {
        this.keys = keys;
        this.values = values;
        this.size = size;
    }

    /** Pairs collected in any order; a key given twice keeps its last value, as protobuf's maps do. */
    static final class Builder {
        private String[] keys = new String[4];
        private String[] values = new String[4];
        private int size;

        void put(String key, String value) {
            int at = Arrays.binarySearch(keys, 0, size, key);
            if (at >= 0) {
                values[at] = value;
                return;
            }
            int insert = -at - 1;
            if (size == keys.length) {
                keys = Arrays.copyOf(keys, size * 2);
                values = Arrays.copyOf(values, size * 2);
            }
            System.arraycopy(keys, insert, keys, insert + 1, size - insert);
            System.arraycopy(values, insert, values, insert + 1, size - insert);
            keys[insert] = key;
            values[insert] = value;
            size++;
        }

        KeyOrderedMap build() {
            return size == 0 ? EMPTY : new KeyOrderedMap(keys, values, size);
        }
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public String get(Object key) {
        int at = key instanceof String text ? Arrays.binarySearch(keys, 0, size, text) : -1;
        return at >= 0 ? values[at] : null;
    }

    @Override
    public boolean containsKey(Object key) {
        return key instanceof String text && Arrays.binarySearch(keys, 0, size, text) >= 0;
    }

    @Override
    public Set<Map.Entry<String, String>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public int size() {
                return size;
            }

            @Override
            public Iterator<Map.Entry<String, String>> iterator() {
                return new Iterator<>() {
                    private int next;

                    @Override
                    public boolean hasNext() {
                        return next < size;
                    }

                    @Override
                    public Map.Entry<String, String> next() {
                        if (next >= size) {
                            throw new NoSuchElementException();
                        }
                        int at = next++;
                        return new SimpleImmutableEntry<>(keys[at], values[at]);
                    }
                };
            }
        };
    }
}
