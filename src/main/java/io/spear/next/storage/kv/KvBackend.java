package io.spear.next.storage.kv;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The storage backends a {@link KvStoreConfig} can name. */
public enum KvBackend {
    /** Everything in the heap; lost when the process stops. For tests and local experiments. */
    MEMORY,
    /** Embedded RocksDB in a local directory; durable. */
    ROCKSDB,
    /** An etcd cluster shared by several SMS replicas; durable and highly available. */
    ETCD;

    /** The name used in configuration ({@code memory}, {@code rocksdb}). */
    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses a configured backend name, case-insensitively; unknown names list the supported ones. */
    public static KvBackend parse(String name) {
        for (KvBackend backend : values()) {
            if (backend.configName().equalsIgnoreCase(name == null ? "" : name.trim())) {
                return backend;
            }
        }
        throw new KvConfigException("unknown KV backend '" + name + "'; supported backends: " + supported());
    }

    public static String supported() {
        return Arrays.stream(values()).map(KvBackend::configName).collect(Collectors.joining(", "));
    }
}
