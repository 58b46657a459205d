package io.spear.next.registry.write;

import io.spear.next.registry.RegistryBusyException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * The registry's one writer stage. Every change (a heartbeat from any connection or stream, an
 * update, a sweep) is queued here, and up to {@code maxWriters} writer threads each take up to
 * {@code maxBatch} queued changes of distinct nodes into one store write: one hop and one write
 * (one fsync) per batch, not per change. A node whose change is being written is skipped until
 * that write ends, so each node's changes are written in the order they arrived. The queue holds
 * at most {@code capacity} changes: past that a change is refused at once ({@link
 * RegistryBusyException}), never queued without bound. Callers wait on the future, not on a thread.
 *
 * <p>A change that waited in the queue longer than {@code maxWait} is refused too, not written: its
 * caller has most likely given up (Spear's agents wait 5 s for an answer), and under overload a queue
 * served in order would otherwise spend the writers on answers nobody reads, while every newer
 * change waits past its own deadline in turn. Refusing the stale ones keeps the writers on changes
 * that can still be answered in time, and the refused callers retry.
 *
 * <p>The writers are threads of the stage's own, not of a pool that callers share: a caller that
 * waits for its change on a pool thread can never hold back the writer it waits for.
 */
public final class WriteStage {

    private final int maxBatch;
    private final int maxWriters;
    private final int capacity;
    private final long maxWaitNanos;
    private final Consumer<List<PendingChange<?>>> commit;
    private final ThreadPoolExecutor writerThreads;
    private final ArrayDeque<PendingChange<?>> queue = new ArrayDeque<>();
    /** Nodes in a batch being written: their next changes wait, to keep each node's order. */
    private final Set<String> writing = new HashSet<>();

    private int writers; // running or scheduled drains, guarded by this

    public WriteStage(
            int maxBatch, int maxWriters, int capacity, Duration maxWait, Consumer<List<PendingChange<?>>> commit) {
        this.maxBatch = maxBatch;
        this.maxWriters = maxWriters;
        this.capacity = capacity;
        this.maxWaitNanos = maxWait.toNanos();
        this.commit = commit;
        AtomicInteger numbers = new AtomicInteger();
        this.writerThreads = new ThreadPoolExecutor(
                maxWriters, maxWriters, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), task -> {
                    Thread thread = new Thread(task, "registry-writer-" + numbers.incrementAndGet());
                    thread.setDaemon(true); // idle writers end on their own; none holds the JVM up
                    return thread;
                });
        writerThreads.allowCoreThreadTimeOut(true);
    }

    /** Queues {@code change}; the future completes once it is written (durably), refused or failed. */
    public <T> CompletableFuture<T> submit(PendingChange<T> change) {
        boolean startWriter;
        synchronized (this) {
            if (queue.size() >= capacity) {
                throw new RegistryBusyException(capacity);
            }
            queue.add(change);
            startWriter = writers < maxWriters;
            if (startWriter) {
                writers++;
            }
        }
        if (startWriter) {
            try {
                writerThreads.execute(this::drain);
            } catch (RejectedExecutionException e) {
                synchronized (this) {
                    writers--;
                    queue.remove(change); // refused: it must not be written later by another writer
                }
                throw new IllegalStateException("the registry's writer could not start a thread", e);
            }
        }
        return change.future;
    }

    /** Changes queued and not yet taken into a write. */
    public synchronized int queued() {
        return queue.size();
    }

    /** A writer: takes batches until nothing it may take is queued. */
    private void drain() {
        while (true) {
            List<PendingChange<?>> batch;
            List<PendingChange<?>> stale = new ArrayList<>();
            synchronized (this) {
                batch = take(stale);
                if (batch.isEmpty()) {
                    writers--;
                }
            }
            stale.forEach(change -> {
                change.fail(new RegistryBusyException(maxWaitNanos));
                change.complete();
            });
            if (batch.isEmpty()) {
                return;
            }
            try {
                commit.accept(batch);
            } catch (RuntimeException | Error e) {
                batch.forEach(change -> change.fail(
                        e instanceof RuntimeException r
                                ? r
                                : new IllegalStateException("the write of node " + change.uuid + " failed", e)));
            } finally {
                synchronized (this) {
                    batch.forEach(change -> writing.remove(change.uuid));
                }
                batch.forEach(PendingChange::complete); // after the write: callers never run inside it
            }
        }
    }

    /**
     * Up to {@code maxBatch} queued changes, in arrival order, each of a node neither in the batch
     * nor being written; the changes passed over that waited longer than {@code maxWait} go to
     * {@code stale} instead.
     */
    private List<PendingChange<?>> take(List<PendingChange<?>> stale) {
        List<PendingChange<?>> batch = new ArrayList<>(Math.min(maxBatch, queue.size()));
        long now = System.nanoTime();
        for (Iterator<PendingChange<?>> it = queue.iterator(); it.hasNext() && batch.size() < maxBatch; ) {
            PendingChange<?> next = it.next();
            if (now - next.queuedAt > maxWaitNanos) {
                it.remove();
                stale.add(next);
            } else if (writing.add(next.uuid)) {
                it.remove();
                batch.add(next);
            }
        }
        return batch;
    }
}
