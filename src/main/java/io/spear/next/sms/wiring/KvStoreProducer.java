package io.spear.next.sms.wiring;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.runtime.Startup;
import io.quarkus.runtime.configuration.ConfigurationException;
import io.spear.next.sms.config.KvConfig;
import io.spear.next.sms.metrics.TimedKvStore;
import io.spear.next.storage.KvStoreFactory;
import io.spear.next.storage.kv.KvBackend;
import io.spear.next.storage.kv.KvException;
import io.spear.next.storage.kv.KvStore;
import io.spear.next.storage.kv.KvStoreConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.nio.file.Path;
import java.util.Map;

/**
 * The one place that creates the application's {@link KvStore}: opened eagerly at startup, so a
 * held lock or an unusable directory stops the boot with one clear log line, and closed on
 * shutdown (including every dev-mode reload, which reopens it in the same JVM).
 */
@ApplicationScoped
public class KvStoreProducer {

    @Produces
    @Singleton
    @Startup
    KvStore kvStore(KvConfig config, MeterRegistry registry) {
        KvStore store;
        try {
            restoreIfAsked(config);
            store = KvStoreFactory.open(storeConfig(config));
        } catch (KvException e) {
            // A stack trace would bury the one thing the operator must read. Quarkus ends a boot
            // that fails with a ConfigurationException with exit code 1, printing just its message.
            Log.errorf("Cannot start the SMS: %s", e.getMessage());
            Log.debug("KV store open failure", e);
            throw new ConfigurationException("Cannot start the SMS: " + e.getMessage());
        }
        Log.infof("Opened the %s KV store: %s", store.backend().configName(), store.location());
        return new EventLoopGuardedKvStore(new TimedKvStore(store, registry));
    }

    void close(@Disposes KvStore store) {
        store.close();
        Log.infof("Closed the %s KV store: %s", store.backend().configName(), store.location());
    }

    /** Copies the backup named by kv.restore-from into kv.path, unless that was done before. */
    private static void restoreIfAsked(KvConfig config) {
        if (config.restoreFrom().isEmpty()) {
            return;
        }
        String backup = config.restoreFrom().get();
        if (KvStoreFactory.restore(
                config.backend(),
                Path.of(config.backup().dir()),
                backup,
                Path.of(config.path()),
                config.restoreOverwrite())) {
            Log.infof("Restored backup %s into %s", backup, config.path());
        } else {
            Log.infof(
                    "%s was already restored from backup %s; remove kv.restore-from to stop checking",
                    config.path(), backup);
        }
    }

    static KvStoreConfig storeConfig(KvConfig config) {
        if (config.backend() != KvBackend.ROCKSDB && !config.rocksdb().isEmpty()) {
            Log.warnf(
                    "kv.rocksdb.* %s ignored: kv.backend is %s",
                    config.rocksdb().keySet(), config.backend().configName());
        }
        if (config.backend() != KvBackend.ETCD && !config.etcd().isEmpty()) {
            Log.warnf(
                    "kv.etcd.* %s ignored: kv.backend is %s",
                    config.etcd().keySet(), config.backend().configName());
        }
        if (config.backend() == KvBackend.MEMORY) {
            return KvStoreConfig.memory();
        }
        if (config.backend() == KvBackend.ETCD) {
            KvStoreConfig storeConfig = KvStoreConfig.etcd(config.etcd().get("endpoints"));
            for (Map.Entry<String, String> param : config.etcd().entrySet()) {
                storeConfig = storeConfig.withParam(param.getKey(), param.getValue());
            }
            return storeConfig;
        }
        KvStoreConfig storeConfig = KvStoreConfig.rocksdb(config.path());
        for (Map.Entry<String, String> param : config.rocksdb().entrySet()) {
            storeConfig = storeConfig.withParam(param.getKey(), param.getValue());
        }
        return storeConfig;
    }
}
