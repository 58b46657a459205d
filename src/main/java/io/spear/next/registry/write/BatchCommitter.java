package io.spear.next.registry.write;

import io.spear.next.registry.RegistrySettings;
import io.spear.next.registry.events.RegistryEvents;
import io.spear.next.registry.format.NodeParts;
import io.spear.next.registry.format.NodeState;
import io.spear.next.registry.stored.StoredEvent;
import io.spear.next.registry.write.WritePlanner.WritePlan;
import io.spear.next.storage.kv.KvCondition;
import io.spear.next.storage.kv.KvMutation;
import io.spear.next.storage.kv.KvOutcomeUnknownException;
import io.spear.next.storage.kv.KvStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;

/**
 * Writes a batch of changes of distinct nodes in one conditional write: one read of every node
 * (and of the totals shard the batch adds to), the transitions, one write. A refused write brings
 * the current values back, and the batch is planned again on them, so concurrent writers (threads
 * or replicas) never lose one another's work. On a shared store it starts from the parts it
 * remembers ({@link KnownNodes}) instead of a read.
 */
public final class BatchCommitter {

    private static final int MAX_ATTEMPTS = 1000;

    /** What one attempt left to do. */
    private sealed interface Attempted {
        /** Every change of the batch has its outcome. */
        record Settled() implements Attempted {}

        /** Plan again on these values (read back with a refusal, or read again). */
        record Again(BatchRead values) implements Attempted {}
    }

    private static final Attempted SETTLED = new Attempted.Settled();

    private final KvStore store;
    private final RegistrySettings settings;
    private final TotalsShards shards;
    private final WritePlanner planner;
    /** Whether a read may lag (a shared store): then only a read made after settles a change. */
    private final boolean readsMayLag;
    /** The nodes' parts as last written or read here, where the policy keeps them. */
    private final KnownNodes known;

    private final LongAdder conflicts = new LongAdder();

    public BatchCommitter(
            KvStore store,
            RegistrySettings settings,
            TotalsShards shards,
            WritePlanner planner,
            KnownNodes known,
            boolean readsMayLag) {
        this.store = store;
        this.settings = settings;
        this.shards = shards;
        this.planner = planner;
        this.readsMayLag = readsMayLag;
        this.known = known;
    }

    /** Writes refused because another writer changed the node (or its totals shard) first. */
    public long conflicts() {
        return conflicts.sum();
    }

