package io.spear.next.registry.events;

import com.google.protobuf.InvalidProtocolBufferException;
import io.spear.next.registry.RegistryEvent;
import io.spear.next.registry.format.RegistryKeys;
import io.spear.next.registry.format.StoredForm;
import io.spear.next.registry.stored.StoredChange;
import io.spear.next.registry.stored.StoredEvent;
import io.spear.next.storage.kv.KvException;
import io.spear.next.storage.kv.KvHistory;
import io.spear.next.storage.kv.KvMutation;
import io.spear.next.storage.kv.KvStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The change log of a store with its own history (etcd), shared by every replica on that store. A
 * change writes its events to {@code change:{uuid}} in its own transaction; the store's revision
 * of that transaction numbers them: event id = 2 × revision + its place in the change (a change has
 * at most two events: the node's and its report's), so ids increase with the store's revisions,
 * every replica gives an event the same id, and nothing is counted in this process.
 *
 * <p>One watch on {@code change:} feeds the newest {@code retention} events into memory, starting
 * from the oldest revision the store still keeps (so a replica that just started can resume a
 * watcher from before its start). When compaction passes the watch (it was cut off for long), the
 * log starts again after the compacted revision and its floor moves there: watchers behind it are
 * told to list again.
 */
final class HistoryEventLog extends RegistryEvents {

    private static final System.Logger LOG = System.getLogger(HistoryEventLog.class.getName());
    private static final Duration CATCH_UP = Duration.ofSeconds(30);

    private final KvHistory history;
    private final long retention;
    /** The newest events by id, serialized: a third of the heap the parsed form would take. */
    private final ConcurrentSkipListMap<Long, byte[]> recent = new ConcurrentSkipListMap<>();

    private final ScheduledExecutorService restarts = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "change-log-watch");
        thread.setDaemon(true);
        return thread;
    });
    private volatile long watermark;
    private volatile long floor;
    private volatile long seenRevision;
    private KvHistory.Watch watch;
    private volatile boolean closed;

    private HistoryEventLog(KvHistory history, long retention) {
        this.history = history;
        this.retention = retention;
    }

    static HistoryEventLog open(KvStore store, KvHistory history, long retention) {
        HistoryEventLog log = new HistoryEventLog(history, retention);
        long newest = history.newestRevision(RegistryKeys.CHANGE);
        log.floor = 1; // ids start at 2 (revision 1): a position of 0 misses nothing
        log.follow(0);
        log.awaitRevision(newest);
        return log;
    }

    private static long id(long revision, int index) {
        return 2 * revision + index;
    }

    /**
     * Waits until the watch has replayed the history up to {@code revision}. (Not with etcd's
     * progress notices: before 3.4.24 one can overtake events still being replayed.)
     */
    private synchronized void awaitRevision(long revision) {
        long deadline = System.nanoTime() + CATCH_UP.toNanos();
        while (seenRevision < revision && System.nanoTime() < deadline) {
            try {
                wait(100); // receive() notifies
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        if (seenRevision < revision) {
            LOG.log(
                    System.Logger.Level.WARNING,
                    "The change log caught up only to store revision {0} of {1} within {2}; "
                            + "watchers resuming from before that may miss events until it has",
                    seenRevision,
                    revision,
                    CATCH_UP);
        }
    }

    private synchronized void follow(long afterRevision) {
        if (closed) {
            return;
        }
        if (watch != null) {
            watch.close();
        }
        watch = history.watch(RegistryKeys.CHANGE, afterRevision, new KvHistory.Listener() {
            @Override
            public void onChanges(List<KvHistory.Change> changes) {
                receive(changes);
            }

            @Override
            public void onCompacted(long compactedRevision) {
                restartAfterCompaction(compactedRevision);
            }

            @Override
            public void onError(KvException error) {
                if (!closed) {
                    LOG.log(
                            System.Logger.Level.WARNING,
                            "The change log''s watch failed, following again in 1 s: {0}",
                            error.getMessage());
                    restarts.schedule(() -> follow(seenRevision), 1, TimeUnit.SECONDS);
                }
            }
        });
    }

    /** On the store client's thread: parse, keep, wake the readers; nothing that blocks. */
    private void receive(List<KvHistory.Change> changes) {
        for (KvHistory.Change change : changes) {
            if (change.value() == null) {
                continue; // a change record deleted: no event
            }
            List<StoredEvent> events;
            try {
                events = StoredChange.parseFrom(change.value()).getEventsList();
            } catch (InvalidProtocolBufferException e) {
                LOG.log(
                        System.Logger.Level.ERROR,
                        "Skipped an unreadable change record {0} at revision {1}: {2}",
                        change.key(),
                        change.revision(),
                        e.getMessage());
                continue;
            }
            for (int i = 0; i < events.size(); i++) {
                long id = id(change.revision(), i);
                recent.put(id, events.get(i).toBuilder().setRevision(id).build().toByteArray());
            }
            seenRevision = Math.max(seenRevision, change.revision());
        }
        while (recent.size() > retention) {
            Map.Entry<Long, byte[]> oldest = recent.pollFirstEntry();
            floor = oldest.getKey() + 1;
        }
        watermark = id(seenRevision, 1);
        committed();
        synchronized (this) {
            notifyAll(); // a short lock: only awaitRevision's wait holds it, and it waits
        }
    }

    private synchronized void restartAfterCompaction(long compactedRevision) {
        if (compactedRevision > seenRevision && seenRevision > 0) {
            LOG.log(
                    System.Logger.Level.WARNING,
                    "The change log''s watch fell behind the store''s compaction (revision "
                            + "{0}, seen {1}): watchers behind it will be told to list again",
                    compactedRevision,
                    seenRevision);
        }
        recent.headMap(id(compactedRevision + 1, 0)).clear();
        floor = Math.max(floor, id(compactedRevision + 1, 0));
        seenRevision = Math.max(seenRevision, compactedRevision);
        watermark = id(seenRevision, 1);
        restarts.execute(() -> follow(compactedRevision));
    }

    @Override
    public boolean enabled() {
        return true;
    }

    /** The events go to {@code change:{uuid}}; the write's revision numbers them when the watch brings them back. */
    @Override
    public Appended append(String uuid, List<StoredEvent.Builder> changes, List<KvMutation> mutations) {
        StoredChange.Builder change = StoredChange.newBuilder();
        for (StoredEvent.Builder event : changes) {
            change.addEvents(event);
        }
        mutations.add(KvMutation.put(RegistryKeys.CHANGE + uuid, change.build().toByteArray()));
        return written -> {};
    }

    @Override
    public long watermark() {
        return watermark;
    }

    @Override
    public long floor() {
        return floor;
    }

    @Override
    public List<RegistryEvent> after(long revision, int limit) {
        long upTo = watermark;
        List<RegistryEvent> events = new ArrayList<>(Math.min(limit, 64));
        for (Map.Entry<Long, byte[]> event : recent.tailMap(revision, false).entrySet()) {
            if (event.getKey() > upTo || events.size() == limit) {
                break;
            }
            events.add(StoredForm.event(StoredForm.parseEvent(event.getValue())));
        }
        return events;
    }

    /** The store's history is the log: nothing to read again. */
    @Override
    public void resume() {}

    /** Memory is bounded as events arrive, the store's history by compaction ({@link HistoryCompactor}). */
    @Override
    public int trim(long retain) {
        return 0;
    }

    @Override
    public synchronized void close() {
        closed = true;
        restarts.shutdownNow();
        if (watch != null) {
            watch.close();
        }
    }
}
