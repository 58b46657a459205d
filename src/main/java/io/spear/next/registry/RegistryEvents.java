package io.spear.next.registry;

import io.spear.next.storage.kv.KvCursor;
import io.spear.next.storage.kv.KvMutation;
import io.spear.next.storage.kv.KvPair;
import io.spear.next.storage.kv.KvStore;
import io.spear.next.storage.kv.RangeOptions;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The registry's change log. Every change is written with its events ({@code event:{revision}})
 * in the change's own atomic write, so the log and the registry never disagree, and the log
 * survives restarts. Revisions come from one in-process sequence, resumed from the log at open;
 * a write that loses its race leaves a gap, never a reuse. Readers see events only up to the
 * {@link #watermark()}: the highest revision below which no write is still in flight, so an event
 * never appears behind one a reader has already passed.
 */
public final class RegistryEvents {

    /** Writes no events: for registries nobody watches. */
    public static final RegistryEvents NONE = new RegistryEvents(null, 0, 1);

    private static final int TRIM_BATCH = 10_000;

    private final KvStore store;
    private final TreeSet<Long> inFlight = new TreeSet<>();
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    private long last;
    private volatile long floor;

    private RegistryEvents(KvStore store, long last, long floor) {
        this.store = store;
        this.last = last;
        this.floor = floor;
    }

    /** The log in {@code store}, its sequence resumed after the last event written. */
    public static RegistryEvents open(KvStore store) {
        long floor = store.get(RegistryKeys.EVENT_FLOOR)
                .map(bytes -> Long.parseLong(new String(bytes, StandardCharsets.US_ASCII))).orElse(1L);
        List<KvPair> newest = store.range(RangeOptions.prefix(RegistryKeys.EVENT).withLimit(1).reversed());
        long last = newest.isEmpty() ? floor - 1 : RegistryKeys.revisionOf(newest.get(0).key());
        return new RegistryEvents(store, last, floor);
    }

    boolean enabled() {
        return store != null;
    }

    /** Calls {@code listener} (on the writer's thread: keep it short) after each write that added events. */
    public void onCommit(Runnable listener) {
        listeners.add(listener);
    }

    synchronized long[] allocate(int count) {
        long[] revisions = new long[count];
        for (int i = 0; i < count; i++) {
            revisions[i] = ++last;
            inFlight.add(revisions[i]);
        }
        return revisions;
    }

    void done(long[] revisions, boolean committed) {
        synchronized (this) {
            for (long revision : revisions) {
                inFlight.remove(revision);
            }
        }
        if (committed) {
            listeners.forEach(Runnable::run);
        }
    }

    /** Every event up to this revision is written (or will never be). */
    public synchronized long watermark() {
        return inFlight.isEmpty() ? last : inFlight.first() - 1;
    }

    /** The oldest revision the log may still hold; older events were trimmed. */
    public long floor() {
        return floor;
    }

    /** Up to {@code limit} events after {@code revision}, oldest first, none past the watermark. */
    public List<RegistryEvent> after(long revision, int limit) {
        long upTo = watermark();
        if (revision >= upTo) {
            return List.of();
        }
        List<RegistryEvent> events = new ArrayList<>();
        RangeOptions range = RangeOptions.between(RegistryKeys.event(revision + 1), RegistryKeys.event(upTo + 1));
        for (KvPair pair : store.range(range.withLimit(limit))) {
            events.add(RegistryStore.decode(pair.value(), RegistryEvent.class));
        }
        return events;
    }

    /**
     * Reads the log again after the store's contents were replaced (an import): the floor is the
     * imported one, and the sequence goes on after the newest revision either side has used, so a
     * migrated registry keeps its history and no revision is given twice.
     */
    public synchronized void resume() {
        if (!enabled()) {
            return;
        }
        RegistryEvents imported = open(store);
        last = Math.max(last, imported.last);
        floor = imported.floor;
    }

    /**
     * Deletes all but the newest {@code retain} revisions; returns how many events went. The floor
     * moves first, so a reader that checks it after reading knows whether it read across the cut.
     * Writers are not held up: only the floor's move takes the sequence's lock.
     */
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
            try (KvCursor cursor = store.cursor(RangeOptions.between(from, RegistryKeys.event(newFloor))
                    .withLimit(TRIM_BATCH))) {
                while (cursor.next()) {
                    deletes.add(KvMutation.delete(cursor.key()));
                }
            }
            store.write(deletes);
            trimmed += deletes.size();
            if (!deletes.isEmpty()) {
                from = RegistryKeys.event(RegistryKeys.revisionOf(deletes.get(deletes.size() - 1).key()) + 1);
            }
        } while (deletes.size() == TRIM_BATCH);
        return trimmed;
    }
}