    public void commit(List<PendingChange<?>> batch) {
        String shard = shards.acquire(batch.get(0).uuid);
        try {
            List<String> keys =
                    BatchRead.keys(batch.stream().map(change -> change.uuid).toList(), shard);
            BatchRead values = startingValues(batch, shard);
            boolean fresh = !readsMayLag; // every later read is current
            for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
                if (!(attempt(batch, shard, keys, values, fresh) instanceof Attempted.Again again)) {
                    return;
                }
                values = again.values();
                fresh = true;
            }
            batch.stream()
                    .filter(change -> !change.done())
                    .forEach(change -> change.fail(new IllegalStateException(
                            "node " + change.uuid + " kept changing under " + MAX_ATTEMPTS + " attempts to write it")));
        } catch (RuntimeException e) {
            forget(batch); // what the store holds now is unknown
            batch.stream().filter(change -> !change.done()).forEach(change -> change.fail(e));
        } finally {
            shards.release(shard);
        }
    }

    /**
     * The values to plan on: the parts this process remembers (a shared store's), read (possibly a
     * little stale there) where it does not.
     */
    private BatchRead startingValues(List<PendingChange<?>> batch, String shard) {
        List<NodeParts> nodes = new ArrayList<>(batch.size());
        List<String> missing = new ArrayList<>();
        for (PendingChange<?> change : batch) {
            NodeParts parts = known.get(change.uuid);
            nodes.add(parts);
            if (parts == null) {
                missing.addAll(NodeParts.keys(change.uuid));
            }
        }
        Optional<byte[]> shardValue = shards.known(shard);
        if (shardValue == null) {
            missing.add(shard);
        }
        if (!missing.isEmpty()) {
            List<Optional<byte[]>> read = store.getAllForUpdate(missing);
            int at = 0;
            for (int i = 0; i < nodes.size(); i++) {
                if (nodes.get(i) == null) {
                    nodes.set(i, NodeParts.of(read, at));
                    at += NodeParts.COUNT;
                }
            }
            if (shardValue == null) {
                shardValue = read.get(at);
            }
        }
        return new BatchRead(nodes, shardValue.orElse(null));
    }

    /** Remembers the batch's nodes and shard as {@code values} (read, or just written). */
    private void remember(List<PendingChange<?>> batch, String shard, BatchRead values) {
        for (int i = 0; i < batch.size(); i++) {
            known.put(batch.get(i).uuid, values.node(i));
        }
        shards.remember(shard, Optional.ofNullable(values.shard()));
    }

    private void forget(List<PendingChange<?>> batch) {
        batch.forEach(change -> known.forget(change.uuid));
        shards.forgetAll();
    }

    /**
     * Plans and writes what of the batch is not done yet. A change that writes nothing (refused,
     * or no change) is only answered from a {@code fresh} read: on a read that may lag, its node
     * may just not be visible yet.
     */
    private Attempted attempt(
            List<PendingChange<?>> batch, String shard, List<String> keys, BatchRead values, boolean fresh) {
        List<KvCondition> conditions = new ArrayList<>();
        List<KvMutation> mutations = new ArrayList<>();
        List<PendingChange<?>> writing = new ArrayList<>(batch.size());
        List<RegistryEvents.Appended> appended = new ArrayList<>();
        ClusterTotals delta = ClusterTotals.zero();
        boolean readAgain = false;
        for (int i = 0; i < batch.size(); i++) {
            PendingChange<?> change = batch.get(i);
            if (change.done()) {
                continue;
            }
            NodeState before = values.node(i).state(change.uuid);
            NodeState after;
            try {
                after = change.plan(before);
            } catch (RuntimeException e) {
                if (fresh) {
                    change.fail(e); // the client's mistake (a missing node...): the others go on
                } else {
                    readAgain = true;
                }
                continue;
            }
            if (after == before) {
                if (fresh) {
                    change.succeed();
                } else {
                    readAgain = true;
                }
                continue;
            }
            WritePlan plan = planner.plan(change.uuid, values.node(i), before, after);
            conditions.addAll(plan.conditions());
            mutations.addAll(plan.mutations());
            delta = delta.plus(plan.totals());
            RegistryEvents events = settings.events();
            List<StoredEvent.Builder> changes =
                    events.enabled() ? RegistryEvents.between(before, after, settings.now()) : List.of();
            if (!changes.isEmpty()) {
                appended.add(events.append(change.uuid, changes, mutations));
            }
            writing.add(change);
        }
        if (readAgain) { // before writing anything: a shared write is all or nothing anyway
            appended.forEach(events -> events.done(false));
            BatchRead current = BatchRead.of(store.getAll(keys));
            remember(batch, shard, current);
            return new Attempted.Again(current);
        }
        if (writing.isEmpty()) {
            return SETTLED;
        }
        if (!delta.isZero()) {
            conditions.add(KvCondition.unchanged(shard, values.shard()));
            mutations.add(KvMutation.put(
                    shard, ClusterTotals.decode(values.shard()).plus(delta).encode()));
        }
        if (writing.size() > 1
                && (mutations.size() > store.limits().maxOperations()
                        || conditions.size() > store.limits().maxOperations())) {
            appended.forEach(events -> events.done(false));
            for (PendingChange<?> change : writing) { // too much for one write: each on its own
                commit(List.of(change));
            }
            return SETTLED;
        }
        return write(batch, shard, keys, values, conditions, mutations, writing, appended);
    }

    private Attempted write(
            List<PendingChange<?>> batch,
            String shard,
            List<String> keys,
            BatchRead values,
            List<KvCondition> conditions,
            List<KvMutation> mutations,
            List<PendingChange<?>> writing,
            List<RegistryEvents.Appended> appended) {
        boolean written = false;
        try {
            Optional<List<Optional<byte[]>>> refused = store.writeIfOrRead(conditions, mutations, keys);
            written = refused.isEmpty();
            if (written) {
                remember(batch, shard, values.after(keys, mutations));
                writing.forEach(PendingChange::succeed);
                return SETTLED;
            }
            conflicts.increment();
            BatchRead current = BatchRead.of(refused.get());
            remember(batch, shard, current);
            return new Attempted.Again(current); // read along with the refusal: no second round trip
        } catch (KvOutcomeUnknownException e) {
            // the store timed out (a leader change, say): the write may have been applied. Look;
            // if it was, the batch is done (a retry would answer, say, a false "already exists").
            BatchRead now = BatchRead.of(store.getAll(keys));
            remember(batch, shard, now);
            PendingChange<?> first = writing.get(0);
            NodeState meant = first.planned();
            if (now.node(batch.indexOf(first)).state(first.uuid).equals(meant)) { // one write: all or none applied
                written = true;
                writing.forEach(PendingChange::succeed);
                return SETTLED;
            }
            return new Attempted.Again(now);
        } finally {
            for (RegistryEvents.Appended events : appended) {
                events.done(written);
            }
        }
    }
}
