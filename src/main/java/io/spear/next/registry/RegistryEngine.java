package io.spear.next.registry;

import com.google.protobuf.InvalidProtocolBufferException;
import io.spear.next.registry.stored.StoredEvent;
import io.spear.next.registry.stored.StoredLiveness;
import io.spear.next.registry.stored.StoredNode;
import io.spear.next.registry.stored.StoredReport;
import io.spear.next.storage.kv.Keys;
import io.spear.next.storage.kv.KvCondition;
import io.spear.next.storage.kv.KvCursor;
import io.spear.next.storage.kv.KvHistory;
import io.spear.next.storage.kv.KvMutation;
import io.spear.next.storage.kv.KvOutcomeUnknownException;
import io.spear.next.storage.kv.KvPair;
import io.spear.next.storage.kv.KvStore;
import io.spear.next.storage.kv.RangeOptions;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;

/**
 * The registry's engine: reads a node's state, applies a transition to it, and writes the parts
 * that changed, their index entries, the cluster totals and the change's events in one
 * compare-and-set write of the store. A writer that loses a race re-reads and re-applies its
 * transition, so concurrent heartbeats, updates and sweeps never lose one another's work, from
 * any thread or process that shares the store.
 */
final class RegistryEngine {

    private static final int MAX_ATTEMPTS = 1000;
    /** Changes in one write on a shared store: about 6 operations and 3 conditions each, within etcd's 128. */
    static final int MAX_BATCH_SHARED = 10;
    /** Writes in flight at once on a shared store (each with up to MAX_BATCH_SHARED changes): round trips overlap. */
    private static final int MAX_WRITERS_SHARED = 4;
    /** Changes in one write on an embedded store: one WAL append (and fsync) for all of them. */
    static final int MAX_BATCH_EMBEDDED = 128;
    /**
     * Writes in flight at once on an embedded store: one. While it writes (and fsyncs) the next
     * batch gathers; a second writer halved the batches and measured slower (docs/BENCHMARKS.md).
     */
    private static final int MAX_WRITERS_EMBEDDED = 1;
    /** Changes waiting for a writer before new ones are refused (about 1 KB each). */
    static final int WRITE_QUEUE_CAPACITY = 10_000;
    /** Nodes whose parts a replica remembers (about 1 KB each). */
    static final int KNOWN_NODES = 50_000;
    private static final int REBUILD_BATCH = 10_000;
    private static final byte[] EMPTY = new byte[0];

    /** The state after a transition and what the caller gets back. */
    record Transition<T>(NodeState after, T result) {
    }

    final KvStore store;
    final RegistrySettings settings;
    private final TotalsShards shards;
    /** A store several processes share (etcd): reads that may lag, round trips worth overlapping. */
    private final boolean shared;
    private final WriteStage stage;
    /** Shared stores: the nodes' parts as last written or read here; null on the embedded stores. */
    private final KnownNodes known;
    /** Writes refused because another writer changed the node (or its totals shard) first. */
    final LongAdder conflicts = new LongAdder();

    RegistryEngine(KvStore store, RegistrySettings settings) {
        this.store = store;
        this.settings = settings;
        this.shards = TotalsShards.of(store);
        this.shared = store.unwrap(KvHistory.class).isPresent();
        this.stage = shared
                ? new WriteStage(MAX_BATCH_SHARED, MAX_WRITERS_SHARED, WRITE_QUEUE_CAPACITY, this::commit)
                : new WriteStage(MAX_BATCH_EMBEDDED, MAX_WRITERS_EMBEDDED, WRITE_QUEUE_CAPACITY, this::commit);
        this.known = shared ? new KnownNodes(KNOWN_NODES) : null;
    }

    long now() {
        return settings.now();
    }

    NodeState state(String uuid) {
        return stateOf(uuid, store.getAll(List.of(RegistryKeys.node(uuid), RegistryKeys.beat(uuid),
                RegistryKeys.resource(uuid))));
    }

    /** A node's state from its parts as read: node record, liveness, report (each absent: empty). */
    private static NodeState stateOf(String uuid, List<Optional<byte[]>> parts) {
        return new NodeState(uuid, parseNode(parts.get(0).orElse(null)), parseLiveness(parts.get(1).orElse(null)),
                parseReport(parts.get(2).orElse(null)));
    }

