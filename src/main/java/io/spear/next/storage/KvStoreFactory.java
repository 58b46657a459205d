package io.spear.next.storage;

import io.spear.next.storage.kv.KvBackend;
import io.spear.next.storage.kv.KvConfigException;
import io.spear.next.storage.kv.KvStore;
import io.spear.next.storage.kv.KvStoreConfig;
import io.spear.next.storage.kv.etcd.EtcdKvStore;
import io.spear.next.storage.kv.etcd.EtcdSettings;
import io.spear.next.storage.kv.memory.MemoryKvStore;
import io.spear.next.storage.kv.rocksdb.RocksDbKvStore;
import io.spear.next.storage.kv.rocksdb.RocksDbRestore;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * The one place that names the concrete backends (an architecture test holds everything else to
 * the interfaces of {@code storage.kv}): opens the store a {@link KvStoreConfig} describes, and
 * restores a backup into a backend's data before it opens.
 */
public final class KvStoreFactory {

    private KvStoreFactory() {}

    /** Opens the configured store; for RocksDB the directory is created if missing and locked. */
    public static KvStore open(KvStoreConfig config) {
        return switch (config.backend()) {
            case MEMORY -> {
                if (!config.params().isEmpty()) {
                    throw new KvConfigException("the memory backend takes no parameters, got "
                            + config.params().keySet());
                }
                yield new MemoryKvStore();
            }
            case ROCKSDB -> RocksDbKvStore.open(Path.of(config.path().orElseThrow()), config.params());
            case ETCD -> EtcdKvStore.open(EtcdSettings.parse(config.params()));
        };
    }

    /**
     * Opens the store the environment describes, as the design note's {@code
     * create_kv_store_from_env}: {@code KV_BACKEND} ({@code memory} when unset), {@code KV_PATH}
     * (required for rocksdb), and {@code KV_<BACKEND>_<PARAM>=value} for each of the backend's
     * parameters, e.g. {@code KV_ROCKSDB_MAX_OPEN_FILES=1000} or {@code KV_ETCD_ENDPOINTS=...}.
     */
    public static KvStore fromEnv() {
        return fromEnv(System.getenv());
    }

    /** As {@link #fromEnv()}, from the given variables (a test's, or a launcher's). */
    public static KvStore fromEnv(Map<String, String> env) {
        return open(configFromEnv(env));
    }

    /**
     * The config {@link #fromEnv(Map)} opens; an unknown backend names the accepted ones, a
     * rocksdb backend without {@code KV_PATH} says so.
     */
    public static KvStoreConfig configFromEnv(Map<String, String> env) {
        String name = env.get("KV_BACKEND");
        KvBackend backend = name == null || name.isBlank() ? KvBackend.MEMORY : KvBackend.parse(name);
        KvStoreConfig config = switch (backend) {
            case MEMORY -> KvStoreConfig.memory();
            case ROCKSDB -> {
                String path = env.get("KV_PATH");
                if (path == null || path.isBlank()) {
                    throw new KvConfigException("KV_BACKEND=rocksdb needs KV_PATH, the data directory");
                }
                yield KvStoreConfig.rocksdb(path);
            }
            case ETCD -> KvStoreConfig.etcd(env.get("KV_ETCD_ENDPOINTS"));
        };
        String prefix = "KV_" + backend.name() + "_";
        for (Map.Entry<String, String> variable : new TreeMap<>(env).entrySet()) {
            if (variable.getKey().startsWith(prefix) && variable.getKey().length() > prefix.length()) {
                config = config.withParam(variable.getKey().substring(prefix.length()), variable.getValue());
            }
        }
        return config;
    }

    /**
     * Copies a backup ({@code idOrPath}: an id in {@code backups}, or a backup's directory) into
     * the data directory {@code target}; false when it was restored there before. Only RocksDB
     * keeps its data where this process can put it back: an etcd snapshot is restored with etcd's
     * own tools, into new member directories.
     */
    public static boolean restore(KvBackend backend, Path backups, String idOrPath, Path target, boolean overwrite) {
        if (backend != KvBackend.ROCKSDB) {
            throw new KvConfigException("kv.restore-from needs kv.backend=rocksdb; an etcd snapshot is restored with "
                    + "etcdctl snapshot restore (docs/ETCD.md)");
        }
        return RocksDbRestore.restore(backups, idOrPath, target, overwrite);
    }
}
