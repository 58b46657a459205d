package io.spear.next.storage.kv;

import java.util.Objects;

/**
 * One key and its value. The value array is shared, not copied: treat it as read-only.
 */
public record KvPair(String key, byte[] value) {

    public KvPair {
        Keys.requireValid(key);
        Objects.requireNonNull(value, "value");
    }

    // Records compare arrays by identity; a pair is a value, so compare contents.
    @Override
    public boolean equals(Object other) {
        return other instanceof KvPair that && key.equals(that.key) && java.util.Arrays.equals(value, that.value);
    }

    @Override
    public int hashCode() {
        return 31 * key.hashCode() + java.util.Arrays.hashCode(value);
    }

    @Override
    public String toString() {
        return "KvPair[key=" + key + ", value=" + value.length + " bytes]";
    }
}