    /** The nodes (record and liveness) of these uuids, in order; empty where none is registered. */
    List<Optional<Node>> nodes(List<String> uuids) {
        List<String> keys = new ArrayList<>(uuids.size() * 2);
        for (String uuid : uuids) {
            keys.add(RegistryKeys.node(uuid));
            keys.add(RegistryKeys.beat(uuid));
        }
        List<Optional<byte[]>> values = store.getAll(keys);
        List<Optional<Node>> nodes = new ArrayList<>(uuids.size());
        for (int i = 0; i < uuids.size(); i++) {
            Optional<byte[]> node = values.get(2 * i);
            Optional<byte[]> liveness = values.get(2 * i + 1);
            nodes.add(node.isPresent() && liveness.isPresent()
                    ? Optional.of(StoredForm.node(parseNode(node.get()), parseLiveness(liveness.get())))
                    : Optional.empty());
        }
        return nodes;
    }

    /** The labels (metadata) of these nodes, in order; empty where none is registered (or the uuid is null). */
    List<Optional<Map<String, String>>> labels(List<String> uuids) {
        List<String> keys = new ArrayList<>(uuids.size());
        for (String uuid : uuids) {
            keys.add(RegistryKeys.node(uuid == null ? "" : uuid));
        }
        List<Optional<Map<String, String>>> labels = new ArrayList<>(uuids.size());
        for (Optional<byte[]> record : store.getAll(keys)) {
            labels.add(record.map(bytes -> parseNode(bytes).getMetadataMap()));
        }
        return labels;
    }

    Optional<NodeResource> report(String uuid) {
        return store.get(RegistryKeys.resource(uuid)).map(bytes -> StoredForm.report(parseReport(bytes)));
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
    <T> CompletableFuture<T> submit(String uuid, Function<NodeState, Transition<T>> transition) {
        return stage.submit(new Pending<>(uuid, transition));
    }

    /** Changes waiting for a writer. */
    int queuedWrites() {
        return stage.queued();
    }

    /** One change on its way to the store, and what came of it. */
    static final class Pending<T> {
        final String uuid;
        final Function<NodeState, Transition<T>> transition;
        final CompletableFuture<T> future = new CompletableFuture<>();
        Transition<T> planned;
        boolean done; // written by the one writer that holds the change
        private T result;
        private RuntimeException error;

        Pending(String uuid, Function<NodeState, Transition<T>> transition) {
            this.uuid = uuid;
            this.transition = transition;
        }

        void plan(NodeState state) {
            planned = transition.apply(state);
        }

        void succeed() {
            result = planned.result();
            done = true;
        }

        void fail(RuntimeException e) {
            if (!done) {
                error = e;
                done = true;
            }
        }

        /** Answers the caller, once the whole batch's write is over. */
        void complete() {
            if (!done) {
                fail(new IllegalStateException("the write of node " + uuid + " ended without an outcome"));
            }
            if (error != null) {
                future.completeExceptionally(error);
            } else {
                future.complete(result);
            }
        }
    }

    /**
     * Writes a batch of changes of distinct nodes in one conditional write: one read of every
     * node (and the totals shard the batch adds to), the transitions, one write; a refused write
     * brings the current values back, and the batch is planned again on them.
     */
    void commit(List<Pending<?>> batch) {
        String shard = shards.acquire(batch.get(0).uuid);
        try {
            List<String> keys = new ArrayList<>(3 * batch.size() + 1);
            for (Pending<?> change : batch) {
                keys.addAll(List.of(RegistryKeys.node(change.uuid), RegistryKeys.beat(change.uuid),
                        RegistryKeys.resource(change.uuid)));
            }
            keys.add(shard);
            List<Optional<byte[]>> values = startingValues(batch, keys, shard);
            boolean fresh = !shared; // on a shared store these may lag; every later read is current
            for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
                Optional<List<Optional<byte[]>>> next = attempt(batch, shard, keys, values, fresh);
                if (next.isEmpty()) {
                    return;
                }
                values = next.get();
                fresh = true;
            }
            batch.stream().filter(change -> !change.done).forEach(change -> change.fail(new IllegalStateException(
                    "node " + change.uuid + " kept changing under " + MAX_ATTEMPTS + " attempts to write it")));
        } catch (RuntimeException e) {
            forget(batch); // what the store holds now is unknown
            batch.stream().filter(change -> !change.done).forEach(change -> change.fail(e));
        } finally {
            shards.release(shard);
        }
    }

