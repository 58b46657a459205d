package io.spear.next.storage.kv;

import io.spear.next.storage.kv.memory.MemoryKvStore;

class MemoryKvStoreTest extends KvStoreContractTest {

    @Override
    protected KvStore open() {
        return new MemoryKvStore();
    }
}
