package io.spear.next.sms.wiring;

import io.quarkus.logging.Log;
import io.quarkus.runtime.Startup;
import io.quarkus.runtime.configuration.ConfigurationException;
import io.spear.next.registry.HeartbeatSweeper;
import io.spear.next.registry.HighLoadThresholds;
import io.spear.next.registry.Leadership;
import io.spear.next.registry.NodeRegistry;
import io.spear.next.registry.NodeResourceRegistry;
import io.spear.next.registry.Registry;
import io.spear.next.registry.RegistryFormatException;
import io.spear.next.registry.RegistrySettings;
import io.spear.next.registry.events.RegistryEvents;
import io.spear.next.sms.config.SmsConfig;
import io.spear.next.storage.kv.KvElection;
import io.spear.next.storage.kv.KvStore;
import io.spear.next.storage.kv.LocalFiles;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;

/**
 * The one place that opens the {@link Registry} on the application store, at startup: opening
 * reads the store (and may upgrade it), which must not happen on the event loop that first
 * injects it, and data it cannot read must stop the boot with one clear line. The node and
 * resource registries and the sweeper are views of that one instance.
 */
@ApplicationScoped
public class RegistryProducer {

    @Produces
    @Singleton
    RegistryEvents events(KvStore store, SmsConfig config) {
        return RegistryEvents.open(store, config.watch().retention());
    }

    void closeEvents(@Disposes RegistryEvents events) {
        events.close();
    }

    @Produces
    @Singleton
    RegistrySettings settings(SmsConfig config, RegistryEvents events) {
        SmsConfig.HighLoad highLoad = config.highLoad();
        return new RegistrySettings(
                Clock.systemUTC(),
                new HighLoadThresholds(highLoad.cpuPercent(), highLoad.memoryPercent(), highLoad.loadAverage1m()),
                events,
                config.reports().figureIndex());
    }

    @Produces
    @Singleton
    @Startup
    Registry registry(KvStore store, RegistrySettings settings) {
        try {
            Registry registry = Registry.open(store, settings);
            if (registry.upgradedRecords() > 0) {
                Log.infof(
                        "Upgraded the registry data%s to stored format %d: %d records rewritten",
                        LocalFiles.inDirectoryOf(store), Registry.storedFormat(), registry.upgradedRecords());
            }
            return registry;
        } catch (RegistryFormatException e) {
            Log.errorf("Cannot start the SMS: %s", e.getMessage());
            throw new ConfigurationException("Cannot start the SMS: " + e.getMessage());
        }
    }

    /**
     * On an embedded store this process is the only writer and always leads; replicas on a shared
     * store (etcd) elect one with a key held by a lease.
     */
    @Produces
    @Singleton
    Leadership leadership(KvStore store, SmsConfig config) {
        return store.unwrap(KvElection.class)
                .<Leadership>map(election -> new ElectedLeadership(election.campaign(
                        LEADER_KEY,
                        candidate(config.leader().name()),
                        config.leader().leaseTtl())))
                .orElse(Leadership.SOLE);
    }

    void resign(@Disposes Leadership leadership) {
        if (leadership instanceof ElectedLeadership elected) {
            elected.candidacy().close();
        }
    }

    static final String LEADER_KEY = "registry-meta:leader";

    /** This replica, as the leader key names it: its name (the pod's), process and a random suffix. */
    private static String candidate(String name) {
        return name + "/" + ProcessHandle.current().pid() + "/" + UUID.randomUUID();
    }

    /** The election's view as the registry's leadership. */
    record ElectedLeadership(KvElection.Candidacy candidacy) implements Leadership {
        @Override
        public boolean leads() {
            return candidacy.leads();
        }

        @Override
        public Duration storeReachableFor() {
            return candidacy.reachableFor();
        }
    }

    @Produces
    @Singleton
    NodeRegistry nodeRegistry(Registry registry) {
        return registry.nodes();
    }

    @Produces
    @Singleton
    NodeResourceRegistry resourceRegistry(Registry registry) {
        return registry.resources();
    }

    @Produces
    @Singleton
    HeartbeatSweeper sweeper(Registry registry, SmsConfig config) {
        return registry.sweeper(config.heartbeat().timeout(), config.node().removeAfter());
    }
}
