package io.spear.next.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.spear.next.storage.kv.KvCondition;
import io.spear.next.storage.kv.KvCursor;
import io.spear.next.storage.kv.KvMutation;
import io.spear.next.storage.kv.KvStore;
import io.spear.next.storage.kv.Keys;
import io.spear.next.storage.kv.RangeOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The registries' shared engine: encodes records, and changes a node, its resource report, their
 * index entries and the cluster totals in one compare-and-set write of the store. A writer that
 * loses a race re-reads and re-applies its change, so concurrent heartbeats, updates and sweeps
 * never lose one another's work, even from different registry objects or threads.
 */
final class RegistryStore {

    static final int SHARDS = 64;
    private static final int MAX_ATTEMPTS = 1000;
    private static final int REBUILD_BATCH = 10_000;
    private static final List<String> SHARD_KEYS = java.util.stream.IntStream.range(0, SHARDS)
            .mapToObj(i -> RegistryKeys.STATS_SHARD + String.format("%02d", i)).toList();
    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    /** A node's records as read, with the exact bytes the write will be conditioned on. */
    record State(byte[] nodeBytes, Node node, byte[] resourceBytes, NodeResource resource) {
    }

    /** The records after a change (null: absent) and what the caller gets back. */
    record Change<T>(Node node, NodeResource resource, T result) {
    }

    final KvStore store;
    final RegistrySettings settings;

    private RegistryStore(KvStore store, RegistrySettings settings) {
        this.store = store;
        this.settings = settings;
    }

    /** The engine for a registry: its derived data checked against these settings first. */
    static RegistryStore open(KvStore store, RegistrySettings settings) {
        RegistryStore records = new RegistryStore(store, settings);
        records.ensureTotalsMatchThresholds();
        return records;
    }

    /** {@link #rebuildDerivedData} without checking first: the rebuild is the check. */
    static void rebuild(KvStore store, RegistrySettings settings) {
        new RegistryStore(store, settings).rebuildDerivedData();
    }

    long now() {
        return settings.now();
    }

    State read(String uuid) {
        List<Optional<byte[]>> records = store.getAll(List.of(RegistryKeys.node(uuid), RegistryKeys.resource(uuid)));
        byte[] nodeBytes = records.get(0).orElse(null);
        byte[] resourceBytes = records.get(1).orElse(null);
        return new State(nodeBytes, decode(nodeBytes, Node.class), resourceBytes, decode(resourceBytes, NodeResource.class));
    }

    /** Whether the store holds any node or resource record (reads at most one key of each). */
    static boolean holdsRecords(KvStore store) {
        return !store.range(RangeOptions.prefix(RegistryKeys.NODE).withLimit(1)).isEmpty()
                || !store.range(RangeOptions.prefix(RegistryKeys.RESOURCE).withLimit(1)).isEmpty();
    }

    Optional<Node> node(String uuid) {
        return store.get(RegistryKeys.node(uuid)).map(bytes -> decode(bytes, Node.class));
    }

    Optional<NodeResource> resource(String uuid) {
        return store.get(RegistryKeys.resource(uuid)).map(bytes -> decode(bytes, NodeResource.class));
    }