    /**
     * The parts of the batch's nodes and its shard to plan on: on a shared store those this
     * process remembers, read (possibly a little stale) only where it does not; on the embedded
     * stores a read of all.
     */
    private List<Optional<byte[]>> startingValues(List<Pending<?>> batch, List<String> keys, String shard) {
        if (known == null) {
            return store.getAllForUpdate(keys);
        }
        List<Optional<byte[]>> values = new ArrayList<>(Collections.nCopies(keys.size(), null));
        for (int i = 0; i < batch.size(); i++) {
            List<Optional<byte[]>> parts = known.get(batch.get(i).uuid);
            for (int p = 0; parts != null && p < 3; p++) {
                values.set(3 * i + p, parts.get(p));
            }
        }
        values.set(keys.size() - 1, shards.known(shard));
        List<String> missing = new ArrayList<>();
        for (int k = 0; k < keys.size(); k++) {
            if (values.get(k) == null) {
                missing.add(keys.get(k));
            }
        }
        if (!missing.isEmpty()) {
            List<Optional<byte[]>> read = store.getAllForUpdate(missing);
            for (int k = 0, m = 0; k < keys.size(); k++) {
                if (values.get(k) == null) {
                    values.set(k, read.get(m++));
                }
            }
        }
        return values;
    }

    /** Remembers the batch's nodes and shard as {@code values} (read, or just written). */
    private void remember(List<Pending<?>> batch, String shard, List<Optional<byte[]>> values) {
        if (known == null) {
            return;
        }
        for (int i = 0; i < batch.size(); i++) {
            known.put(batch.get(i).uuid, values.subList(3 * i, 3 * i + 3));
        }
        shards.remember(shard, values.get(values.size() - 1));
    }

    private void forget(List<Pending<?>> batch) {
        if (known == null) {
            return;
        }
        batch.forEach(change -> known.forget(change.uuid));
        shards.forgetAll();
    }

    /** {@code values} of {@code keys} after {@code mutations} were applied to them. */
    private static List<Optional<byte[]>> after(List<String> keys, List<Optional<byte[]>> values, List<KvMutation> mutations) {
        Map<String, KvMutation> last = new HashMap<>();
        for (KvMutation mutation : mutations) {
            last.put(mutation.key(), mutation);
        }
        List<Optional<byte[]>> written = new ArrayList<>(values.size());
        for (int k = 0; k < keys.size(); k++) {
            KvMutation mutation = last.get(keys.get(k));
            written.add(mutation == null ? values.get(k)
                    : mutation instanceof KvMutation.Put put ? Optional.of(put.value()) : Optional.empty());
        }
        return written;
    }

