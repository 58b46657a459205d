package io.spear.next.registry.events;

import io.spear.next.registry.RegistryEvent;
import io.spear.next.registry.format.RegistryKeys;
import io.spear.next.registry.format.StoredForm;
import io.spear.next.registry.stored.StoredEvent;
import io.spear.next.storage.kv.KvCursor;
import io.spear.next.storage.kv.KvMutation;
import io.spear.next.storage.kv.KvPair;
import io.spear.next.storage.kv.KvStore;
import io.spear.next.storage.kv.RangeOptions;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The change log of a store that keeps no history of its own (memory, RocksDB): every change is
 * written with its events ({@code event:{revision}}) in the change's own atomic write, so the log
 * and the registry never disagree, and the log survives restarts. Revisions come from a
 * {@link Revisions} source; readers see events only up to its watermark, so an event never appears
 * behind one a reader has already passed.
 */
final class StoredEventLog extends RegistryEvents {

    private static final int TRIM_BATCH = 10_000;

    private final KvStore store;
    private final Revisions revisions;
    private volatile long floor;

    StoredEventLog(KvStore store, Revisions revisions, long floor) {
        this.store = store;
        this.revisions = revisions;
        this.floor = floor;
    }

    /** The log in {@code store}, its revisions from a local sequence resumed after the last event written. */
    static StoredEventLog openIn(KvStore store) {
        long floor = storedFloor(store);
        return new StoredEventLog(store, new LocalRevisions(newestRevision(store, floor)), floor);
    }

    private static long storedFloor(KvStore store) {
        return store.get(RegistryKeys.EVENT_FLOOR)
                .map(bytes -> Long.parseLong(new String(bytes, StandardCharsets.US_ASCII)))
                .orElse(1L);
    }

    private static long newestRevision(KvStore store, long floor) {
        List<KvPair> newest =
                store.range(RangeOptions.prefix(RegistryKeys.EVENT).withLimit(1).reversed());
        return newest.isEmpty()
                ? floor - 1
                : RegistryKeys.revisionOf(newest.get(0).key());
    }

    @Override
    public boolean enabled() {
        return store != null;
    }

    /** Reserves the events' revisions and adds their {@code event:} records to the change's write. */
    @Override
    public Appended append(String uuid, List<StoredEvent.Builder> changes, List<KvMutation> mutations) {
        long[] reserved = reserve(changes.size());
        for (int i = 0; i < reserved.length; i++) {
            mutations.add(KvMutation.put(
                    RegistryKeys.event(reserved[i]),
                    changes.get(i).setRevision(reserved[i]).build().toByteArray()));
        }
        return written -> release(reserved, written);
    }

    long[] reserve(int count) {
        return revisions.reserve(count);
    }

    void release(long[] reserved, boolean written) {
        revisions.release(reserved, written);
        if (written) {
            committed();
        }
    }

    @Override
    public long watermark() {
        return revisions.watermark();
    }

    @Override
    public long floor() {
        return floor;
    }

    @Override
    public List<RegistryEvent> after(long revision, int limit) {
        long upTo = watermark();
        if (revision >= upTo) {
            return List.of();
        }
        List<RegistryEvent> events = new ArrayList<>();
        RangeOptions range = RangeOptions.between(RegistryKeys.event(revision + 1), RegistryKeys.event(upTo + 1));
        for (KvPair pair : store.range(range.withLimit(limit))) {
            events.add(StoredForm.event(StoredForm.parseEvent(pair.value())));
        }
        return events;
    }

    /**
     * Reads the log again after the store's contents were replaced (an import): the floor is the
     * imported one, and revisions go on after the newest either side has used, so a migrated
     * registry keeps its history and no revision is given twice.
     */
    @Override
    public synchronized void resume() {
        if (!enabled()) {
            return;
        }
        floor = storedFloor(store);
        revisions.resumeAfter(newestRevision(store, floor));
    }

    /**
     * Deletes all but the newest {@code retain} revisions; returns how many events went. The floor
     * moves first, so a reader that checks it after reading knows whether it read across the cut.
     * Writers are not held up: only the floor's move is under this log's lock.
     */
    @Override
    public int trim(long retain) {
        long oldFloor;
        long newFloor;
        synchronized (this) {
            oldFloor = floor;
            newFloor = watermark() - retain + 1;
            if (newFloor <= oldFloor) {
                return 0;
            }
            store.put(RegistryKeys.EVENT_FLOOR, Long.toString(newFloor).getBytes(StandardCharsets.US_ASCII));
            floor = newFloor;
        }
        int trimmed = 0;
        String from = RegistryKeys.event(oldFloor);
        List<KvMutation> deletes;
        do {
            deletes = new ArrayList<>();
            try (KvCursor cursor = store.cursor(
                    RangeOptions.between(from, RegistryKeys.event(newFloor)).withLimit(TRIM_BATCH))) {
                while (cursor.next()) {
                    deletes.add(KvMutation.delete(cursor.key()));
                }
            }
            store.write(deletes);
            trimmed += deletes.size();
            if (!deletes.isEmpty()) {
                from = RegistryKeys.event(
                        RegistryKeys.revisionOf(deletes.get(deletes.size() - 1).key()) + 1);
            }
        } while (deletes.size() == TRIM_BATCH);
        return trimmed;
    }
}
