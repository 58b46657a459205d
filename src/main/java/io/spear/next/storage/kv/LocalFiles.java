package io.spear.next.storage.kv;

import java.nio.file.Path;

/**
 * What a store kept in local files has that others do not: its data directory and the lock file
 * this process holds on it (RocksDB's {@code LOCK}). Health checks, disk metrics and messages reach
 * it with {@code store.unwrap(LocalFiles.class)}: empty for etcd and memory.
 */
public interface LocalFiles {

    /** The data directory, absolute. */
    Path directory();

    /** The file whose lock this process holds on the data. */
    Path lockFile();

    /** " in DIRECTORY" for a store in local files, else nothing: where its data is, for messages. */
    static String inDirectoryOf(KvStore store) {
        return store.unwrap(LocalFiles.class)
                .map(files -> " in " + files.directory())
                .orElse("");
    }
}
