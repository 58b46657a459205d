package io.spear.next.storage.kv;

import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Which backend to open, where, and with which backend parameters (RocksDB tuning, see
 * {@code RocksDbSettings}). Immutable: {@link #withParam} returns a new config.
 */
public final class KvStoreConfig {

    private final KvBackend backend;
    private final String path;
    private final Map<String, String> params;

    private KvStoreConfig(KvBackend backend, String path, Map<String, String> params) {
        this.backend = Objects.requireNonNull(backend, "backend");
        this.path = path;
        this.params = Collections.unmodifiableMap(new TreeMap<>(params));
    }

    public static KvStoreConfig memory() {
        return new KvStoreConfig(KvBackend.MEMORY, null, Map.of());
    }

    public static KvStoreConfig rocksdb(String path) {
        if (path == null || path.isBlank()) {
            throw new KvConfigException("the rocksdb backend needs a data directory path");
        }
        return new KvStoreConfig(KvBackend.ROCKSDB, path, Map.of());
    }

    /** An etcd cluster at {@code endpoints} (client URLs, comma-separated); more in {@code EtcdSettings}. */
    public static KvStoreConfig etcd(String endpoints) {
        return new KvStoreConfig(KvBackend.ETCD, null, Map.of())
                .withParam("endpoints", endpoints == null ? "" : endpoints);
    }

    /**
     * A copy of this config with one more parameter. Names are case-insensitive and '-', '.' and
     * '_' are interchangeable, so max_open_files, max-open-files (a properties file) and
     * max.open.files (an environment variable as MicroProfile Config maps it) name one parameter.
     */
    public KvStoreConfig withParam(String name, String value) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
        Map<String, String> copy = new TreeMap<>(params);
        copy.put(normalizeParamName(name), value.trim());
        return new KvStoreConfig(backend, path, copy);
    }

    /** The canonical form of a parameter name: lower case, words joined by '_'. */
    public static String normalizeParamName(String name) {
        return name.trim().toLowerCase(Locale.ROOT).replace('-', '_').replace('.', '_');
    }

    public KvBackend backend() {
        return backend;
    }

    /** The data directory; empty for the memory and etcd backends. */
    public Optional<String> path() {
        return Optional.ofNullable(path);
    }

    /** Backend parameters, sorted by name. */
    public Map<String, String> params() {
        return params;
    }

    @Override
    public String toString() {
        return "KvStoreConfig[backend=" + backend.configName()
                + (path == null ? "" : ", path=" + path)
                + (params.isEmpty() ? "" : ", params=" + params) + "]";
    }
}
