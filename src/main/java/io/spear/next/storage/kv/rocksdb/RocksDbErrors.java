package io.spear.next.storage.kv.rocksdb;

import io.spear.next.storage.kv.KvException;
import io.spear.next.storage.kv.KvIoException;
import io.spear.next.storage.kv.KvStoreLockedException;
import java.nio.file.Path;
import org.rocksdb.RocksDBException;

/** Translates RocksDB's errors into the store's own, with the path and what to do. */
final class RocksDbErrors {

    private RocksDbErrors() {}

    static KvException onOpen(Path dir, RocksDBException e) {
        String reason = reason(e);
        if (reason.contains("lock hold by current process")) {
            return new KvStoreLockedException(
                    "the RocksDB directory " + dir + " is already open in this process: "
                            + "close the other store first, or use a different directory",
                    dir,
                    e);
        }
        if (reason.contains("/LOCK")) {
            return new KvStoreLockedException(
                    "the RocksDB directory " + dir + " is locked by another process ("
                            + dir.resolve("LOCK")
                            + " is held, and only one process may open a RocksDB directory): stop the "
                            + "other process, or point KV_PATH / kv.path at a different directory",
                    dir,
                    e);
        }
        return new KvIoException(
                "cannot open RocksDB in " + dir + " (" + reason + "): check that the directory is "
                        + "writable, the disk has space, and the files in it were written by RocksDB",
                dir,
                e);
    }

    static KvIoException onOperation(Path dir, String operation, RocksDBException e) {
        return new KvIoException(
                "RocksDB " + operation + " failed in " + dir + " (" + reason(e)
                        + "): check that the disk has space and the directory is writable",
                dir,
                e);
    }

    private static String reason(RocksDBException e) {
        if (e.getStatus() != null
                && e.getStatus().getState() != null
                && !e.getStatus().getState().isBlank()) {
            return e.getStatus().getCodeString() + ": " + e.getStatus().getState();
        }
        return String.valueOf(e.getMessage());
    }
}
