package io.spear.next.registry;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Group commit: changes that arrive while others are being written wait in a queue, and the next
 * writer free takes up to {@code maxBatch} of them (of distinct nodes) into one write. At most
 * {@code maxWriters} writes run at once; under light load every change is written alone and at
 * once, under heavy load each write carries several. The writer is a caller whose own change is
 * still queued: no thread of its own.
 */
final class BatchQueue {

    private final int maxBatch;
    private final int maxWriters;
    private final Consumer<List<RegistryEngine.Pending<?>>> commit;
    private final ArrayDeque<RegistryEngine.Pending<?>> queue = new ArrayDeque<>();
    private int writers;

    BatchQueue(int maxBatch, int maxWriters, Consumer<List<RegistryEngine.Pending<?>>> commit) {
        this.maxBatch = maxBatch;
        this.maxWriters = maxWriters;
        this.commit = commit;
    }

    /** Returns once {@code change} is done (written, refused or failed). */
    void run(RegistryEngine.Pending<?> change) {
        synchronized (this) {
            queue.add(change);
        }
        while (true) {
            List<RegistryEngine.Pending<?>> batch;
            synchronized (this) {
                while (!change.done && (change.taken || writers >= maxWriters)) {
                    try {
                        wait();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        if (!change.taken) {
                            queue.remove(change);
                            change.fail(new IllegalStateException("interrupted before the change was written"));
                            return;
                        }
                    }
                }
                if (change.done) {
                    return;
                }
                writers++;
                batch = take(change);
            }
            try {
                commit.accept(batch);
            } finally {
                for (RegistryEngine.Pending<?> taken : batch) {
                    if (!taken.done) {
                        taken.fail(new IllegalStateException("the write of node " + taken.uuid + " ended without an outcome"));
                    }
                }
                synchronized (this) {
                    writers--;
                    notifyAll();
                }
            }
        }
    }

    /** {@code first} and up to {@code maxBatch - 1} more queued changes, each of a node not yet in the batch. */
    private List<RegistryEngine.Pending<?>> take(RegistryEngine.Pending<?> first) {
        List<RegistryEngine.Pending<?>> batch = new ArrayList<>(maxBatch);
        Set<String> nodes = new HashSet<>();
        queue.remove(first);
        first.taken = true;
        batch.add(first);
        nodes.add(first.uuid);
        for (Iterator<RegistryEngine.Pending<?>> it = queue.iterator(); it.hasNext() && batch.size() < maxBatch; ) {
            RegistryEngine.Pending<?> next = it.next();
            if (nodes.add(next.uuid)) {
                it.remove();
                next.taken = true;
                batch.add(next);
            }
        }
        return batch;
    }
}
