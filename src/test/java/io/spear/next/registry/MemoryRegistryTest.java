package io.spear.next.registry;

import io.spear.next.storage.kv.KvStore;
import io.spear.next.storage.kv.KvStoreConfig;
import io.spear.next.storage.KvStoreFactory;

class MemoryRegistryTest extends RegistryContractTest {

    @Override
    protected KvStore openStore() {
        return KvStoreFactory.open(KvStoreConfig.memory());
    }
}
