package io.spear.next.storage.kv;

import java.util.List;

/**
 * A store that keeps its own history (etcd's multi-version store): every write has a store-wide
 * revision, the changes after a revision can be replayed and followed live, and old revisions are
 * given up by compaction. Reached with {@code store.unwrap(KvHistory.class)}.
 *
 * <p>Such a store is the one several processes write at once (every replica of a deployment): its
 * reads may lag the newest writes ({@link KvReads#getAllForUpdate}), and during a rolling update
 * writers of two releases run side by side.
 */
public interface KvHistory {

    /** One key's change: its value after the write (null: deleted) and the write's revision. */
    record Change(String key, byte[] value, long revision) {}

    /**
     * Receives a watch's changes. Called on the store client's own threads, one call at a time, in
     * revision order: hand the work to another thread, never block here.
     */
    interface Listener {

        /** The changes of one or more writes, in revision order. */
        void onChanges(List<Change> changes);

        /** The watch's start revision was compacted away: history begins after {@code compactedRevision}. */
        void onCompacted(long compactedRevision);

        /** The watch failed for good (the store closed, access denied); open a new one to go on. */
        void onError(KvException error);
    }

    /** A running watch; closing it stops the calls. */
    interface Watch extends AutoCloseable {
        @Override
        void close();
    }

    /** The store's newest revision. */
    long revision();

    /**
     * Sends {@code listener} every change of a key under {@code prefix} with a revision above
     * {@code afterRevision}, then the changes as they happen. Reconnects by itself after outages.
     */
    Watch watch(String prefix, long afterRevision, Listener listener);

    /**
     * The revision of the newest write of a key under {@code prefix} that still holds a value (0
     * when none does): a watch that has brought that change has replayed what came before.
     */
    long newestRevision(String prefix);

    /** Gives up the history up to {@code revision}: watches can no longer start before it. */
    void compact(long revision);
}
