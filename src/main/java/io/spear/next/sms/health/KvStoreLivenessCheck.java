package io.spear.next.sms.health;

import io.spear.next.storage.kv.KvStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/**
 * Live while the store is open. Disk trouble is a readiness matter: restarting the process would
 * not make a full or read-only disk writable.
 */
@Liveness
@ApplicationScoped
public class KvStoreLivenessCheck implements HealthCheck {

    @Inject
    KvStore store;

    @Override
    public HealthCheckResponse call() {
        return StoreHealth.describe("kv-store-open", store)
                .status(store.isOpen())
                .build();
    }
}