    /**
     * Plans and writes what of the batch is not done yet; empty when all is, else the values to
     * plan again on. A change that writes nothing (refused, or no change) is only answered from a
     * {@code fresh} read: on a read that may lag, its node may just not be visible yet.
     */
    private Optional<List<Optional<byte[]>>> attempt(List<Pending<?>> batch, String shard, List<String> keys,
            List<Optional<byte[]>> values, boolean fresh) {
        byte[] shardBytes = values.get(values.size() - 1).orElse(null);
        List<KvCondition> conditions = new ArrayList<>();
        List<KvMutation> mutations = new ArrayList<>();
        List<Pending<?>> writing = new ArrayList<>(batch.size());
        List<RegistryEvents.Appended> appended = new ArrayList<>();
        ClusterTotals delta = ClusterTotals.zero();
        boolean readAgain = false;
        for (int i = 0; i < batch.size(); i++) {
            Pending<?> change = batch.get(i);
            if (change.done) {
                continue;
            }
            NodeState before = stateOf(change.uuid, values.subList(3 * i, 3 * i + 3));
            try {
                change.plan(before);
            } catch (RuntimeException e) {
                if (fresh) {
                    change.fail(e); // the client's mistake (a missing node...): the others go on
                } else {
                    readAgain = true;
                }
                continue;
            }
            NodeState after = change.planned.after();
            if (after == before) {
                if (fresh) {
                    change.succeed();
                } else {
                    readAgain = true;
                }
                continue;
            }
            delta = delta.plus(plan(change.uuid, values.subList(3 * i, 3 * i + 3), before, after, conditions, mutations));
            RegistryEvents events = settings.events();
            List<StoredEvent.Builder> changes = events.enabled() ? RegistryEvents.between(before, after, now()) : List.of();
            if (!changes.isEmpty()) {
                appended.add(events.append(change.uuid, changes, mutations));
            }
            writing.add(change);
        }
        if (readAgain) { // before writing anything: a shared write is all or nothing anyway
            appended.forEach(events -> events.done(false));
            List<Optional<byte[]>> current = store.getAll(keys);
            remember(batch, shard, current);
            return Optional.of(current);
        }
        if (writing.isEmpty()) {
            return Optional.empty();
        }
        if (!delta.isZero()) {
            conditions.add(KvCondition.unchanged(shard, shardBytes));
            mutations.add(KvMutation.put(shard, ClusterTotals.decode(shardBytes).plus(delta).encode()));
        }
        if (writing.size() > 1 && (mutations.size() > store.limits().maxOperations()
                || conditions.size() > store.limits().maxOperations())) {
            appended.forEach(events -> events.done(false));
            for (Pending<?> change : writing) { // too much for one write: each on its own
                commit(List.of(change));
            }
            return Optional.empty();
        }
        boolean written = false;
        try {
            Optional<List<Optional<byte[]>>> refused = store.writeIfOrRead(conditions, mutations, keys);
            written = refused.isEmpty();
            if (written) {
                remember(batch, shard, after(keys, values, mutations));
                writing.forEach(Pending::succeed);
                return Optional.empty();
            }
            conflicts.increment();
            remember(batch, shard, refused.get());
            return refused; // read along with the refusal: no second round trip
        } catch (KvOutcomeUnknownException e) {
            // the store timed out (a leader change, say): the write may have been applied. Look;
            // if it was, the batch is done (a retry would answer, say, a false "already exists").
            List<Optional<byte[]>> now = store.getAll(keys);
            remember(batch, shard, now);
            Pending<?> first = writing.get(0);
            int at = batch.indexOf(first);
            NodeState meant = first.planned.after();
            if (stateOf(meant.uuid(), now.subList(3 * at, 3 * at + 3)).equals(meant)) { // one write: all or none applied
                written = true;
                writing.forEach(Pending::succeed);
                return Optional.empty();
            }
            return Optional.of(now);
        } finally {
            for (RegistryEvents.Appended events : appended) {
                events.done(written);
            }
        }
    }

    /**
     * Adds what moves one node from {@code before} to {@code after} to a write: the conditions on
     * its parts as read ({@code parts}: node, liveness, report), the parts that changed, their
     * index entries; returns how the cluster totals move.
     */
    private ClusterTotals plan(String uuid, List<Optional<byte[]>> parts, NodeState before, NodeState after,
            List<KvCondition> conditions, List<KvMutation> mutations) {
        conditions.add(KvCondition.unchanged(RegistryKeys.node(uuid), parts.get(0).orElse(null)));
        conditions.add(KvCondition.unchanged(RegistryKeys.beat(uuid), parts.get(1).orElse(null)));
        conditions.add(KvCondition.unchanged(RegistryKeys.resource(uuid), parts.get(2).orElse(null)));
        byte[] record = part(RegistryKeys.node(uuid), before.node(), after.node(), mutations);
        part(RegistryKeys.beat(uuid), before.liveness(), after.liveness(), mutations);
        part(RegistryKeys.resource(uuid), before.report(), after.report(), mutations);
        indexChanges(before, after, parts.get(0).orElse(null), record, mutations);
        if (before.node() == after.node() && before.report() == after.report()) {
            return ClusterTotals.zero();
        }
        return ClusterTotals.of(after.node(), after.report(), settings.highLoad())
                .minus(ClusterTotals.of(before.node(), before.report(), settings.highLoad()));
    }

    /** Writes or deletes a part that changed; returns the bytes written (null when none were). */
    private static byte[] part(String key, com.google.protobuf.Message before,
            com.google.protobuf.Message after, List<KvMutation> mutations) {
        if (after == before) {
            return null;
        }
        if (after == null) {
            mutations.add(KvMutation.delete(key));
        } else if (!after.equals(before)) {
            byte[] bytes = after.toByteArray();
            mutations.add(KvMutation.put(key, bytes));
            return bytes;
        }
        return null;
    }

