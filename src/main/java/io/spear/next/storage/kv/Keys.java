package io.spear.next.storage.kv;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;

/**
 * Key rules shared by every backend: keys are non-empty strings, stored as UTF-8 and ordered as
 * unsigned bytes (RocksDB's bytewise comparator). That is code point order, which differs from
 * {@link String#compareTo} for characters outside the BMP.
 */
public final class Keys {

    /** Orders encoded keys the way RocksDB's default comparator does. */
    public static final Comparator<byte[]> BYTEWISE = Arrays::compareUnsigned;

    private Keys() {}

    public static String requireValid(String key) {
        if (key == null || key.isEmpty()) {
            throw new IllegalArgumentException("key must be a non-empty string");
        }
        return key;
    }

    public static byte[] encode(String key) {
        return requireValid(key).getBytes(StandardCharsets.UTF_8);
    }

    /** The encoded keys of a list of items (conditions, mutations, pairs), in order. */
    public static <T> byte[][] encodeAll(List<T> items, Function<T, String> key) {
        byte[][] encoded = new byte[items.size()][];
        for (int i = 0; i < encoded.length; i++) {
            encoded[i] = encode(key.apply(items.get(i)));
        }
        return encoded;
    }

    public static String decode(byte[] key) {
        return new String(key, StandardCharsets.UTF_8);
    }

    /**
     * The smallest key greater than every key that starts with {@code prefix}, or null when no such
     * key exists (the prefix is all U+10FFFF). Prefix scans are the range [prefix, prefixEnd).
     */
    public static String prefixEnd(String prefix) {
        int[] codePoints = prefix.codePoints().toArray();
        for (int i = codePoints.length - 1; i >= 0; i--) {
            int next = codePoints[i] + 1;
            if (next == Character.MIN_SURROGATE) {
                next = Character.MAX_SURROGATE + 1; // surrogates are not code points of their own
            }
            if (next <= Character.MAX_CODE_POINT) {
                codePoints[i] = next;
                return new String(codePoints, 0, i + 1);
            }
        }
        return null;
    }
}
