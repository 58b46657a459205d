package io.spear.next.testing;

import io.spear.next.storage.KvStoreFactory;
import io.spear.next.storage.kv.KvStore;
import io.spear.next.storage.kv.KvStoreConfig;
import io.spear.next.storage.kv.transfer.KvExport;
import io.spear.next.storage.kv.transfer.KvImport;
import io.spear.next.storage.kv.transfer.TransferStats;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.util.concurrent.CompletableFuture;

/** A child process for the bounded-heap test: streams RocksDB args[0] into RocksDB args[1] through a pipe. */
public final class MigrateKvStore {

    public static void main(String[] args) throws Exception {
        try (KvStore source = KvStoreFactory.open(KvStoreConfig.rocksdb(args[0]));
                KvStore target = KvStoreFactory.open(KvStoreConfig.rocksdb(args[1]))) {
            PipedInputStream in = new PipedInputStream(1 << 16);
            PipedOutputStream out = new PipedOutputStream(in);
            CompletableFuture<TransferStats> imported =
                    CompletableFuture.supplyAsync(() -> KvImport.importFrom(target, in));
            try (out) {
                KvExport.exportTo(source, out);
            }
            System.out.println("imported " + imported.get().pairs());
        }
    }
}