    /**
     * Moves the index entries that follow from the parts that changed, and only those. The
     * record's entries carry the record when {@link #carriesRecord} says so: a changed record then
     * rewrites all of them. {@code stored}: the record's bytes before the change;
     * {@code record}: after it (null when it did not change or is gone).
     */
    private void indexChanges(NodeState before, NodeState after, byte[] stored, byte[] record,
            List<KvMutation> mutations) {
        if (before.node() != after.node()) {
            Set<String> was = RegistryKeys.recordEntries(before.node());
            Set<String> is = RegistryKeys.recordEntries(after.node());
            for (String key : was) {
                if (!is.contains(key)) {
                    mutations.add(KvMutation.delete(key));
                }
            }
            if (record != null) {
                boolean carried = stored != null && carriesRecord(was, stored);
                byte[] value = carriesRecord(is, record) ? record : EMPTY;
                for (String key : is) {
                    if (value != EMPTY || carried || !was.contains(key)) { // else: stays empty
                        mutations.add(KvMutation.put(key, value));
                    }
                }
            }
        }
        String beatBefore = RegistryKeys.heartbeatEntry(before.node(), before.liveness());
        String beatAfter = RegistryKeys.heartbeatEntry(after.node(), after.liveness());
        if (!Objects.equals(beatBefore, beatAfter)) {
            if (beatBefore != null) {
                mutations.add(KvMutation.delete(beatBefore));
            }
            if (beatAfter != null) {
                mutations.add(KvMutation.put(beatAfter, EMPTY));
            }
        }
        if (before.report() != after.report()) {
            diff(RegistryKeys.reportEntries(before.report(), settings.highLoad()),
                    RegistryKeys.reportEntries(after.report(), settings.highLoad()), mutations);
        }
    }

    /**
     * Whether a record's entries carry it ({@link RegistryKeys#carriesRecord}). Never on a shared
     * store: there replicas of two releases run side by side during a rolling update, and one of
     * an older release would change a record without rewriting the copies its entries carry.
     */
    private boolean carriesRecord(Set<String> entries, byte[] record) {
        return !shared && RegistryKeys.carriesRecord(entries, record);
    }

    private static void diff(Set<String> before, Set<String> after, List<KvMutation> mutations) {
        for (String key : before) {
            if (!after.contains(key)) {
                mutations.add(KvMutation.delete(key));
            }
        }
        for (String key : after) {
            if (!before.contains(key)) {
                mutations.add(KvMutation.put(key, EMPTY));
            }
        }
    }

    ClusterStats stats() {
        return shards.sum().toStats();
    }

    /**
     * One page of a listing: walks the keys under {@code prefix} after the token's key, resolves
     * them a batch at a time ({@code resolve} maps the batch's pairs to items, empty for one that
     * does not belong on the page), and stops at {@code limit} items. A batch is one multi-get at
     * most, so a page costs a few store calls, not one per item. {@code withValues} reads the
     * walked keys' values too (a walk over records, or over entries that carry them).
     */
    <T> Page<T> page(String prefix, String pageToken, int limit, boolean withValues,
            Function<List<KvPair>, List<Optional<T>>> resolve) {
        return page(List.of(prefix), pageToken, limit, withValues, resolve);
    }

    /**
     * As {@link #page(String, String, int, boolean, Function)}, over several index ranges at once
     * (the entries of several values of one label), merged in uuid order. The token names the
     * first prefix and the last uuid returned.
     */
    <T> Page<T> page(List<String> prefixes, String pageToken, int limit, boolean withValues,
            Function<List<KvPair>, List<Optional<T>>> resolve) {
        String last = lastKeyOf(prefixes.get(0), pageToken);
        String after = last == null ? null : RegistryKeys.uuidOf(last);
        List<T> items = new ArrayList<>(limit);
        String lastUuid = null;
        try (KvCursor cursor = cursor(prefixes, after)) {
            List<KvPair> batch = new ArrayList<>();
            boolean more = true;
            while (more) {
                batch.clear();
                int want = Math.max(16, limit - items.size() + 1);
                while (batch.size() < want && (more = cursor.next())) {
                    batch.add(new KvPair(cursor.key(), withValues ? cursor.value() : EMPTY));
                }
                List<Optional<T>> resolved = batch.isEmpty() ? List.of() : resolve.apply(batch);
                for (int i = 0; i < resolved.size(); i++) {
                    if (resolved.get(i).isEmpty()) {
                        continue;
                    }
                    if (items.size() == limit) {
                        return new Page<>(items, tokenFor(prefixes.get(0) + lastUuid));
                    }
                    items.add(resolved.get(i).get());
                    lastUuid = RegistryKeys.uuidOf(batch.get(i).key());
                }
            }
        }
        return new Page<>(items, null);
    }

