package io.spear.next.storage.kv;

import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A KvStore that hands every call to the store it decorates: the base of decorators. Each data
 * operation goes through {@link #call} under its name (get, get_all, put, delete, write, write_if,
 * batch_put, batch_delete, cursor_open, range, keys_with_prefix, count, clear), which a decorator
 * overrides to act around all of them; what describes the store (backend, location, stats, limits...)
 * is forwarded as it is. {@link #unwrap} finds a decorator or what it decorates.
 */
public abstract class ForwardingKvStore implements KvStore {

    protected final KvStore delegate;

    protected ForwardingKvStore(KvStore delegate) {
        this.delegate = delegate;
    }

    /** Runs one data operation of the decorated store; decorators act around it. */
    protected <T> T call(String operation, Supplier<T> call) {
        return call.get();
    }

    private void run(String operation, Runnable call) {
        call(operation, () -> {
            call.run();
            return null;
        });
    }

    @Override
    public Optional<byte[]> get(String key) {
        return call("get", () -> delegate.get(key));
    }

    @Override
    public List<Optional<byte[]>> getAll(List<String> keys) {
        return call("get_all", () -> delegate.getAll(keys));
    }

    @Override
    public List<Optional<byte[]>> getAllForUpdate(List<String> keys) {
        return call("get_all", () -> delegate.getAllForUpdate(keys));
    }

    @Override
    public KvCursor cursor(RangeOptions options) {
        return call("cursor_open", () -> delegate.cursor(options));
    }

    @Override
    public List<KvPair> range(RangeOptions options) {
        return call("range", () -> delegate.range(options));
    }

    @Override
    public List<String> keysWithPrefix(String prefix) {
        return call("keys_with_prefix", () -> delegate.keysWithPrefix(prefix));
    }

    @Override
    public long count() {
        return call("count", delegate::count);
    }

    @Override
    public void put(String key, byte[] value) {
        run("put", () -> delegate.put(key, value));
    }

    @Override
    public boolean delete(String key) {
        return call("delete", () -> delegate.delete(key));
    }

    @Override
    public void write(List<KvMutation> mutations) {
        run("write", () -> delegate.write(mutations));
    }

    @Override
    public boolean writeIf(List<KvCondition> conditions, List<KvMutation> mutations) {
        return call("write_if", () -> delegate.writeIf(conditions, mutations));
    }

    @Override
    public Optional<List<Optional<byte[]>>> writeIfOrRead(
            List<KvCondition> conditions, List<KvMutation> mutations, List<String> readOnRefusal) {
        return call("write_if", () -> delegate.writeIfOrRead(conditions, mutations, readOnRefusal));
    }

    @Override
    public void batchPut(List<KvPair> pairs) {
        run("batch_put", () -> delegate.batchPut(pairs));
    }

    @Override
    public int batchDelete(List<String> keys) {
        return call("batch_delete", () -> delegate.batchDelete(keys));
    }

    @Override
    public void clear() {
        run("clear", delegate::clear);
    }

    @Override
    public KvBackend backend() {
        return delegate.backend();
    }

    @Override
    public String location() {
        return delegate.location();
    }

    @Override
    public KvLimits limits() {
        return delegate.limits();
    }

    @Override
    public KvStats stats() {
        return delegate.stats();
    }

    @Override
    public boolean isOpen() {
        return delegate.isOpen();
    }

    @Override
    public Optional<String> writeFailure() {
        return delegate.writeFailure();
    }

    @Override
    public <T> Optional<T> unwrap(Class<T> type) {
        return type.isInstance(this) ? Optional.of(type.cast(this)) : delegate.unwrap(type);
    }

    @Override
    public void close() {
        delegate.close();
    }
}
