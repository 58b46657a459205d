package io.spear.next.registry;

import io.spear.next.storage.KvStoreFactory;
import io.spear.next.storage.kv.KvStore;
import io.spear.next.storage.kv.KvStoreConfig;

class MemoryRegistryTest extends RegistryContractTest {

    @Override
    protected KvStore openStore() {
        return KvStoreFactory.open(KvStoreConfig.memory());
    }
}
