package io.spear.next.storage.kv.rocksdb;

import java.util.Locale;
import java.util.Map;
import org.rocksdb.CompressionType;
import org.rocksdb.WALRecoveryMode;

/**
 * The typed, validated RocksDB parameters, with the defaults used when a parameter is not set.
 * Parsing fails on the first unknown parameter or bad value with a message naming it.
 */
public record RocksDbSettings(
        int maxOpenFiles,
        long writeBufferSize,
        int maxWriteBufferNumber,
        long blockCacheSize,
        Compression compression,
        double bloomFilterBits,
        boolean sync,
        WalRecovery walRecoveryMode,
        int maxBackgroundJobs) {

    public static final RocksDbSettings DEFAULTS =
            new RocksDbSettings(-1, 64L << 20, 2, 64L << 20, Compression.LZ4, 10, false, WalRecovery.POINT_IN_TIME, 2);

    public enum Compression {
        NONE(CompressionType.NO_COMPRESSION),
        SNAPPY(CompressionType.SNAPPY_COMPRESSION),
        LZ4(CompressionType.LZ4_COMPRESSION),
        ZSTD(CompressionType.ZSTD_COMPRESSION);

        final CompressionType type;

        Compression(CompressionType type) {
            this.type = type;
        }
    }

    public enum WalRecovery {
        TOLERATE_CORRUPTED_TAIL_RECORDS(WALRecoveryMode.TolerateCorruptedTailRecords),
        ABSOLUTE_CONSISTENCY(WALRecoveryMode.AbsoluteConsistency),
        POINT_IN_TIME(WALRecoveryMode.PointInTimeRecovery),
        SKIP_ANY_CORRUPTED_RECORDS(WALRecoveryMode.SkipAnyCorruptedRecords);

        final WALRecoveryMode mode;

        WalRecovery(WALRecoveryMode mode) {
            this.mode = mode;
        }
    }

    /** The defaults overridden by {@code params} (names as in {@link RocksDbParam#paramName()}). */
    public static RocksDbSettings parse(Map<String, String> params) {
        Builder builder = new Builder();
        params.forEach((name, value) -> builder.set(RocksDbParam.named(name), value));
        return builder.build();
    }

    private static final class Builder {
        private int maxOpenFiles = DEFAULTS.maxOpenFiles;
        private long writeBufferSize = DEFAULTS.writeBufferSize;
        private int maxWriteBufferNumber = DEFAULTS.maxWriteBufferNumber;
        private long blockCacheSize = DEFAULTS.blockCacheSize;
        private Compression compression = DEFAULTS.compression;
        private double bloomFilterBits = DEFAULTS.bloomFilterBits;
        private boolean sync = DEFAULTS.sync;
        private WalRecovery walRecoveryMode = DEFAULTS.walRecoveryMode;
        private int maxBackgroundJobs = DEFAULTS.maxBackgroundJobs;

        void set(RocksDbParam param, String value) {
            switch (param) {
                case MAX_OPEN_FILES -> maxOpenFiles = integer(param, value, -1, Integer.MAX_VALUE);
                case WRITE_BUFFER_SIZE -> writeBufferSize = size(param, value, 64L << 10);
                case MAX_WRITE_BUFFER_NUMBER -> maxWriteBufferNumber = integer(param, value, 2, 64);
                case BLOCK_CACHE_SIZE -> blockCacheSize = size(param, value, 0);
                case COMPRESSION -> compression = choice(param, value, Compression.class);
                case BLOOM_FILTER_BITS -> bloomFilterBits = decimal(param, value, 0, 64);
                case SYNC -> sync = bool(param, value);
                case WAL_RECOVERY_MODE -> walRecoveryMode = choice(param, value, WalRecovery.class);
                case MAX_BACKGROUND_JOBS -> maxBackgroundJobs = integer(param, value, 1, 64);
            }
        }

        RocksDbSettings build() {
            return new RocksDbSettings(
                    maxOpenFiles,
                    writeBufferSize,
                    maxWriteBufferNumber,
                    blockCacheSize,
                    compression,
                    bloomFilterBits,
                    sync,
                    walRecoveryMode,
                    maxBackgroundJobs);
        }
    }

    private static int integer(RocksDbParam param, String value, int min, int max) {
        try {
            int parsed = Integer.parseInt(value.trim());
            if (parsed >= min && parsed <= max) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw param.invalid(value);
    }

    private static double decimal(RocksDbParam param, String value, double min, double max) {
        try {
            double parsed = Double.parseDouble(value.trim());
            if (parsed >= min && parsed <= max) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw param.invalid(value);
    }

    private static boolean bool(RocksDbParam param, String value) {
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw param.invalid(value);
        };
    }

    private static <E extends Enum<E>> E choice(RocksDbParam param, String value, Class<E> type) {
        try {
            return Enum.valueOf(type, value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw param.invalid(value);
        }
    }

    /** Bytes, optionally with a binary suffix: 67108864, 64MiB, 512KiB, 1GiB. */
    private static long size(RocksDbParam param, String value, long min) {
        String text = value.trim();
        long unit = 1;
        for (String[] suffix : new String[][] {{"KiB", "10"}, {"MiB", "20"}, {"GiB", "30"}}) {
            if (text.endsWith(suffix[0])) {
                unit = 1L << Integer.parseInt(suffix[1]);
                text = text.substring(0, text.length() - suffix[0].length()).trim();
                break;
            }
        }
        try {
            long bytes = Math.multiplyExact(Long.parseLong(text), unit);
            if (bytes >= min) {
                return bytes;
            }
        } catch (NumberFormatException | ArithmeticException e) {
            // reported below
        }
        throw param.invalid(value);
    }
}
