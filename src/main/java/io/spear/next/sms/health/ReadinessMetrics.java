package io.spear.next.sms.health;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.DiskSpaceMetrics;
import io.quarkus.runtime.Startup;
import io.spear.next.sms.metrics.MetricNames;
import io.spear.next.storage.kv.KvStore;
import io.spear.next.storage.kv.LocalFiles;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * What readiness sees, as metrics for alerting: {@code sms_ready} (the readiness check, run at
 * each scrape) and, for a store on disk, {@code disk_free_bytes} / {@code disk_total_bytes} of its
 * file system (Micrometer's binder), so a filling disk alerts before readiness goes DOWN.
 */
@Singleton
@Startup
public class ReadinessMetrics {

    ReadinessMetrics(@Readiness KvStoreReadinessCheck readiness, KvStore store, MeterRegistry registry) {
        Gauge.builder(
                        MetricNames.READY,
                        readiness,
                        check -> check.call().getStatus() == HealthCheckResponse.Status.UP ? 1 : 0)
                .description("1 while the readiness check is UP (the store can serve), 0 while it is DOWN")
                .register(registry);
        store.unwrap(LocalFiles.class)
                .ifPresent(files -> new DiskSpaceMetrics(files.directory().toFile()).bindTo(registry));
    }
}
