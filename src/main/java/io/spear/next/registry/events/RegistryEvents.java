package io.spear.next.registry.events;

import io.spear.next.registry.RegistryEvent;
import io.spear.next.registry.format.NodeState;
import io.spear.next.registry.format.StoredForm;
import io.spear.next.registry.stored.StoredEvent;
import io.spear.next.registry.stored.StoredNode;
import io.spear.next.registry.stored.StoredReport;
import io.spear.next.registry.stored.StoredStatus;
import io.spear.next.storage.kv.KvHistory;
import io.spear.next.storage.kv.KvMutation;
import io.spear.next.storage.kv.KvStore;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The registry's change log: the events of every change, numbered by increasing revisions, kept
 * until trimmed. Each change's events are part of the change's own atomic write, so the log and
 * the registry never disagree. Readers see events only up to the {@link #watermark()}, so an event
 * never appears behind one a reader has already passed.
 *
 * <p>Where the log lives depends on the store: one that keeps its own history (etcd,
 * {@link KvHistory}) numbers events by its revisions and serves them from a watch
 * ({@link HistoryEventLog}), so every replica sees one log; the embedded stores keep it in
 * {@code event:} records with revisions from this process ({@link StoredEventLog}).
 */
public abstract class RegistryEvents {

    /** Writes no events: for registries nobody watches. */
    public static final RegistryEvents NONE = new StoredEventLog(null, new LocalRevisions(0), 1);

    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();

    /**
     * The log of {@code store}; {@code retention} bounds what a history log holds in memory (an
     * embedded log keeps what {@link #trim} leaves).
     */
    public static RegistryEvents open(KvStore store, long retention) {
        return store.unwrap(KvHistory.class)
                .<RegistryEvents>map(history -> HistoryEventLog.open(store, history, retention))
                .orElseGet(() -> StoredEventLog.openIn(store));
    }

    /** What a change's write does with its events once it is over. */
    public interface Appended {
        void done(boolean written);
    }

    public abstract boolean enabled();

    /** Adds what records {@code changes} (revisions still to be given) to the change's {@code mutations}. */
    public abstract Appended append(String uuid, List<StoredEvent.Builder> changes, List<KvMutation> mutations);

    /** Calls {@code listener} (on a writer's or the store client's thread: keep it short) when events were added. */
    public void onCommit(Runnable listener) {
        listeners.add(listener);
    }

    protected final void committed() {
        listeners.forEach(Runnable::run);
    }

    /** Every event up to this revision is readable (or will never be). */
    public abstract long watermark();

    /** The oldest revision the log may still hold; older events were trimmed. */
    public abstract long floor();

    /** Up to {@code limit} events after {@code revision}, oldest first, none past the watermark. */
    public abstract List<RegistryEvent> after(long revision, int limit);

    /**
     * Reads the log again after the store's contents were replaced (an import): the floor is the
     * imported one, and revisions go on after the newest either side has used.
     */
    public abstract void resume();

    /** Deletes all but the newest {@code retain} revisions; returns how many events went. */
    public abstract int trim(long retain);

    /** Stops following the store (a history log's watch); the store itself stays open. */
    public void close() {}

    /**
     * The events of one transition, revisions still to be given. A heartbeat that only moves the
     * node's heartbeat time (and revision), or a report equal to the last but for its time, is no
     * event: those would flood the stream.
     */
    public static List<StoredEvent.Builder> between(NodeState before, NodeState after, long now) {
        List<StoredEvent.Builder> events = new ArrayList<>(2);
        if (!before.exists() && after.exists()) {
            events.add(event(RegistryEvent.Type.NODE_REGISTERED, after, now)
                    .setNewStatus(after.node().getStatus()));
        } else if (before.exists() && !after.exists()) {
            events.add(event(RegistryEvent.Type.NODE_REMOVED, before, now)
                    .setOldStatus(before.node().getStatus()));
            return events;
        } else if (before.exists()) {
            StoredStatus was = before.node().getStatus();
            StoredStatus is = after.node().getStatus();
            if (was != is) {
                events.add(event(RegistryEvent.Type.NODE_STATUS_CHANGED, after, now)
                        .setOldStatus(was)
                        .setNewStatus(is));
            } else if (before.node().getRevision() != after.node().getRevision()
                    || !sameApartFromRevision(before.node(), after.node())
                    || !before.liveness()
                            .getHealthInfoMap()
                            .equals(after.liveness().getHealthInfoMap())) {
                events.add(event(RegistryEvent.Type.NODE_UPDATED, after, now).setNewStatus(is));
            }
        }
        if (after.report() != null
                && after.report() != before.report()
                && (before.report() == null || !sameApartFromTime(before.report(), after.report()))) {
            events.add(event(RegistryEvent.Type.RESOURCE_UPDATED, after, now).setResource(after.report()));
        }
        return events;
    }

    private static StoredEvent.Builder event(RegistryEvent.Type type, NodeState state, long now) {
        return StoredEvent.newBuilder()
                .setType(StoredForm.type(type))
                .setNodeUuid(state.uuid())
                .setAt(now)
                .setNode(state.node())
                .setLiveness(state.liveness());
    }

    private static boolean sameApartFromRevision(StoredNode a, StoredNode b) {
        return a == b || a.toBuilder().setRevision(b.getRevision()).build().equals(b);
    }

    private static boolean sameApartFromTime(StoredReport a, StoredReport b) {
        return a.toBuilder().setUpdatedAt(b.getUpdatedAt()).build().equals(b);
    }
}
