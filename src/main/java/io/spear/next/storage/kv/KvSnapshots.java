package io.spear.next.storage.kv;

import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * A backend's ability to copy its data, consistently and while it serves, into a directory: the
 * capability {@link KvBackups} builds on, reached with {@code store.unwrap(KvSnapshots.class)}.
 * RocksDB writes a checkpoint (a complete database); etcd streams a snapshot of the cluster
 * through its maintenance API.
 */
public interface KvSnapshots {

    /** Writes a copy into {@code target}, a directory that does not exist yet; returns the keys it holds. */
    long snapshotInto(Path target);

    /**
     * Reads a copy back with its checksums; throws a {@link KvIoException} naming what is damaged.
     * Returns the keys it holds, where the copy can be counted without the backend's tools.
     */
    OptionalLong verify(Path copy);

    /** One sentence for operators: how a copy is restored. */
    String restoreHint();
}
