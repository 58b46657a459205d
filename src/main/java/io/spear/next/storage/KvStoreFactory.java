package io.spear.next.storage;

import io.spear.next.storage.kv.KvBackend;
import io.spear.next.storage.kv.KvConfigException;
import io.spear.next.storage.kv.KvStore;
import io.spear.next.storage.kv.KvStoreConfig;
import io.spear.next.storage.kv.etcd.EtcdKvStore;
import io.spear.next.storage.kv.etcd.EtcdSettings;
import io.spear.next.storage.kv.memory.MemoryKvStore;
import io.spear.next.storage.kv.rocksdb.RocksDbKvStore;
import io.spear.next.storage.kv.rocksdb.RocksDbRestore;
import java.nio.file.Path;

/**
 * The one place that names the concrete backends (an architecture test holds everything else to
 * the interfaces of {@code storage.kv}): opens the store a {@link KvStoreConfig} describes, and
 * restores a backup into a backend's data before it opens.
 */
public final class KvStoreFactory {

    private KvStoreFactory() {}

    /** Opens the configured store; for RocksDB the directory is created if missing and locked. */
    public static KvStore open(KvStoreConfig config) {
        return switch (config.backend()) {
            case MEMORY -> {
                if (!config.params().isEmpty()) {
                    throw new KvConfigException("the memory backend takes no parameters, got "
                            + config.params().keySet());
                }
                yield new MemoryKvStore();
            }
            case ROCKSDB -> RocksDbKvStore.open(Path.of(config.path().orElseThrow()), config.params());
            case ETCD -> EtcdKvStore.open(EtcdSettings.parse(config.params()));
        };
    }

    /**
     * Copies a backup ({@code idOrPath}: an id in {@code backups}, or a backup's directory) into
     * the data directory {@code target}; false when it was restored there before. Only RocksDB
     * keeps its data where this process can put it back: an etcd snapshot is restored with etcd's
     * own tools, into new member directories.
     */
    public static boolean restore(KvBackend backend, Path backups, String idOrPath, Path target, boolean overwrite) {
        if (backend != KvBackend.ROCKSDB) {
            throw new KvConfigException("kv.restore-from needs kv.backend=rocksdb; an etcd snapshot is restored with "
                    + "etcdctl snapshot restore (docs/ETCD.md)");
        }
        return RocksDbRestore.restore(backups, idOrPath, target, overwrite);
    }
}
