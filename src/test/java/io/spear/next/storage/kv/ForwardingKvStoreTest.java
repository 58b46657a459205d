package io.spear.next.storage.kv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.spear.next.storage.kv.memory.MemoryKvStore;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** The whole store contract through a decorator, which sees every data operation by its name. */
class ForwardingKvStoreTest extends KvStoreContractTest {

    /** Records the operations it forwards; the contract calls it from many threads at once. */
    private static final class Recording extends ForwardingKvStore {
        final List<String> operations = Collections.synchronizedList(new ArrayList<>());

        Recording(KvStore delegate) {
            super(delegate);
        }

        @Override
        protected <T> T call(String operation, Supplier<T> call) {
            operations.add(operation);
            return call.get();
        }
    }

    @Override
    protected KvStore open() {
        return new Recording(new MemoryKvStore());
    }

    @Test
    void everyDataOperationPassesThroughTheDecoratorByName() {
        Recording recording = (Recording) store;
        recording.operations.clear();
        store.put("a", new byte[] {1});
        store.get("a");
        store.getAll(List.of("a"));
        store.writeIf(List.of(KvCondition.absent("b")), List.of(KvMutation.put("b", new byte[] {2})));
        store.writeIfOrRead(List.of(KvCondition.absent("b")), List.of(), List.of("b"));
        store.range(RangeOptions.all());
        store.cursor(RangeOptions.all()).close();
        store.count();
        store.batchDelete(List.of("a"));
        store.clear();
        assertEquals(
                List.of(
                        "put",
                        "get",
                        "get_all",
                        "write_if",
                        "write_if",
                        "range",
                        "cursor_open",
                        "count",
                        "batch_delete",
                        "clear"),
                recording.operations);
        assertSame(recording, store.unwrap(Recording.class).orElseThrow());
        assertEquals(Optional.empty(), store.unwrap(String.class));
    }
}
