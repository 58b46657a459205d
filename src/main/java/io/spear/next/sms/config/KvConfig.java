package io.spear.next.sms.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.spear.next.storage.kv.KvBackend;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code kv.*} configuration. MicroProfile Config maps environment variables onto it, so
 * {@code KV_BACKEND}, {@code KV_PATH} and {@code KV_ROCKSDB_MAX_OPEN_FILES} work as the seed shows.
 */
@ConfigMapping(prefix = "kv")
public interface KvConfig {

    /** {@code rocksdb} (durable, the default), {@code etcd} (several replicas) or {@code memory}. */
    @WithDefault("rocksdb")
    KvBackend backend();

    /** The RocksDB data directory; created if missing. Relative paths are resolved from the working directory. */
    @WithDefault("data/kv")
    String path();

    /** RocksDB tuning, e.g. {@code kv.rocksdb.max-open-files=1000}; names as in RocksDbParam, '-' or '_'. */
    Map<String, String> rocksdb();

    /**
     * The etcd cluster for {@code kv.backend=etcd}: {@code kv.etcd.endpoints} (required),
     * {@code namespace}, {@code connect-timeout}, {@code request-timeout}, {@code user},
     * {@code password}, {@code tls-ca-file}, {@code tls-cert-file}, {@code tls-key-file},
     * {@code max-txn-ops}, {@code max-request-bytes} (see EtcdSettings).
     */
    Map<String, String> etcd();

    Health health();

    Backup backup();

    /**
     * Start from this backup: an id in {@code kv.backup.dir}, or a backup directory's path. It is
     * copied into an empty {@code kv.path} before the store opens, once (a marker file records it).
     */
    Optional<String> restoreFrom();

    /** Let {@code kv.restore-from} replace whatever {@code kv.path} holds. */
    @WithDefault("false")
    boolean restoreOverwrite();

    interface Backup {

        /** Where backups go; on the data volume, checkpoints hard-link their files and cost little. */
        @WithDefault("data/backups")
        String dir();

        /** How many backups to keep; older ones are deleted after each new one. */
        @WithDefault("7")
        int keep();

        /** A Quartz-style cron expression for scheduled backups, or "off". */
        @WithDefault("off")
        String schedule();
    }

    interface Health {

        /** Readiness goes DOWN when the data directory's file system has less usable space than this. */
        @WithDefault("104857600")
        long minFreeBytes();

        /** Readiness goes DOWN when a read of the store takes longer than this. */
        @WithDefault("2s")
        Duration readTimeout();
    }
}
