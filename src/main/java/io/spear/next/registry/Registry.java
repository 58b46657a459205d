package io.spear.next.registry;

import io.spear.next.registry.format.RegistryFormat;
import io.spear.next.registry.format.RegistryKeys;
import io.spear.next.registry.write.StorePolicy;
import io.spear.next.storage.kv.KvStore;
import io.spear.next.storage.kv.RangeOptions;
import java.time.Duration;
import java.util.Optional;

/**
 * The node registry on a {@link KvStore}: one instance per store, opened once. Opening brings the
 * store's data to the current format (or refuses data from a newer release) and makes the derived
 * data (indexes, totals) match the settings. {@link #nodes()}, {@link #resources()} and
 * {@link #sweeper} are views of the same engine; every change they make is one atomic
 * compare-and-set of the node's state, so none is lost, whichever thread or process makes it.
 */
public final class Registry {

    private final RegistryEngine engine;
    private final NodeRegistry nodes;
    private final NodeResourceRegistry resources;
    private final int upgradedRecords;

    private Registry(RegistryEngine engine, int upgradedRecords) {
        this.engine = engine;
        this.upgradedRecords = upgradedRecords;
        this.nodes = new NodeRegistry(engine);
        this.resources = new NodeResourceRegistry(engine);
    }

    /**
     * Opens the registry kept in {@code store}.
     *
     * @throws RegistryFormatException when the store holds data from a newer release
     */
    public static Registry open(KvStore store, RegistrySettings settings) {
        RegistryEngine engine = new RegistryEngine(store, StorePolicy.of(store), settings);
        int upgraded = RegistryFormat.upgrade(store);
        if (upgraded > 0) {
            engine.derived.rebuild();
            settings.events().resume();
        } else {
            engine.derived.ensureCurrent();
        }
        return new Registry(engine, upgraded);
    }

    /** How many records opening rewrote from an older stored format (0 when the data was current). */
    public int upgradedRecords() {
        return upgradedRecords;
    }

    /** How many changes were written again because another writer changed the node first, since opening. */
    public long conflicts() {
        return engine.conflicts();
    }

    /** Changes waiting for the writer now; at {@link #writeQueueCapacity()} new ones are refused. */
    public int queuedWrites() {
        return engine.queuedWrites();
    }

    public static int writeQueueCapacity() {
        return RegistryEngine.WRITE_QUEUE_CAPACITY;
    }

    /** The version of the stored format this release writes. */
    public static int storedFormat() {
        return RegistryFormat.CURRENT;
    }

    public NodeRegistry nodes() {
        return nodes;
    }

    public NodeResourceRegistry resources() {
        return resources;
    }

    public RegistrySettings settings() {
        return engine.settings;
    }

    /** A sweeper over this registry; scheduling it is the caller's job. */
    public HeartbeatSweeper sweeper(Duration timeout, Optional<Duration> removeAfter) {
        return new HeartbeatSweeper(engine, timeout, removeAfter);
    }

    /** Whether the store holds any node or report, without reading them all. */
    public boolean holdsRecords() {
        KvStore store = engine.store;
        return !store.range(RangeOptions.prefix(RegistryKeys.NODE).withLimit(1)).isEmpty()
                || !store.range(RangeOptions.prefix(RegistryKeys.RESOURCE).withLimit(1))
                        .isEmpty();
    }

    /**
     * After the store's contents were replaced wholesale (an import): upgrades what came in to the
     * current format, recomputes indexes and totals from the records, and resumes the change log
     * after the imported one. Run it while nothing else writes.
     */
    public void reloadAfterImport() {
        RegistryFormat.upgrade(engine.store);
        engine.derived.rebuild();
        engine.settings.events().resume();
    }

    /**
     * Throws {@link IllegalArgumentException} for a pair this registry could not read back (a
     * record that decodes in no known format, or sits under another uuid); for checking imports.
     */
    public static void checkRecord(String key, byte[] value) {
        RegistryFormat.checkRecord(key, value);
    }
}
