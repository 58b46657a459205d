package io.spear.next.sms.health;

import io.spear.next.storage.kv.KvStore;
import io.spear.next.storage.kv.LocalFiles;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;

/** What every KV store check reports first: which backend and where. */
final class StoreHealth {

    private StoreHealth() {}

    static HealthCheckResponseBuilder describe(String name, KvStore store) {
        HealthCheckResponseBuilder builder = HealthCheckResponse.named(name)
                .withData("backend", store.backend().configName())
                .withData("location", store.location());
        store.unwrap(LocalFiles.class)
                .ifPresent(files -> builder.withData("path", files.directory().toString()));
        return builder;
    }
}
