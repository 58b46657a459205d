package io.spear.next.registry.write;

import io.spear.next.registry.HighLoadThresholds;
import io.spear.next.registry.NodeResource.Figure;
import io.spear.next.registry.RegistrySettings;
import io.spear.next.registry.format.NodeParts;
import io.spear.next.registry.format.NodeState;
import io.spear.next.registry.format.RegistryFormat;
import io.spear.next.registry.format.RegistryKeys;
import io.spear.next.storage.kv.KvCursor;
import io.spear.next.storage.kv.KvMutation;
import io.spear.next.storage.kv.KvStore;
import io.spear.next.storage.kv.RangeOptions;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The data derived from the nodes' records: every index entry and the cluster totals. They depend
 * on the high-load thresholds, the time indexes' bucket size, the stored format (since format 3
 * the record's entries carry it) and the report figures indexed, all recorded under {@link
 * RegistryKeys#STATS_META}; when the store was last written with others, they are rebuilt once,
 * before the registry serves anything.
 */
public final class DerivedData {

    private static final int REBUILD_BATCH = 10_000;

    private final KvStore store;
    private final RegistrySettings settings;
    private final TotalsShards shards;
    private final WritePlanner planner;
    private final KnownNodes known;

    /** {@code known}: the parts the writer remembers (see {@link StorePolicy#knownNodes}). */
    public DerivedData(
            KvStore store, RegistrySettings settings, TotalsShards shards, WritePlanner planner, KnownNodes known) {
        this.store = store;
        this.settings = settings;
        this.shards = shards;
        this.planner = planner;
        this.known = known;
    }

    /** Rebuilds the derived data if the store was last written with other settings or by another format. */
    public void ensureCurrent() {
        Optional<byte[]> recorded = store.get(RegistryKeys.STATS_META);
        if (recorded.isEmpty() || !Arrays.equals(recorded.get(), settingsRecord())) {
            rebuild();
        }
    }

    private byte[] settingsRecord() {
        HighLoadThresholds highLoad = settings.highLoad();
        return (highLoad.cpuPercent() + " " + highLoad.memoryPercent() + " " + highLoad.loadAverage1m()
                        + " time-bucket " + RegistryKeys.TIME_BUCKET_SECONDS + " format " + RegistryFormat.CURRENT
                        + (planner.indexesFigures()
                                ? " figures "
                                        + RegistryKeys.INDEXED_FIGURES.stream()
                                                .map(Figure::jsonName)
                                                .collect(Collectors.toCollection(TreeSet::new))
                                : ""))
                .getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * Recomputes every index entry and the cluster totals from the records, in batches. Not
     * atomic: run it while nothing else writes (at startup, or right after an import).
     */
    public void rebuild() {
        shards.forgetAll(); // the stats keys are rewritten, and after an import so are the records
        known.clear();
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
                totals.merge(shards.rebuiltShard(state.uuid()), planner.totals(state), ClusterTotals::plus);
                mutations.addAll(planner.entries(state));
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
        store.put(RegistryKeys.STATS_META, settingsRecord());
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
        if (parts.get(0).isEmpty()) {
            return NodeState.absent(uuid); // removed while the walk went on
        }
        return new NodeParts(record, parts.get(0).get(), parts.get(1).orElse(null)).state(uuid);
    }
}
