package io.spear.next.storage.kv;

import io.spear.next.storage.kv.etcd.EtcdKvStore;
import io.spear.next.storage.kv.etcd.EtcdSettings;
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
    /** Prefix of one environment variable per etcd parameter: KV_ETCD_ENDPOINTS=http://etcd:2379. */
    public static final String ENV_ETCD_PARAM_PREFIX = "KV_ETCD_";

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
            case ETCD -> EtcdKvStore.open(EtcdSettings.parse(config.params()));
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
     * Reads {@code KV_BACKEND} ({@code memory}, the default, {@code rocksdb} or {@code etcd}),
     * {@code KV_PATH} (required for rocksdb), one {@code KV_ROCKSDB_<PARAM>} variable per RocksDB
     * parameter and one {@code KV_ETCD_<PARAM>} per etcd parameter ({@code KV_ETCD_ENDPOINTS}...).
     */
    public static KvStoreConfig configFromEnv(Map<String, String> env) {
        String backendName = env.get(ENV_BACKEND);
        KvBackend backend = backendName == null || backendName.isBlank()
                ? KvBackend.MEMORY
                : KvBackend.parse(backendName);
        if (backend == KvBackend.MEMORY) {
            return KvStoreConfig.memory();
        }
        if (backend == KvBackend.ETCD) {
            KvStoreConfig config = KvStoreConfig.etcd(env.get(ENV_ETCD_PARAM_PREFIX + "ENDPOINTS"));
            for (Map.Entry<String, String> entry : env.entrySet()) {
                if (entry.getKey().startsWith(ENV_ETCD_PARAM_PREFIX)) {
                    String param = entry.getKey().substring(ENV_ETCD_PARAM_PREFIX.length()).toLowerCase(Locale.ROOT);
                    config = config.withParam(param, entry.getValue());
                }
            }
            return config;
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