    /** The keys under each prefix after the node {@code after} (null: from the start), in uuid order. */
    private KvCursor cursor(List<String> prefixes, String after) {
        List<KvCursor> cursors = new ArrayList<>(prefixes.size());
        try {
            for (String prefix : prefixes) {
                String start = after == null ? prefix : prefix + after + '\u0000'; // the first key after it
                cursors.add(store.cursor(RangeOptions.between(start, Keys.prefixEnd(prefix))));
            }
        } catch (RuntimeException e) {
            cursors.forEach(KvCursor::close);
            throw e;
        }
        return cursors.size() == 1 ? cursors.get(0) : new UnionCursor(cursors);
    }

    /** The uuids at the ends of these keys. */
    static List<String> uuidsOf(List<KvPair> pairs) {
        List<String> uuids = new ArrayList<>(pairs.size());
        for (KvPair pair : pairs) {
            uuids.add(RegistryKeys.uuidOf(pair.key()));
        }
        return uuids;
    }

    /**
     * The nodes of these records as walked ({@code node:} keys, or index entries that carry the
     * record): only their liveness is read, in one multi-get. A node whose liveness is gone (removed
     * after the walk began) is left out. An entry without its record (one written by an older
     * release before a rebuild) has the record read with the liveness.
     */
    List<Optional<Node>> nodesOfRecords(List<KvPair> records) {
        List<String> keys = new ArrayList<>(records.size());
        for (KvPair record : records) {
            keys.add(RegistryKeys.beat(RegistryKeys.uuidOf(record.key())));
        }
        for (KvPair record : records) { // after the liveness keys: the records not walked
            if (record.value().length == 0) {
                keys.add(RegistryKeys.node(RegistryKeys.uuidOf(record.key())));
            }
        }
        List<Optional<byte[]>> values = store.getAll(keys);
        List<Optional<Node>> nodes = new ArrayList<>(records.size());
        int unwalked = records.size();
        for (int i = 0; i < records.size(); i++) {
            Optional<byte[]> beat = values.get(i);
            byte[] walked = records.get(i).value();
            Optional<byte[]> record = walked.length == 0 ? values.get(unwalked++) : Optional.of(walked);
            nodes.add(beat.isEmpty() || record.isEmpty() ? Optional.empty()
                    : Optional.of(StoredForm.node(parseNode(record.get()), parseLiveness(beat.get()))));
        }
        return nodes;
    }

