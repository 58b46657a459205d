package io.spear.next.registry.write;

import com.google.protobuf.Message;
import io.spear.next.registry.HighLoadThresholds;
import io.spear.next.registry.format.NodeParts;
import io.spear.next.registry.format.NodeState;
import io.spear.next.registry.format.RegistryKeys;
import io.spear.next.storage.kv.KvCondition;
import io.spear.next.storage.kv.KvMutation;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What moving one node from one state to another writes, as pure code: the conditions on its parts
 * as read, the parts that changed, the index entries that follow from them, and how the cluster
 * totals move. The committer adds the events and the totals shard and writes it all at once; a
 * rebuild writes {@link #entries} for every node.
 */
public final class WritePlanner {

    private static final byte[] EMPTY = new byte[0];

    /** The writes of one node's change, and how the cluster totals move with it. */
    record WritePlan(List<KvCondition> conditions, List<KvMutation> mutations, ClusterTotals totals) {}

    private final HighLoadThresholds highLoad;
    private final boolean carriesRecords;
    private final boolean indexesFigures;

    /**
     * {@code carriesRecords}: whether a record's index entries may carry it ({@link
     * RegistryKeys#carriesRecord}); {@code indexesFigures}: whether reports' figures have entries
     * ({@link RegistryKeys#INDEXED_FIGURES}). Neither on a shared store: there replicas of two
     * releases run side by side during a rolling update, and one of an older release would change a
     * record without rewriting the copies its entries carry, or a report without moving its
     * figures' entries; and each entry would be one more operation in every beat's etcd transaction.
     */
    WritePlanner(HighLoadThresholds highLoad, boolean carriesRecords, boolean indexesFigures) {
        this.highLoad = highLoad;
        this.carriesRecords = carriesRecords;
        this.indexesFigures = indexesFigures;
    }

    /** Whether reports' figures are indexed. */
    public boolean indexesFigures() {
        return indexesFigures;
    }

    /** The writes that move the node from {@code before} (read as {@code parts}) to {@code after}. */
    WritePlan plan(String uuid, NodeParts parts, NodeState before, NodeState after) {
        List<KvCondition> conditions = List.of(
                KvCondition.unchanged(RegistryKeys.node(uuid), parts.record()),
                KvCondition.unchanged(RegistryKeys.beat(uuid), parts.liveness()),
                KvCondition.unchanged(RegistryKeys.resource(uuid), parts.report()));
        List<KvMutation> mutations = new ArrayList<>();
        byte[] record = part(RegistryKeys.node(uuid), before.node(), after.node(), mutations);
        part(RegistryKeys.beat(uuid), before.liveness(), after.liveness(), mutations);
        part(RegistryKeys.resource(uuid), before.report(), after.report(), mutations);
        indexChanges(before, after, parts.record(), record, mutations);
        ClusterTotals totals = before.node() == after.node() && before.report() == after.report()
                ? ClusterTotals.zero()
                : totals(after).minus(totals(before));
        return new WritePlan(conditions, mutations, totals);
    }

    /** What an existing node adds to the cluster totals. */
    ClusterTotals totals(NodeState state) {
        return ClusterTotals.of(state.node(), state.report(), highLoad);
    }

    /** Every index entry of an existing node, as a rebuild writes them. */
    List<KvMutation> entries(NodeState state) {
        List<KvMutation> mutations = new ArrayList<>();
        byte[] record = state.node().toByteArray();
        Set<String> recordEntries = RegistryKeys.recordEntries(state.node());
        byte[] carried = carriesRecord(recordEntries, record) ? record : EMPTY;
        for (String entry : recordEntries) {
            mutations.add(KvMutation.put(entry, carried));
        }
        for (String entry : RegistryKeys.reportEntries(state.report(), highLoad, indexesFigures)) {
            mutations.add(KvMutation.put(entry, EMPTY));
        }
        String beat = RegistryKeys.heartbeatEntry(state.node(), state.liveness());
        if (beat != null) {
            mutations.add(KvMutation.put(beat, EMPTY));
        }
        return mutations;
    }

    /** Writes or deletes a part that changed; returns the bytes written (null when none were). */
    private static byte[] part(String key, Message before, Message after, List<KvMutation> mutations) {
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
    private void indexChanges(
            NodeState before, NodeState after, byte[] stored, byte[] record, List<KvMutation> mutations) {
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
            Set<String> was = RegistryKeys.reportEntries(before.report(), highLoad, indexesFigures);
            Set<String> is = RegistryKeys.reportEntries(after.report(), highLoad, indexesFigures);
            for (String key : was) {
                if (!is.contains(key)) {
                    mutations.add(KvMutation.delete(key));
                }
            }
            for (String key : is) {
                if (!was.contains(key)) {
                    mutations.add(KvMutation.put(key, EMPTY));
                }
            }
        }
    }

    private boolean carriesRecord(Set<String> entries, byte[] record) {
        return carriesRecords && RegistryKeys.carriesRecord(entries, record);
    }
}