    /**
     * Applies {@code change} to the node's current state and writes the result atomically; when
     * another writer changed the node (or its totals shard) in between, starts again from a fresh
     * read. {@code change} must be a pure function of the state: it may run more than once.
     */
    <T> T transact(String uuid, Function<State, Change<T>> change) {
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            State before = read(uuid);
            Change<T> after = change.apply(before);
            if (after.node() == before.node() && after.resource() == before.resource()) {
                return after.result();
            }
            List<KvCondition> conditions = new ArrayList<>();
            List<KvMutation> mutations = new ArrayList<>();
            conditions.add(KvCondition.unchanged(RegistryKeys.node(uuid), before.nodeBytes()));
            conditions.add(KvCondition.unchanged(RegistryKeys.resource(uuid), before.resourceBytes()));
            record(RegistryKeys.node(uuid), before.nodeBytes(), after.node(), mutations);
            record(RegistryKeys.resource(uuid), before.resourceBytes(), after.resource(), mutations);
            indexChanges(before.node(), before.resource(), after.node(), after.resource(), mutations);
            ClusterTotals delta = ClusterTotals.of(after.node(), after.resource(), settings.highLoad())
                    .minus(ClusterTotals.of(before.node(), before.resource(), settings.highLoad()));
            if (!delta.isZero()) {
                String shard = shardKey(uuid);
                byte[] shardBytes = store.get(shard).orElse(null);
                conditions.add(KvCondition.unchanged(shard, shardBytes));
                mutations.add(KvMutation.put(shard, ClusterTotals.decode(shardBytes).plus(delta).encode()));
            }
            if (write(uuid, before, after, conditions, mutations)) {
                return after.result();
            }
        }
        throw new IllegalStateException("node " + uuid + " kept changing under " + MAX_ATTEMPTS + " attempts to write it");
    }

    /** The conditional write of one change, with its events (if anyone keeps them) in the same batch. */
    private boolean write(String uuid, State before, Change<?> after, List<KvCondition> conditions,
            List<KvMutation> mutations) {
        RegistryEvents events = settings.events();
        if (!events.enabled()) {
            return store.writeIf(conditions, mutations);
        }
        List<RegistryEvent> changes = RegistryEvent.between(uuid, before.node(), before.resource(), after.node(),
                after.resource(), now());
        if (changes.isEmpty()) {
            return store.writeIf(conditions, mutations);
        }
        long[] revisions = events.allocate(changes.size());
        for (int i = 0; i < revisions.length; i++) {
            RegistryEvent event = changes.get(i).withRevision(revisions[i]);
            mutations.add(KvMutation.put(RegistryKeys.event(revisions[i]), encode(event)));
        }
        boolean written = false;
        try {
            written = store.writeIf(conditions, mutations);
            return written;
        } finally {
            events.done(revisions, written);
        }
    }

    ClusterStats stats() {
        // Point lookups: every heartbeat rewrites a shard, and a range scan would step over each
        // older version still in the memtable.
        ClusterTotals totals = ClusterTotals.zero();
        for (Optional<byte[]> shard : store.getAll(SHARD_KEYS)) {
            if (shard.isPresent()) {
                totals = totals.plus(ClusterTotals.decode(shard.get()));
            }
        }
        return totals.toStats();
    }

    /**
     * One page of an index (or record) range: walks keys under {@code prefix} after the token's
     * key, turns each into an item (or skips it when {@code match} returns empty), and stops at
     * {@code limit} items. Costs O(page) when most keys match.
     */
    <T> Page<T> page(String prefix, String pageToken, int limit, Function<KvCursor, Optional<T>> match) {
        String last = lastKeyOf(prefix, pageToken);
        String start = last == null ? prefix : last + '\u0000'; // the first key after the last one returned
        List<T> items = new ArrayList<>();
        String lastKey = null;
        try (KvCursor cursor = store.cursor(RangeOptions.between(start, Keys.prefixEnd(prefix)))) {
            while (cursor.next()) {
                Optional<T> item = match.apply(cursor);
                if (item.isEmpty()) {
                    continue;
                }
                if (items.size() == limit) {
                    return new Page<>(items, tokenFor(lastKey));
                }
                items.add(item.get());
                lastKey = cursor.key();
            }
        }
        return new Page<>(items, null);
    }

    static <T> T decode(byte[] bytes, Class<T> type) {
        if (bytes == null) {
            return null;
        }
        try {
            return JSON.readValue(bytes, type);
        } catch (IOException e) {
            throw new IllegalStateException("unreadable " + type.getSimpleName() + " record in the store: " + e, e);
        }
    }

    private static byte[] encode(Object record) {
        try {
            return JSON.writeValueAsBytes(record);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode " + record, e);
        }
    }

    private static void record(String key, byte[] before, Object after, List<KvMutation> mutations) {
        if (after == null) {
            if (before != null) {
                mutations.add(KvMutation.delete(key));
            }
            return;
        }
        byte[] encoded = encode(after);
        if (!Arrays.equals(before, encoded)) {
            mutations.add(KvMutation.put(key, encoded));
        }
    }

    private void indexChanges(Node oldNode, NodeResource oldResource, Node newNode, NodeResource newResource,
            List<KvMutation> mutations) {
        Set<String> before = RegistryKeys.indexEntries(oldNode, oldResource, settings.highLoad());
        Set<String> after = RegistryKeys.indexEntries(newNode, newResource, settings.highLoad());
        for (String key : before) {
            if (!after.contains(key)) {
                mutations.add(KvMutation.delete(key));
            }
        }
        for (String key : after) {
            if (!before.contains(key)) {
                mutations.add(KvMutation.put(key, new byte[0]));
            }
        }
    }

    private static String shardKey(String uuid) {
        return SHARD_KEYS.get(Math.floorMod(uuid.hashCode(), SHARDS));
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

    /**
     * The totals and the high-load index depend on the thresholds. When the store was last written
     * with other thresholds (or by a version without totals), rebuild the derived data once, before
     * this registry serves anything.
     */
    private void ensureTotalsMatchThresholds() {
        Optional<byte[]> recorded = store.get(RegistryKeys.STATS_META);
        if (recorded.isEmpty() || !Arrays.equals(recorded.get(), encode(settings.highLoad()))) {
            rebuildDerivedData();
        }
    }

    /**
     * Recomputes every index entry and the cluster totals from the node and resource records, in
     * batches. Not atomic: run it while nothing else writes (at startup, or right after an import).
     */
    void rebuildDerivedData() {
        List<String> stale = new ArrayList<>(store.keysWithPrefix(RegistryKeys.INDEX));
        stale.addAll(store.keysWithPrefix(RegistryKeys.STATS));
        for (int from = 0; from < stale.size(); from += REBUILD_BATCH) {
            store.batchDelete(stale.subList(from, Math.min(stale.size(), from + REBUILD_BATCH)));
        }
        ClusterTotals[] shards = new ClusterTotals[SHARDS];
        Arrays.setAll(shards, i -> ClusterTotals.zero());
        List<KvMutation> mutations = new ArrayList<>();
        try (KvCursor cursor = store.cursor(RangeOptions.prefix(RegistryKeys.NODE))) {
            while (cursor.next()) {
                Node node = decode(cursor.value(), Node.class);
                NodeResource resource = resource(node.uuid()).orElse(null);
                int shard = Math.floorMod(node.uuid().hashCode(), SHARDS);
                shards[shard] = shards[shard].plus(ClusterTotals.of(node, resource, settings.highLoad()));
                for (String entry : RegistryKeys.indexEntries(node, resource, settings.highLoad())) {
                    mutations.add(KvMutation.put(entry, new byte[0]));
                }
                if (mutations.size() >= REBUILD_BATCH) {
                    store.write(mutations);
                    mutations = new ArrayList<>();
                }
            }
        }
        for (int i = 0; i < SHARDS; i++) {
            if (!shards[i].isZero()) {
                mutations.add(KvMutation.put(SHARD_KEYS.get(i), shards[i].encode()));
            }
        }
        mutations.add(KvMutation.put(RegistryKeys.STATS_META, encode(settings.highLoad())));
        store.write(mutations);
    }

    /**
     * Refuses a record that this registry could not read back: a node or report that does not
     * decode, or whose uuid is not the one in its key. Other keys (indexes, totals) are not
     * checked; {@link #rebuildDerivedData} recomputes them.
     */
    static void checkRecord(String key, byte[] value) {
        try {
            if (key.startsWith(RegistryKeys.NODE)) {
                Node node = JSON.readValue(value, Node.class);
                require(node.uuid() != null && key.equals(RegistryKeys.node(node.uuid())) && node.status() != null,
                        "the node in " + key + " has another or no uuid, or no status");
            } else if (key.startsWith(RegistryKeys.RESOURCE)) {
                NodeResource resource = JSON.readValue(value, NodeResource.class);
                require(resource.nodeUuid() != null && key.equals(RegistryKeys.resource(resource.nodeUuid())),
                        "the report in " + key + " is for another node");
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("the value of " + key + " is not a registry record: " + e.getMessage());
        }
    }

    private static void require(boolean condition, String problem) {
        if (!condition) {
            throw new IllegalArgumentException(problem);
        }
    }
}
