package io.spear.next.storage.kv.rocksdb;

import io.spear.next.storage.kv.KvConfigException;
import io.spear.next.storage.kv.KvStoreConfig;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The RocksDB tuning parameters a config may set, with what each accepts. Every one is applied
 * when the store opens ({@link RocksDbSettings}); anything else is refused.
 */
public enum RocksDbParam {
    MAX_OPEN_FILES("an integer >= -1 (-1 keeps every file open)"),
    WRITE_BUFFER_SIZE("a size >= 64KiB, in bytes or with a KiB/MiB/GiB suffix, e.g. 67108864 or 64MiB"),
    MAX_WRITE_BUFFER_NUMBER("an integer >= 2"),
    BLOCK_CACHE_SIZE("a size in bytes or with a KiB/MiB/GiB suffix; 0 disables the block cache"),
    COMPRESSION("one of " + names(RocksDbSettings.Compression.values())),
    BLOOM_FILTER_BITS("bits per key, a number from 0 (no filter) to 64"),
    SYNC("true (fsync the WAL on every write) or false"),
    WAL_RECOVERY_MODE("one of " + names(RocksDbSettings.WalRecovery.values())),
    MAX_BACKGROUND_JOBS("an integer from 1 to 64");

    private final String accepted;

    RocksDbParam(String accepted) {
        this.accepted = accepted;
    }

    /** The name used in configs and in KV_ROCKSDB_* variables (lower-case: max_open_files). */
    public String paramName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** What the parameter accepts, for error messages and documentation. */
    public String accepted() {
        return accepted;
    }

    static RocksDbParam named(String name) {
        String normalized = KvStoreConfig.normalizeParamName(name);
        for (RocksDbParam param : values()) {
            if (param.paramName().equals(normalized)) {
                return param;
            }
        }
        throw new KvConfigException("unknown RocksDB parameter '" + name + "'; accepted parameters: "
                + Arrays.stream(values()).map(RocksDbParam::paramName).collect(Collectors.joining(", ")));
    }

    KvConfigException invalid(String value) {
        return new KvConfigException(
                "invalid value '" + value + "' for RocksDB parameter " + paramName() + ": expected " + accepted);
    }

    private static String names(Enum<?>[] values) {
        return Arrays.stream(values).map(v -> v.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", "));
    }
}
