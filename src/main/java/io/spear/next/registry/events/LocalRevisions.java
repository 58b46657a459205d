package io.spear.next.registry.events;

import java.util.TreeSet;

/**
 * Revisions from one in-process sequence, for a store this process alone writes. A write that
 * loses its race gives its revisions up: the log has gaps, never a reused revision.
 */
public final class LocalRevisions implements Revisions {

    private final TreeSet<Long> inFlight = new TreeSet<>();
    private long last;

    /** A sequence that goes on after {@code last}. */
    public LocalRevisions(long last) {
        this.last = last;
    }

    @Override
    public synchronized long[] reserve(int count) {
        long[] revisions = new long[count];
        for (int i = 0; i < count; i++) {
            revisions[i] = ++last;
            inFlight.add(revisions[i]);
        }
        return revisions;
    }

    @Override
    public synchronized void release(long[] revisions, boolean written) {
        for (long revision : revisions) {
            inFlight.remove(revision);
        }
    }

    @Override
    public synchronized long watermark() {
        return inFlight.isEmpty() ? last : inFlight.first() - 1;
    }

    @Override
    public synchronized void resumeAfter(long revision) {
        last = Math.max(last, revision);
    }
}
