package io.spear.next.registry;

import io.spear.next.registry.stored.StoredEvent;
import io.spear.next.registry.stored.StoredNode;
import io.spear.next.registry.stored.StoredReport;
import io.spear.next.registry.stored.StoredStatus;
import io.spear.next.storage.kv.KvCursor;
import io.spear.next.storage.kv.KvMutation;
import io.spear.next.storage.kv.KvPair;
import io.spear.next.storage.kv.KvStore;
import io.spear.next.storage.kv.RangeOptions;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The registry's change log. Every change is written with its events ({@code event:{revision}})
 * in the change's own atomic write, so the log and the registry never disagree, and the log
 * survives restarts. Revisions come from a {@link Revisions} source; readers see events only up to
 * its watermark, so an event never appears behind one a reader has already passed.
 */
public final class RegistryEvents {

    /** Writes no events: for registries nobody watches. */
    public static final RegistryEvents NONE = new RegistryEvents(null, new LocalRevisions(0), 1);

    private static final int TRIM_BATCH = 10_000;

    private final KvStore store;
    private final Revisions revisions;
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    private volatile long floor;

    private RegistryEvents(KvStore store, Revisions revisions, long floor) {
        this.store = store;
        this.revisions = revisions;
        this.floor = floor;
    }

    /** The log in {@code store}, its revisions from a local sequence resumed after the last event written. */
    public static RegistryEvents open(KvStore store) {
        long floor = storedFloor(store);
        return new RegistryEvents(store, new LocalRevisions(newestRevision(store, floor)), floor);
    }

    private static long storedFloor(KvStore store) {
        return store.get(RegistryKeys.EVENT_FLOOR)
                .map(bytes -> Long.parseLong(new String(bytes, StandardCharsets.US_ASCII))).orElse(1L);
    }

    private static long newestRevision(KvStore store, long floor) {
        List<KvPair> newest = store.range(RangeOptions.prefix(RegistryKeys.EVENT).withLimit(1).reversed());
        return newest.isEmpty() ? floor - 1 : RegistryKeys.revisionOf(newest.get(0).key());
    }

    boolean enabled() {
        return store != null;
    }

    /** Calls {@code listener} (on the writer's thread: keep it short) after each write that added events. */
    public void onCommit(Runnable listener) {
        listeners.add(listener);
    }

    long[] reserve(int count) {
        return revisions.reserve(count);
    }

    void release(long[] reserved, boolean written) {
        revisions.release(reserved, written);
        if (written) {
            listeners.forEach(Runnable::run);
        }
    }

    /** Every event up to this revision is written (or will never be). */
    public long watermark() {
        return revisions.watermark();
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
            events.add(StoredForm.event(RegistryEngine.parseEvent(pair.value())));
        }
        return events;
    }

    /**
     * Reads the log again after the store's contents were replaced (an import): the floor is the
     * imported one, and revisions go on after the newest either side has used, so a migrated
     * registry keeps its history and no revision is given twice.
     */
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

    /**
     * The events of one transition, revisions still to be given. A heartbeat that only moves the
     * node's heartbeat time (and revision), or a report equal to the last but for its time, is no
     * event: those would flood the stream.
     */
    static List<StoredEvent.Builder> between(NodeState before, NodeState after, long now) {
        List<StoredEvent.Builder> events = new ArrayList<>(2);
        if (!before.exists() && after.exists()) {
            events.add(event(RegistryEvent.Type.NODE_REGISTERED, after, now).setNewStatus(after.node().getStatus()));
        } else if (before.exists() && !after.exists()) {
            events.add(event(RegistryEvent.Type.NODE_REMOVED, before, now).setOldStatus(before.node().getStatus()));
            return events;
        } else if (before.exists()) {
            StoredStatus was = before.node().getStatus();
            StoredStatus is = after.node().getStatus();
            if (was != is) {
                events.add(event(RegistryEvent.Type.NODE_STATUS_CHANGED, after, now).setOldStatus(was).setNewStatus(is));
            } else if (!sameApartFromRevision(before.node(), after.node())
                    || !before.liveness().getHealthInfoMap().equals(after.liveness().getHealthInfoMap())) {
                events.add(event(RegistryEvent.Type.NODE_UPDATED, after, now).setNewStatus(is));
            }
        }
        if (after.report() != null && after.report() != before.report()
                && (before.report() == null || !sameApartFromTime(before.report(), after.report()))) {
            events.add(event(RegistryEvent.Type.RESOURCE_UPDATED, after, now).setResource(after.report()));
        }
        return events;
    }

    private static StoredEvent.Builder event(RegistryEvent.Type type, NodeState state, long now) {
        return StoredEvent.newBuilder().setType(StoredForm.type(type)).setNodeUuid(state.uuid()).setAt(now)
                .setNode(state.node()).setLiveness(state.liveness());
    }

    private static boolean sameApartFromRevision(StoredNode a, StoredNode b) {
        return a == b || a.toBuilder().setRevision(b.getRevision()).build().equals(b);
    }

    private static boolean sameApartFromTime(StoredReport a, StoredReport b) {
        return a.toBuilder().setUpdatedAt(b.getUpdatedAt()).build().equals(b);
    }
}
