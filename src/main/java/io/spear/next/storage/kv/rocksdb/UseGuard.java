package io.spear.next.storage.kv.rocksdb;

import io.spear.next.storage.kv.KvStoreClosedException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

/**
 * Keeps native handles alive while calls use them: a call enters before touching RocksDB and exits
 * after; {@link #closeAndDrain} refuses new calls and waits for the ones in flight. Using a closed
 * RocksDB handle crashes the JVM, so this guard is what makes close() safe under load. It costs one
 * uncontended counter update per call (a LongAdder, no lock), so reads stay lock-free.
 */
final class UseGuard {

    private final LongAdder inFlight = new LongAdder();
    private final String what;
    private volatile boolean closed;

    UseGuard(String what) {
        this.what = what;
    }

    void enter() {
        inFlight.increment();
        // Increment before the check, close flag before the count: one side always sees the other.
        if (closed) {
            inFlight.decrement();
            throw new KvStoreClosedException(what);
        }
    }

    void exit() {
        inFlight.decrement();
    }

    boolean isClosed() {
        return closed;
    }

    /**
     * Refuses new calls, then waits up to {@code timeout} for calls in flight. Returns false if some
     * were still running: the caller must then leave the native handles open rather than free them
     * under a running call.
     */
    boolean closeAndDrain(Duration timeout) {
        closed = true;
        long deadline = System.nanoTime() + timeout.toNanos();
        while (inFlight.sum() > 0) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(100));
        }
        return true;
    }
}
