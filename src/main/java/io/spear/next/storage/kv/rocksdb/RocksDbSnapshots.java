package io.spear.next.storage.kv.rocksdb;

import io.spear.next.storage.kv.KvIoException;
import io.spear.next.storage.kv.KvSnapshots;
import java.nio.file.Path;
import java.util.OptionalLong;
import org.rocksdb.Options;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;

/**
 * RocksDB's copies: a checkpoint of the running store (hard links to its immutable files where
 * the file system allows, so it costs little space until they are compacted away), counted and
 * checked by opening it read-only. A checkpoint is a complete database: {@link RocksDbRestore}
 * copies one into a data directory.
 */
final class RocksDbSnapshots implements KvSnapshots {

    private final RocksDbKvStore store;

    RocksDbSnapshots(RocksDbKvStore store) {
        this.store = store;
    }

    @Override
    public long snapshotInto(Path target) {
        store.checkpoint(target);
        return countKeys(target, false);
    }

    @Override
    public OptionalLong verify(Path copy) {
        return OptionalLong.of(countKeys(copy, true));
    }

    @Override
    public String restoreHint() {
        return "A RocksDB checkpoint: restore it with kv.restore-from (the service copies it into an empty kv.path).";
    }

    private static long countKeys(Path db, boolean verifyChecksums) {
        RocksDB.loadLibrary();
        try (Options options = new Options();
                RocksDB readOnly = RocksDB.openReadOnly(options, db.toString());
                ReadOptions read =
                        new ReadOptions().setVerifyChecksums(verifyChecksums).setFillCache(false)) {
            return RocksDbKvStore.countKeys(readOnly, read);
        } catch (RocksDBException e) {
            throw new KvIoException("cannot read the backup in " + db + " (" + e.getMessage() + ")", db, e);
        }
    }
}
