package io.spear.next.storage.kv.rocksdb;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.BloomFilter;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.Statistics;
import org.rocksdb.StatsLevel;
import org.rocksdb.WriteOptions;

/**
 * An open RocksDB database and every native object its options needed, created from
 * {@link RocksDbSettings} in one place and closed in reverse order of creation. The store uses
 * it, and so does the benchmark that compares the store with raw rocksdbjni on the same options.
 */
public final class RocksDbHandles implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(RocksDbHandles.class.getName());

    private final RocksDB db;
    private final WriteOptions writeOptions;
    private final Statistics statistics;
    private final List<AutoCloseable> owned;

    private RocksDbHandles(RocksDB db, WriteOptions writeOptions, Statistics statistics, List<AutoCloseable> owned) {
        this.db = db;
        this.writeOptions = writeOptions;
        this.statistics = statistics;
        this.owned = owned;
    }

    /** Opens (creating if missing) the database in {@code dir}; on failure nothing stays allocated. */
    public static RocksDbHandles open(Path dir, RocksDbSettings settings) throws RocksDBException {
        RocksDB.loadLibrary();
        List<AutoCloseable> owned = new ArrayList<>();
        try {
            Statistics statistics = own(owned, new Statistics());
            statistics.setStatsLevel(StatsLevel.EXCEPT_DETAILED_TIMERS);
            BlockBasedTableConfig table = new BlockBasedTableConfig();
            if (settings.blockCacheSize() > 0) {
                table.setBlockCache(own(owned, new LRUCache(settings.blockCacheSize())));
            } else {
                table.setNoBlockCache(true);
            }
            if (settings.bloomFilterBits() > 0) {
                table.setFilterPolicy(own(owned, new BloomFilter(settings.bloomFilterBits(), false)));
            }
            Options options = own(owned, new Options());
            options.setCreateIfMissing(true)
                    .setMaxOpenFiles(settings.maxOpenFiles())
                    .setWriteBufferSize(settings.writeBufferSize())
                    .setMaxWriteBufferNumber(settings.maxWriteBufferNumber())
                    .setCompressionType(settings.compression().type)
                    .setWalRecoveryMode(settings.walRecoveryMode().mode)
                    .setMaxBackgroundJobs(settings.maxBackgroundJobs())
                    .setKeepLogFileNum(5)
                    // Writers waiting for their write group to commit spin (up to 100 us each) by
                    // default; with more writer threads than cores that spinning takes the CPU the
                    // group leader needs. Measured on 2 cores: see docs/BENCHMARKS.md.
                    .setEnableWriteThreadAdaptiveYield(false)
                    .setStatistics(statistics)
                    .setTableFormatConfig(table);
            WriteOptions writeOptions = own(owned, new WriteOptions().setSync(settings.sync()));
            RocksDB db = own(owned, RocksDB.open(options, dir.toString()));
            return new RocksDbHandles(db, writeOptions, statistics, owned);
        } catch (RocksDBException | RuntimeException | Error e) {
            closeAll(owned);
            throw e;
        }
    }

    public RocksDB db() {
        return db;
    }

    public WriteOptions writeOptions() {
        return writeOptions;
    }

    public Statistics statistics() {
        return statistics;
    }

    /** Closes the database, then its options, filter, cache and statistics. Idempotent. */
    @Override
    public void close() {
        closeAll(owned);
    }

    private static <T extends AutoCloseable> T own(List<AutoCloseable> owned, T resource) {
        owned.add(resource);
        return resource;
    }

    private static void closeAll(List<AutoCloseable> owned) {
        List<AutoCloseable> reversed = new ArrayList<>(owned);
        Collections.reverse(reversed);
        for (AutoCloseable resource : reversed) {
            try {
                if (resource instanceof RocksDB database) {
                    database.closeE();
                } else {
                    resource.close();
                }
            } catch (Exception e) {
                LOG.log(
                        System.Logger.Level.WARNING,
                        "closing " + resource.getClass().getSimpleName() + " failed",
                        e);
            }
        }
        owned.clear();
    }
}
