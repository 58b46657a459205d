package io.spear.next.sms.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.spear.next.storage.kv.KvBackend;
import java.time.Duration;
import java.util.Map;

/**
 * The {@code kv.*} configuration. MicroProfile Config maps environment variables onto it, so
 * {@code KV_BACKEND}, {@code KV_PATH} and {@code KV_ROCKSDB_MAX_OPEN_FILES} work as the seed shows.
 */
@ConfigMapping(prefix = "kv")
public interface KvConfig {

    /** {@code rocksdb} (durable, the default) or {@code memory}. */
    @WithDefault("rocksdb")
    KvBackend backend();

    /** The RocksDB data directory; created if missing. Relative paths are resolved from the working directory. */
    @WithDefault("data/kv")
    String path();

    /** RocksDB tuning, e.g. {@code kv.rocksdb.max-open-files=1000}; names as in RocksDbParam, '-' or '_'. */
    Map<String, String> rocksdb();

    Health health();

    interface Health {

        /** Readiness goes DOWN when the data directory's file system has less usable space than this. */
        @WithDefault("104857600")
        long minFreeBytes();

        /** Readiness goes DOWN when a read of the store takes longer than this. */
        @WithDefault("2s")
        Duration readTimeout();
    }
}
