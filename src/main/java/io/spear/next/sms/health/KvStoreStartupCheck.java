package io.spear.next.sms.health;

import io.spear.next.storage.kv.KvStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Startup;

/** Started once the store has been opened (it is opened eagerly, while the application boots). */
@Startup
@ApplicationScoped
public class KvStoreStartupCheck implements HealthCheck {

    @Inject
    KvStore store;

    @Override
    public HealthCheckResponse call() {
        return StoreHealth.describe("kv-store-opened", store)
                .status(store.isOpen())
                .build();
    }
}
