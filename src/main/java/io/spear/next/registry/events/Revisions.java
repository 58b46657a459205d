package io.spear.next.registry.events;

/**
 * Where the change log's revisions come from. A write reserves the revisions of its events before
 * it is made and releases them after, written or not; readers see events only up to the
 * {@link #watermark()}, below which no reserved revision is still in flight, so a watcher never
 * passes a revision that a slower writer fills in later.
 *
 * <p>{@link LocalRevisions} is the sequence of a process that is the store's only writer (the
 * embedded backends, {@link StoredEventLog}). A store that keeps its own history (etcd) needs none:
 * its revisions number the events ({@link HistoryEventLog}).
 */
public interface Revisions {

    /** {@code count} new revisions, increasing, never handed out before. */
    long[] reserve(int count);

    /** The write that reserved {@code revisions} is over; {@code written} says whether it took effect. */
    void release(long[] revisions, boolean written);

    /** Every event up to this revision is written, or will never be. */
    long watermark();

    /** Goes on after {@code revision} at least: after an import brought a log of its own. */
    void resumeAfter(long revision);
}
