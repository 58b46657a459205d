package io.spear.next.testing;

import io.spear.next.storage.KvStoreFactory;
import io.spear.next.storage.kv.KvStore;
import io.spear.next.storage.kv.KvStoreConfig;
import java.io.IOException;

/** A second process for lock tests: opens the RocksDB directory in args[0], says so, holds it until stdin closes. */
public final class HoldKvStore {

    public static void main(String[] args) throws IOException {
        try (KvStore store = KvStoreFactory.open(KvStoreConfig.rocksdb(args[0]))) {
            System.out.println("open");
            System.out.flush();
            while (System.in.read() >= 0) {
                // hold the lock until the parent closes our stdin
            }
        }
    }
}
