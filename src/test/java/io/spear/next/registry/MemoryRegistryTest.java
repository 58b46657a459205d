package io.spear.next.registry;

import io.spear.next.storage.kv.KvStore;
import io.spear.next.storage.kv.KvStoreConfig;
import io.spear.next.storage.kv.KvStores;

class MemoryRegistryTest extends RegistryContractTest {

    @Override
    protected KvStore openStore() {
        return KvStores.createFromConfig(KvStoreConfig.memory());
    }
}
