package io.spear.next.registry;

import io.spear.next.registry.format.NodeParts;
import io.spear.next.registry.format.NodeState;
import io.spear.next.registry.format.RegistryKeys;
import io.spear.next.registry.format.StoredForm;
import io.spear.next.registry.read.NodePager;
import io.spear.next.registry.write.BatchCommitter;
import io.spear.next.registry.write.DerivedData;
import io.spear.next.registry.write.KnownNodes;
import io.spear.next.registry.write.PendingChange;
import io.spear.next.registry.write.StorePolicy;
import io.spear.next.registry.write.TotalsShards;
import io.spear.next.registry.write.Transition;
import io.spear.next.registry.write.WritePlanner;
import io.spear.next.registry.write.WriteStage;
import io.spear.next.storage.kv.KvPair;
import io.spear.next.storage.kv.KvStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;

/**
 * The registry's engine: reads a node's state, and hands each change (a transition of that state)
 * to the one {@link WriteStage}, whose {@link BatchCommitter} writes the parts that changed, their
 * index entries ({@link WritePlanner}), the cluster totals and the change's events in one
 * compare-and-set write of the store. Listings go through the {@link NodePager}; the index entries
 * and totals are rebuilt by {@link DerivedData}. How it batches, where the totals live and what
 * it remembers depend on whether other processes write the store too ({@link StorePolicy}).
 */
final class RegistryEngine {

    /** Changes waiting for a writer before new ones are refused (about 1 KB each). */
    static final int WRITE_QUEUE_CAPACITY = 10_000;
    /**
     * The longest a change waits for a writer before it is refused instead: below the 5 s deadline
     * Spear's agents give each call, so that what is written can still be answered in time.
     */
    static final Duration WRITE_QUEUE_MAX_WAIT = Duration.ofSeconds(3);

    final KvStore store;
    final RegistrySettings settings;
    final NodePager pager;
    final DerivedData derived;
    /** Whether reports' figures are indexed (see {@link WritePlanner}). */
    final boolean figuresIndexed;

    private final TotalsShards shards;
    private final BatchCommitter committer;
    private final WriteStage stage;

    RegistryEngine(KvStore store, StorePolicy policy, RegistrySettings settings) {
        this.store = store;
        this.settings = settings;
        this.shards = policy.shards(store);
        KnownNodes known = policy.knownNodes();
        WritePlanner planner = policy.planner(settings);
        this.figuresIndexed = planner.indexesFigures();
        this.committer = new BatchCommitter(store, settings, shards, planner, known, policy.readsMayLag());
        this.stage = new WriteStage(
                policy.maxBatch(), policy.maxWriters(), WRITE_QUEUE_CAPACITY, WRITE_QUEUE_MAX_WAIT, committer::commit);
        this.pager = new NodePager(store);
        this.derived = new DerivedData(store, settings, shards, planner, known);
    }

    long now() {
        return settings.now();
    }

    NodeState state(String uuid) {
        return NodeParts.of(store.getAll(NodeParts.keys(uuid)), 0).state(uuid);
    }

    /** The node (record and liveness) of this uuid; empty where none is registered. */
    Optional<Node> node(String uuid) {
        // a record not walked yet, as the pager resolves one: its record and liveness in one multi-get
        return pager.nodesOfRecords(List.of(new KvPair(RegistryKeys.node(uuid), new byte[0])))
                .get(0)
                .map(NodeFields::toNode);
    }

    /** The labels (metadata) of these nodes, in order; empty where none is registered (or the uuid is null). */
    List<Optional<Map<String, String>>> labels(List<String> uuids) {
        List<String> keys = new ArrayList<>(uuids.size());
        for (String uuid : uuids) {
            keys.add(RegistryKeys.node(uuid == null ? "" : uuid));
        }
        List<Optional<Map<String, String>>> labels = new ArrayList<>(uuids.size());
        for (Optional<byte[]> record : store.getAll(keys)) {
            labels.add(record.map(bytes -> StoredForm.parseNode(bytes).getMetadataMap()));
        }
        return labels;
    }

    public Optional<NodeResource> report(String uuid) {
        return store.get(RegistryKeys.resource(uuid)).map(bytes -> StoredForm.report(StoredForm.parseReport(bytes)));
    }

    /**
     * Applies {@code transition} to the node's current state and writes the result atomically;
     * when another writer changed the node (or its totals shard) in between, starts again from the
     * state the refused write read back. {@code transition} must be a pure function of the state:
     * it may run more than once. Returning the state it was given means "no change": nothing is
     * written. The change goes through the {@link WriteStage}: changes of different nodes that
     * arrive together share one read and one write. Waits for the outcome.
     */
    <T> T transact(String uuid, Function<NodeState, Transition<T>> transition) {
        return await(submit(uuid, transition));
    }

    /** The outcome of a submitted change, its failure thrown as the registry threw it. */
    static <T> T await(CompletableFuture<T> change) {
        try {
            return change.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    /**
     * As {@link #transact}, without waiting: the future completes on a writer thread once the
     * change is durable, refused or failed. A full write queue throws {@link RegistryBusyException}
     * at once.
     */
    public <T> CompletableFuture<T> submit(String uuid, Function<NodeState, Transition<T>> transition) {
        return stage.submit(new PendingChange<>(uuid, transition));
    }

    /** Changes waiting for a writer. */
    int queuedWrites() {
        return stage.queued();
    }

    /** Writes refused because another writer changed the node (or its totals shard) first. */
    long conflicts() {
        return committer.conflicts();
    }

    ClusterStats stats() {
        return shards.sum().toStats();
    }
}
