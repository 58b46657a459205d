package io.spear.next.storage.kv.etcd;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.etcd.jetcd.KeyValue;
import io.etcd.jetcd.kv.GetResponse;
import io.spear.next.storage.kv.KvCursor;
import io.spear.next.storage.kv.RangeOptions;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * Walks a range a page at a time; every page after the first reads the revision the first one saw,
 * so the walk is one consistent snapshot (until compaction removes that revision: the walk then
 * fails and must start again).
 */
final class EtcdCursor implements KvCursor {

    private final EtcdKvStore store;
    private final boolean descending;
    private final int limit;
    private String start;
    private String end;
    private long revision;
    private List<KeyValue> page = List.of();
    private int index = -1;
    private int returned;
    private boolean exhausted;

    EtcdCursor(EtcdKvStore store, RangeOptions options) {
        this.store = store;
        this.descending = options.reverse();
        this.limit = options.limit();
        this.start = options.start();
        this.end = options.end();
        fetch(); // the snapshot is the state when the cursor opens, as on the other backends
        index = -1;
    }

    @Override
    public boolean next() {
        store.ensureOpen();
        if (limit > 0 && returned >= limit) {
            return false;
        }
        if (index + 1 < page.size()) {
            index++;
        } else if (exhausted || !fetch()) {
            index = page.size();
            return false;
        }
        returned++;
        return true;
    }

    private boolean fetch() {
        int want = limit > 0 ? Math.min(EtcdKvStore.PAGE, limit - returned) : EtcdKvStore.PAGE;
        GetResponse response = store.page(start, end, want, descending, revision);
        if (revision == 0) {
            revision = response.getHeader().getRevision();
        }
        page = response.getKvs();
        index = 0;
        exhausted = !response.isMore() || page.size() < want;
        if (page.isEmpty()) {
            return false;
        }
        String last = page.get(page.size() - 1).getKey().toString(UTF_8);
        if (descending) {
            end = last; // exclusive: the next page ends before it
        } else {
            start = last + '\u0000'; // the first key after it
        }
        return true;
    }

    @Override
    public String key() {
        return current().getKey().toString(UTF_8);
    }

    @Override
    public byte[] value() {
        return current().getValue().getBytes();
    }

    private KeyValue current() {
        store.ensureOpen();
        if (index < 0 || index >= page.size()) {
            throw new NoSuchElementException("the cursor is not on a pair: call next() first");
        }
        return page.get(index);
    }

    @Override
    public void close() {
        page = List.of();
    }
}
