package io.spear.next.sms.health;

import io.spear.next.sms.config.KvConfig;
import io.spear.next.storage.kv.KvStore;
import io.spear.next.storage.kv.LocalFiles;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready when the store can serve: this process holds the store's lock file, the data directory takes a
 * new file, its file system has at least {@code kv.health.min-free-bytes} free, a read answers
 * within {@code kv.health.read-timeout}, and the last write did not fail. Every probe runs on every call, so readiness comes back
 * by itself once the operator fixes the directory. DOWN responses say why in {@code reason}.
 */
@Readiness
@ApplicationScoped
public class KvStoreReadinessCheck implements HealthCheck {

    /** A volume under 1 GiB: RocksDB's preallocated write-ahead log is a large part of it. */
    private static final long SMALL_VOLUME = 1L << 30;

    static final String PROBE_FILE = ".sms-readiness-probe";
    private static final String PROBE_KEY = "sms:readiness-probe";

    private final KvStore store;
    private final KvConfig.Health config;

    // One reader thread: a read that hangs keeps it busy, and later checks report that instead of
    // piling up more stuck threads.
    private final ExecutorService reader = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "kv-readiness-read");
        thread.setDaemon(true);
        return thread;
    });
    private Future<?> pendingRead;

    @Inject
    KvStoreReadinessCheck(KvStore store, KvConfig config) {
        this(store, config.health());
    }

    KvStoreReadinessCheck(KvStore store, KvConfig.Health config) {
        this.store = store;
        this.config = config;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = StoreHealth.describe("kv-store-ready", store);
        List<String> problems = new ArrayList<>();
        store.unwrap(LocalFiles.class).ifPresent(files -> {
            checkLock(files.lockFile(), response, problems);
            checkDirectory(files.directory(), response, problems);
        });
        checkRead(response, problems);
        store.writeFailure().ifPresent(reason -> problems.add("writes are failing: " + reason));
        if (problems.isEmpty()) {
            return response.up().build();
        }
        return response.down().withData("reason", String.join("; ", problems)).build();
    }

    private static void checkLock(Path lockFile, HealthCheckResponseBuilder response, List<String> problems) {
        FileLockProbe.State lock = FileLockProbe.check(lockFile);
        response.withData("lock", lock.name().toLowerCase().replace('_', ' '));
        if (lock == FileLockProbe.State.NOT_HELD) {
            problems.add("this process does not hold " + lockFile + " (was the data directory removed or replaced?)");
        }
    }

    private void checkDirectory(Path path, HealthCheckResponseBuilder response, List<String> problems) {
        Path probe = path.resolve(PROBE_FILE);
        try {
            Files.write(probe, new byte[] {1});
            Files.delete(probe);
            response.withData("writable", true);
        } catch (IOException e) {
            response.withData("writable", false);
            problems.add("cannot write to " + path + " (" + e + "): make it writable and check the disk");
        }
        try {
            FileStore disk = Files.getFileStore(path);
            long free = disk.getUsableSpace();
            long total = disk.getTotalSpace();
            long min = config.minFreeBytes();
            response.withData("free_bytes", free).withData("min_free_bytes", min);
            if (free < min) {
                String why = "only " + free + " bytes free on the file system of " + path + " (" + total
                        + " bytes in all), below kv.health.min-free-bytes=" + min;
                problems.add(
                        total < SMALL_VOLUME
                                ? why + ": on a volume this small RocksDB's write-ahead log, which it preallocates "
                                        + "(about kv.rocksdb.write-buffer-size, 64 MiB by default), takes much of it; "
                                        + "grow the volume, or lower kv.health.min-free-bytes (KV_HEALTH_MIN_FREE_BYTES)"
                                : why + ": free disk space or grow the volume");
            }
        } catch (IOException e) {
            problems.add("cannot read the free space of " + path + " (" + e + ")");
        }
    }

    private synchronized void checkRead(HealthCheckResponseBuilder response, List<String> problems) {
        Duration timeout = config.readTimeout();
        if (pendingRead != null && !pendingRead.isDone()) {
            problems.add("an earlier read of the store has not answered yet");
            return;
        }
        long start = System.nanoTime();
        pendingRead = reader.submit(() -> store.get(PROBE_KEY));
        try {
            pendingRead.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            response.withData("read_micros", TimeUnit.NANOSECONDS.toMicros(System.nanoTime() - start));
            response.withData("estimated_keys", store.stats().estimatedKeys());
        } catch (TimeoutException e) {
            problems.add("a read of the store did not answer within " + timeout);
        } catch (ExecutionException e) {
            problems.add("a read of the store failed: " + e.getCause().getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            problems.add("interrupted while reading the store");
        }
    }

    @PreDestroy
    void stopReader() {
        reader.shutdownNow();
    }
}
