package io.spear.next.storage.kv;

import java.util.Arrays;
import java.util.Objects;

/**
 * A precondition of {@link KvStore#writeIf}: a key is absent, present, or holds exactly some bytes.
 * With it, writers that read-modify-write (the registries) detect a concurrent change and retry
 * instead of losing it, whichever process or object made the change.
 */
public record KvCondition(String key, Expect expect, byte[] value) {

    public enum Expect {
        ABSENT,
        PRESENT,
        EQUALS
    }

    public KvCondition {
        Keys.requireValid(key);
        Objects.requireNonNull(expect, "expect");
        if ((expect == Expect.EQUALS) != (value != null)) {
            throw new IllegalArgumentException("a value goes with EQUALS, and only with it");
        }
    }

    public static KvCondition absent(String key) {
        return new KvCondition(key, Expect.ABSENT, null);
    }

    public static KvCondition present(String key) {
        return new KvCondition(key, Expect.PRESENT, null);
    }

    public static KvCondition equalTo(String key, byte[] value) {
        return new KvCondition(key, Expect.EQUALS, value);
    }

    /** The condition that holds exactly when the key's current value is {@code current} (null: absent). */
    public static KvCondition unchanged(String key, byte[] current) {
        return current == null ? absent(key) : equalTo(key, current);
    }

    /** Whether the condition holds for the key's current value (null when absent). */
    public boolean holdsFor(byte[] current) {
        return switch (expect) {
            case ABSENT -> current == null;
            case PRESENT -> current != null;
            case EQUALS -> Arrays.equals(value, current);
        };
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof KvCondition that
                && key.equals(that.key)
                && expect == that.expect
                && Arrays.equals(value, that.value);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * key.hashCode() + expect.hashCode()) + Arrays.hashCode(value);
    }

    @Override
    public String toString() {
        return "KvCondition[" + key + " " + expect + (value == null ? "" : " " + value.length + " bytes") + "]";
    }
}
