package io.spear.next.sms.admin;

import io.quarkus.logging.Log;
import io.spear.next.registry.Registry;
import io.spear.next.sms.config.KvConfig;
import io.spear.next.storage.kv.BackupInfo;
import io.spear.next.storage.kv.KvBackups;
import io.spear.next.storage.kv.KvSnapshots;
import io.spear.next.storage.kv.KvStore;
import io.spear.next.storage.kv.transfer.KvExport;
import io.spear.next.storage.kv.transfer.KvImport;
import io.spear.next.storage.kv.transfer.KvImportException;
import io.spear.next.storage.kv.transfer.TransferStats;
import jakarta.inject.Singleton;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.List;

/**
 * Operations on the store as a whole, for operators: backups (of a backend that offers
 * {@link KvSnapshots}: RocksDB checkpoints, etcd snapshots), and export and import
 * of every pair for migrations between backends. Blocking: call it from a worker thread.
 */
@Singleton
public class StoreAdmin {

    private final KvStore store;
    private final Registry registry;
    private final KvBackups backups;

    StoreAdmin(KvStore store, Registry registry, KvConfig config) {
        this.store = store;
        this.registry = registry;
        this.backups =
                new KvBackups(Path.of(config.backup().dir()), config.backup().keep());
    }

    public BackupInfo createBackup() {
        BackupInfo info = backups.create(snapshots());
        Log.infof(
                "Backup %s taken: %d keys, %d bytes, in %s",
                info.id(), info.keyCount(), info.sizeBytes(), backups.dir());
        return info;
    }

    public List<BackupInfo> listBackups() {
        snapshots();
        return backups.list();
    }

    public BackupInfo verifyBackup(String id) {
        return backups.verify(id, snapshots());
    }

    public boolean backupsSupported() {
        return store.unwrap(KvSnapshots.class).isPresent();
    }

    public TransferStats export(OutputStream out) {
        return KvExport.exportTo(store, out);
    }

    /**
     * Imports an export into this instance. Only into a registry without nodes: pairs are copied
     * as they are, and merging two registries that way would mix their indexes and totals.
     */
    public TransferStats importFrom(InputStream in) {
        if (registry.holdsRecords()) {
            throw new StoreNotEmptyException();
        }
        store.clear(); // only derived data of the empty registry: it is rebuilt below
        try {
            return KvImport.importFrom(store, in, Registry::checkRecord);
        } catch (KvImportException bad) {
            store.clear(); // all or nothing: the pairs before the bad line go too, back to the empty registry
            throw bad.withdrawn();
        } catch (RuntimeException broken) {
            store.clear(); // a stream cut short, a store that failed: nothing half imported stays
            throw broken;
        } finally {
            // Records in an older format are upgraded; indexes and totals follow from the records,
            // whatever the stream held of them; the change log is the imported one, and goes on
            // from its newest event.
            registry.reloadAfterImport();
        }
    }

    private KvSnapshots snapshots() {
        return store.unwrap(KvSnapshots.class).orElseThrow(BackupsUnsupportedException::new);
    }
}
