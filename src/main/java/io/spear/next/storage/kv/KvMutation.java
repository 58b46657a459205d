package io.spear.next.storage.kv;

import java.util.Objects;

/** One change in an atomic {@link KvStore#write(java.util.List)}: a put or a delete. */
public sealed interface KvMutation {

    String key();

    static KvMutation put(String key, byte[] value) {
        return new Put(key, value);
    }

    static KvMutation delete(String key) {
        return new Delete(key);
    }

    record Put(String key, byte[] value) implements KvMutation {
        public Put {
            Keys.requireValid(key);
            Objects.requireNonNull(value, "value");
        }
    }

    record Delete(String key) implements KvMutation {
        public Delete {
            Keys.requireValid(key);
        }
    }
}
