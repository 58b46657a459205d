package io.spear.next.sms.watch;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownDelayInitiatedEvent;
import io.quarkus.runtime.Startup;
import io.spear.next.registry.Leadership;
import io.spear.next.registry.RegistryEvent;
import io.spear.next.registry.events.RegistryEvents;
import io.spear.next.sms.config.SmsConfig;
import io.spear.next.sms.metrics.MetricNames;
import io.spear.next.storage.kv.KvException;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Sends the change log to every watcher, in revision order, from the store: one dispatcher thread
 * reads each watcher's next events after its position (so a resuming watcher and a live one take
 * the same path) whenever a write added events. A watcher holds at most {@code sms.watch.max-pending}
 * events its connection has not taken yet; one that falls further behind is told why and
 * disconnected ({@link WatchSink#drop}), so no consumer slows the registry or fills memory. REST's
 * SSE route and gRPC's Watch differ only in their {@link WatchSink}.
 */
@ApplicationScoped
@Startup // its meters are there (at 0) from the first scrape
public class WatchHub {

    private static final int BATCH = 500;

    private final RegistryEvents events;
    private final Leadership leadership;
    private final int maxPending;
    private final long retention;
    private final Set<Watcher> watchers = ConcurrentHashMap.newKeySet();
    private final Semaphore wakeUp = new Semaphore(0);
    private final Thread dispatcher;
    private volatile boolean running = true;
    private final Map<WatchSink.Drop, Counter> dropped = new EnumMap<>(WatchSink.Drop.class);

    private static final class Watcher {
        final WatchFilter filter;
        final WatchSink sink;
        final AtomicInteger pending = new AtomicInteger();
        long position; // the last revision looked at; only the dispatcher thread moves it

        Watcher(WatchFilter filter, long position, WatchSink sink) {
            this.filter = filter;
            this.position = position;
            this.sink = sink;
        }
    }

    WatchHub(RegistryEvents events, Leadership leadership, SmsConfig config, MeterRegistry metrics) {
        this.events = events;
        this.leadership = leadership;
        this.maxPending = config.watch().maxPending();
        this.retention = config.watch().retention();
        Gauge.builder(MetricNames.WATCH_CONSUMERS, watchers, Set::size)
                .description("Open watches (SSE and gRPC) on this instance")
                .register(metrics);
        // registered at 0, so that the first drop shows in increase() and rate()
        for (WatchSink.Drop drop : WatchSink.Drop.values()) {
            dropped.put(
                    drop,
                    Counter.builder(MetricNames.WATCH_DROPPED)
                            .description("Watches disconnected because their consumer could not keep up")
                            .tag(MetricNames.REASON, drop.name().toLowerCase(Locale.ROOT))
                            .register(metrics));
        }
        events.onCommit(this::wake);
        dispatcher = new Thread(this::dispatch, "watch-dispatcher");
        dispatcher.setDaemon(true);
        dispatcher.start();
    }

    /** The revision a watch without a resume point starts after: now. */
    public long now() {
        return events.watermark();
    }

    /**
     * The revision a watch resuming after {@code since} starts after (now when null, or when since
     * is ahead of now); WatchGoneException when the events after it are no longer kept.
     */
    public long resumePoint(Long since) {
        long now = now();
        long after = since == null ? now : Math.min(since, now);
        if (!retains(after)) {
            throw new WatchGoneException(after, events.floor());
        }
        return after;
    }

    /** Whether events after {@code revision} are all still in the log. */
    private boolean retains(long revision) {
        return revision + 1 >= events.floor();
    }

    /** Sends {@code sink} the events after {@code after} (from {@link #resumePoint}) that pass the filter. */
    public void watch(WatchFilter filter, long after, WatchSink sink) {
        watchers.add(new Watcher(filter, after, sink));
        wake();
    }

    public int watchers() {
        return watchers.size();
    }

    private void wake() {
        // every event-adding write calls this: nothing to do (and no thread to wake) without watchers
        if (!watchers.isEmpty() && wakeUp.availablePermits() == 0) {
            wakeUp.release();
        }
    }

    private void dispatch() {
        while (running) {
            try {
                wakeUp.tryAcquire(1, TimeUnit.SECONDS);
                wakeUp.drainPermits();
                for (Watcher watcher : watchers) {
                    deliver(watcher);
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                Log.warnf("Watch dispatch failed, retrying: %s", e.getMessage());
            }
        }
    }

    private void deliver(Watcher watcher) {
        if (watcher.sink.isClosed()) {
            watchers.remove(watcher);
            return;
        }
        List<RegistryEvent> batch;
        do {
            try {
                batch = events.after(watcher.position, BATCH);
            } catch (KvException e) {
                return; // the store is failing: readiness says so; try again on the next wake-up
            }
            if (!retains(watcher.position)) {
                drop(
                        watcher,
                        WatchSink.Drop.FELL_BEHIND,
                        "fell behind the " + retention + " events the log keeps (sms.watch.retention): "
                                + "list the nodes again, then watch from now");
                return;
            }
            for (RegistryEvent event : batch) {
                watcher.position = event.revision();
                if (!watcher.filter.matches(event)) {
                    continue;
                }
                if (watcher.pending.get() >= maxPending) {
                    drop(
                            watcher,
                            WatchSink.Drop.TOO_SLOW,
                            "too slow: " + maxPending + " events sent and not yet "
                                    + "read (sms.watch.max-pending); reconnect from the last revision received to resume");
                    return;
                }
                send(watcher, event);
            }
        } while (batch.size() == BATCH);
    }

    private void send(Watcher watcher, RegistryEvent event) {
        watcher.pending.incrementAndGet();
        watcher.sink.send(event).whenComplete((sent, error) -> {
            watcher.pending.decrementAndGet();
            if (error != null) {
                watchers.remove(watcher);
            }
        });
    }

    private void drop(Watcher watcher, WatchSink.Drop drop, String reason) {
        watchers.remove(watcher);
        Log.infof("Dropped a watcher at revision %d: %s", watcher.position, reason);
        dropped.get(drop).increment();
        watcher.sink.drop(drop, reason, watcher.position);
    }

    /** Keeps the log at {@code sms.watch.retention} events; run every {@code sms.watch.trim-interval}. */
    public void trim() {
        if (!leadership.leads()) {
            return;
        }
        try {
            events.trim(retention);
        } catch (KvException e) {
            Log.warnf("Watch log trim skipped: %s", e.getMessage());
        }
    }

    /**
     * Ends every watch as soon as shutdown begins: a watch is a request that never ends by itself,
     * and would otherwise hold the graceful shutdown for all of quarkus.shutdown.timeout. Clients
     * reconnect (to the next instance) with Last-Event-ID and lose nothing.
     */
    void onShutdown(@Observes ShutdownDelayInitiatedEvent event) {
        for (Watcher watcher : watchers) {
            watchers.remove(watcher);
            watcher.sink.close();
        }
    }

    @PreDestroy
    void stop() throws InterruptedException {
        running = false;
        dispatcher.interrupt();
        dispatcher.join(5000);
        for (Watcher watcher : watchers) {
            watcher.sink.close();
        }
    }
}