    /** The opaque page token that resumes a listing after {@code key}. */
    String tokenFor(String key) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(key.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The key a page token resumes after (null without a token). Every listed key ends with a node's
     * uuid, so a token of another listing, or one made up, is refused.
     */
    String lastKeyOf(String prefix, String pageToken) {
        if (pageToken == null) {
            return null;
        }
        String key;
        try {
            key = new String(Base64.getUrlDecoder().decode(pageToken), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new InvalidPageTokenException();
        }
        if (!key.startsWith(prefix) || !NodeRegistry.isCanonicalUuid(RegistryKeys.uuidOf(key))) {
            throw new InvalidPageTokenException();
        }
        return key;
    }

    // --- derived data ------------------------------------------------------------------------

    /**
     * The totals and the high-load index depend on the thresholds, the time indexes on their bucket
     * size, the record's entries on the stored format (since format 3 they carry the record). When
     * the store was last written with others (or by a version without totals), rebuild the derived
     * data once, before the registry serves anything.
     */
    void ensureTotalsMatchThresholds() {
        Optional<byte[]> recorded = store.get(RegistryKeys.STATS_META);
        if (recorded.isEmpty() || !Arrays.equals(recorded.get(), thresholdsRecord())) {
            rebuildDerivedData();
        }
    }

    private byte[] thresholdsRecord() {
        HighLoadThresholds highLoad = settings.highLoad();
        return (highLoad.cpuPercent() + " " + highLoad.memoryPercent() + " " + highLoad.loadAverage1m()
                + " time-bucket " + RegistryKeys.TIME_BUCKET_SECONDS + " format " + RegistryFormat.CURRENT)
                .getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * Recomputes every index entry and the cluster totals from the records, in batches. Not
     * atomic: run it while nothing else writes (at startup, or right after an import).
     */
    void rebuildDerivedData() {
        shards.forgetAll(); // the stats keys are rewritten, and after an import so are the records
        if (known != null) {
            known.clear();
        }
        List<String> stale = new ArrayList<>(store.keysWithPrefix(RegistryKeys.INDEX));
        stale.addAll(store.keysWithPrefix(RegistryKeys.STATS));
        for (int from = 0; from < stale.size(); from += REBUILD_BATCH) {
            store.batchDelete(stale.subList(from, Math.min(stale.size(), from + REBUILD_BATCH)));
        }
        Map<String, ClusterTotals> totals = new TreeMap<>();
        List<KvMutation> mutations = new ArrayList<>();
        try (KvCursor cursor = store.cursor(RangeOptions.prefix(RegistryKeys.NODE))) {
            while (cursor.next()) {
                NodeState state = stateOfRecord(cursor.key(), cursor.value());
                if (!state.exists()) {
                    continue;
                }
                totals.merge(shards.rebuiltShard(state.uuid()),
                        ClusterTotals.of(state.node(), state.report(), settings.highLoad()), ClusterTotals::plus);
                byte[] record = state.node().toByteArray();
                Set<String> recordEntries = RegistryKeys.recordEntries(state.node());
                byte[] carried = carriesRecord(recordEntries, record) ? record : EMPTY;
                for (String entry : recordEntries) {
                    mutations.add(KvMutation.put(entry, carried));
                }
                List<String> entries = new ArrayList<>(RegistryKeys.reportEntries(state.report(), settings.highLoad()));
                String beat = RegistryKeys.heartbeatEntry(state.node(), state.liveness());
                if (beat != null) {
                    entries.add(beat);
                }
                for (String entry : entries) {
                    mutations.add(KvMutation.put(entry, EMPTY));
                }
                if (mutations.size() >= REBUILD_BATCH) {
                    writeInBatches(mutations);
                    mutations = new ArrayList<>();
                }
            }
        }
        for (Map.Entry<String, ClusterTotals> shard : totals.entrySet()) {
            if (!shard.getValue().isZero()) {
                mutations.add(KvMutation.put(shard.getKey(), shard.getValue().encode()));
            }
        }
        writeInBatches(mutations);
        // last: a rebuild cut short is started again by the next open
        store.put(RegistryKeys.STATS_META, thresholdsRecord());
    }

    /** Writes {@code mutations} in writes the store takes whole (etcd: 128 operations each). */
    private void writeInBatches(List<KvMutation> mutations) {
        int batch = Math.min(REBUILD_BATCH, store.limits().maxOperations());
        for (int from = 0; from < mutations.size(); from += batch) {
            store.write(mutations.subList(from, Math.min(mutations.size(), from + batch)));
        }
    }

    /**
     * The state of a node whose record a walk has already read: only its liveness and report are
     * fetched (the record is not read again, and the totals shard a write would need is not read).
     */
    private NodeState stateOfRecord(String recordKey, byte[] record) {
        String uuid = RegistryKeys.uuidOf(recordKey);
        List<Optional<byte[]>> parts = store.getAll(List.of(RegistryKeys.beat(uuid), RegistryKeys.resource(uuid)));
        byte[] liveness = parts.get(0).orElse(null);
        if (liveness == null) {
            return NodeState.absent(uuid); // removed while the walk went on
        }
        return new NodeState(uuid, parseNode(record), parseLiveness(liveness), parseReport(parts.get(1).orElse(null)));
    }

    // --- the stored format -------------------------------------------------------------------

    static StoredNode parseNode(byte[] bytes) {
        return parse(StoredNode.parser(), bytes, "node");
    }

    static StoredLiveness parseLiveness(byte[] bytes) {
        return parse(StoredLiveness.parser(), bytes, "liveness");
    }

    static StoredReport parseReport(byte[] bytes) {
        return parse(StoredReport.parser(), bytes, "report");
    }

    static StoredEvent parseEvent(byte[] bytes) {
        return parse(StoredEvent.parser(), bytes, "event");
    }

    /** A stored record (null when absent); one that does not parse is a damaged store, not a client's mistake. */
    private static <T> T parse(com.google.protobuf.Parser<T> parser, byte[] bytes, String what) {
        try {
            return bytes == null ? null : parser.parseFrom(bytes);
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException("unreadable " + what + " record in the store: " + e.getMessage(), e);
        }
    }
}
