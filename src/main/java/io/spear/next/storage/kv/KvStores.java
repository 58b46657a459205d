package io.spear.next.storage.kv;

import io.spear.next.storage.kv.memory.MemoryKvStore;
import io.spear.next.storage.kv.rocksdb.RocksDbKvStore;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/** Opens stores from a {@link KvStoreConfig} or from the environment. */
public final class KvStores {

    public static final String ENV_BACKEND = "KV_BACKEND";
    public static final String ENV_PATH = "KV_PATH";
    /** Prefix of one environment variable per RocksDB parameter: KV_ROCKSDB_MAX_OPEN_FILES=1000. */
    public static final String ENV_ROCKSDB_PARAM_PREFIX = "KV_ROCKSDB_";

    private KvStores() {
    }

    /** Opens the configured store; for RocksDB the directory is created if missing and locked. */
    public static KvStore createFromConfig(KvStoreConfig config) {
        return switch (config.backend()) {
            case MEMORY -> {
                if (!config.params().isEmpty()) {
                    throw new KvConfigException("the memory backend takes no parameters, got " + config.params().keySet());
                }
                yield new MemoryKvStore();
            }
            case ROCKSDB -> RocksDbKvStore.open(Path.of(config.path().orElseThrow()), config.params());
        };
    }

    /** {@link #createFromEnv(Map)} on the process environment. */
    public static KvStore createFromEnv() {
        return createFromEnv(System.getenv());
    }

    /** Opens the store the given environment describes; see {@link #configFromEnv(Map)}. */
    public static KvStore createFromEnv(Map<String, String> env) {
        return createFromConfig(configFromEnv(env));
    }

    /**
     * Reads {@code KV_BACKEND} ({@code memory}, the default, or {@code rocksdb}), {@code KV_PATH}
     * (required for rocksdb) and one {@code KV_ROCKSDB_<PARAM>} variable per RocksDB parameter.
     */
    public static KvStoreConfig configFromEnv(Map<String, String> env) {
        String backendName = env.get(ENV_BACKEND);
        KvBackend backend = backendName == null || backendName.isBlank()
                ? KvBackend.MEMORY
                : KvBackend.parse(backendName);
        if (backend == KvBackend.MEMORY) {
            return KvStoreConfig.memory();
        }
        String path = env.get(ENV_PATH);
        if (path == null || path.isBlank()) {
            throw new KvConfigException(ENV_BACKEND + "=rocksdb needs " + ENV_PATH + " to name the data directory");
        }
        KvStoreConfig config = KvStoreConfig.rocksdb(path);
        for (Map.Entry<String, String> entry : env.entrySet()) {
            if (entry.getKey().startsWith(ENV_ROCKSDB_PARAM_PREFIX)) {
                String param = entry.getKey().substring(ENV_ROCKSDB_PARAM_PREFIX.length()).toLowerCase(Locale.ROOT);
                config = config.withParam(param, entry.getValue());
            }
        }
        return config;
    }
}
