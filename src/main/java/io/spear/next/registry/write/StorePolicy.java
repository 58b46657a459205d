package io.spear.next.registry.write;

import io.spear.next.registry.RegistrySettings;
import io.spear.next.storage.kv.KvHistory;
import io.spear.next.storage.kv.KvStore;

/**
 * How the registry works a store, by who else writes it: the strategies in which a store this
 * process owns and one several replicas share differ, so that the writers hold no branch on it.
 * Chosen once, when the registry opens the store ({@link #of}).
 */
public sealed interface StorePolicy {

    /**
     * A store that keeps its own history ({@link KvHistory}: etcd) is shared by every replica of a
     * deployment; only such a store can be, since only its history gives the replicas one change
     * log. Every other store is embedded: written by this process alone.
     */
    static StorePolicy of(KvStore store) {
        return store.unwrap(KvHistory.class).isPresent() ? new Shared() : new Embedded();
    }

    /** The most changes one write carries. */
    int maxBatch();

    /** Writes in flight at once. */
    int maxWriters();

    /** Where the cluster totals live. */
    TotalsShards shards(KvStore store);

    /** The nodes' parts a change may start from instead of a read. */
    KnownNodes knownNodes();

    /**
     * Whether the read a change starts from may lag the newest writes: a change that writes nothing
     * (refused, or no change) is then answered only from a read made after.
     */
    boolean readsMayLag();

    /** What each change writes besides the node's parts (see {@link WritePlanner}). */
    WritePlanner planner(RegistrySettings settings);

    /** RocksDB or memory: this process is the only writer. */
    record Embedded() implements StorePolicy {

        /** One WAL append (and fsync) for all of them. */
        @Override
        public int maxBatch() {
            return 128;
        }

        /** While one writes (and fsyncs) the next batch gathers; a second writer halved the batches and measured slower (docs/BENCHMARKS.md). */
        @Override
        public int maxWriters() {
            return 1;
        }

        @Override
        public TotalsShards shards(KvStore store) {
            return new TotalsShards.HashedShards(store);
        }

        /** None: a read of local files costs less than keeping their copies. */
        @Override
        public KnownNodes knownNodes() {
            return KnownNodes.NONE;
        }

        @Override
        public boolean readsMayLag() {
            return false;
        }

        /** Index entries carry their record, and the figures are indexed unless the settings leave them out. */
        @Override
        public WritePlanner planner(RegistrySettings settings) {
            return new WritePlanner(settings.highLoad(), true, settings.figureIndex());
        }
    }

    /** etcd: every replica writes, and the reads a change starts from may lag. */
    record Shared() implements StorePolicy {

        /** Nodes whose parts a replica remembers (about 1 KB each). */
        static final int KNOWN_NODES = 50_000;

        /** About 6 operations and 3 conditions each, within etcd's 128 a transaction. */
        @Override
        public int maxBatch() {
            return 10;
        }

        /** Round trips overlap. */
        @Override
        public int maxWriters() {
            return 4;
        }

        @Override
        public TotalsShards shards(KvStore store) {
            return new TotalsShards.WriterShards(store);
        }

        /** Agents beat through one replica, so a node's remembered parts are usually current. */
        @Override
        public KnownNodes knownNodes() {
            return new KnownNodes(KNOWN_NODES);
        }

        @Override
        public boolean readsMayLag() {
            return true;
        }

        /** Neither carried records nor figure entries (see {@link WritePlanner}'s constructor). */
        @Override
        public WritePlanner planner(RegistrySettings settings) {
            return new WritePlanner(settings.highLoad(), false, false);
        }
    }
}
