package io.spear.next.registry.write;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spear.next.registry.HighLoadThresholds;
import io.spear.next.registry.NodeRegistration;
import io.spear.next.registry.NodeStatus;
import io.spear.next.registry.NodeUpdate;
import io.spear.next.registry.format.NodeParts;
import io.spear.next.registry.format.NodeState;
import io.spear.next.registry.format.RegistryKeys;
import io.spear.next.registry.write.WritePlanner.WritePlan;
import io.spear.next.storage.kv.KvMutation;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The writes a change plans, checked without a store. */
class WritePlannerTest {

    private static final String UUID = "6f1c2d3e-4b5a-4c6d-8e7f-8091a2b3c4d5";
    private static final long NOW = 1_800_000_000L;

    private final WritePlanner embedded = new WritePlanner(HighLoadThresholds.DEFAULTS, true, true);
    private final WritePlanner shared = new WritePlanner(HighLoadThresholds.DEFAULTS, false, false);

    private static NodeState registered(Map<String, String> labels) {
        return NodeState.absent(UUID).registered(new NodeRegistration(UUID, "n", "10.0.0.1", 7000, null, labels), NOW);
    }

    private static NodeParts partsOf(NodeState state) {
        return new NodeParts(
                state.node() == null ? null : state.node().toByteArray(),
                state.liveness() == null ? null : state.liveness().toByteArray(),
                state.report() == null ? null : state.report().toByteArray());
    }

    private static Set<String> puts(WritePlan plan) {
        return plan.mutations().stream()
                .filter(m -> m instanceof KvMutation.Put)
                .map(KvMutation::key)
                .collect(Collectors.toSet());
    }

    private static Set<String> deletes(WritePlan plan) {
        return plan.mutations().stream()
                .filter(m -> m instanceof KvMutation.Delete)
                .map(KvMutation::key)
                .collect(Collectors.toSet());
    }

    private static byte[] valueOf(WritePlan plan, String key) {
        return plan.mutations().stream()
                .filter(m -> m.key().equals(key))
                .map(m -> ((KvMutation.Put) m).value())
                .findFirst()
                .orElseThrow();
    }

    @Test
    void aRegistrationWritesTheRecordItsLivenessEveryEntryAndOneMoreActiveNode() {
        NodeState before = NodeState.absent(UUID);
        NodeState after = registered(Map.of("zone", "z1"));

        WritePlan plan = embedded.plan(UUID, partsOf(before), before, after);

        String status = RegistryKeys.statusPrefix(NodeStatus.ACTIVE) + UUID;
        String label = RegistryKeys.labelPrefix("zone", "z1") + UUID;
        String beat = RegistryKeys.heartbeatEntry(after.node(), after.liveness());
        assertEquals(Set.of(RegistryKeys.node(UUID), RegistryKeys.beat(UUID), status, label, beat), puts(plan));
        assertEquals(Set.of(), deletes(plan));
        assertEquals(3, plan.conditions().size()); // each part as read: absent
        assertArrayEquals(after.node().toByteArray(), valueOf(plan, label)); // carried
        assertEquals(1, plan.totals().toStats().totalNodes());
        assertEquals(1, plan.totals().toStats().activeNodes());
        // a rebuild writes the same entries
        assertEquals(
                Set.of(status, label, beat),
                embedded.entries(after).stream().map(KvMutation::key).collect(Collectors.toSet()));
    }

    @Test
    void aHeartbeatInTheSameTimeBucketWritesOnlyTheLiveness() {
        NodeState before = registered(Map.of("zone", "z1"));
        NodeState after = before.beat(NOW + 1, Map.of());

        WritePlan plan = embedded.plan(UUID, partsOf(before), before, after);

        assertEquals(
                List.of(RegistryKeys.beat(UUID)),
                plan.mutations().stream().map(KvMutation::key).toList());
        assertTrue(plan.totals().isZero());
    }

    @Test
    void aLabelChangeMovesItsEntryAndRewritesTheEntriesThatCarryTheRecord() {
        NodeState before = registered(Map.of("zone", "z1"));
        NodeState after = before.updated(new NodeUpdate(null, null, null, null, null, Map.of("zone", "z2")), NOW);

        WritePlan plan = embedded.plan(UUID, partsOf(before), before, after);

        String status = RegistryKeys.statusPrefix(NodeStatus.ACTIVE) + UUID;
        String newLabel = RegistryKeys.labelPrefix("zone", "z2") + UUID;
        assertEquals(Set.of(RegistryKeys.labelPrefix("zone", "z1") + UUID), deletes(plan));
        assertEquals(Set.of(RegistryKeys.node(UUID), status, newLabel), puts(plan));
        assertArrayEquals(after.node().toByteArray(), valueOf(plan, status));
        assertTrue(plan.totals().isZero());
    }

    @Test
    void onASharedStoreEntriesStayEmptyAndUnchangedOnesAreNotRewritten() {
        NodeState before = registered(Map.of("zone", "z1"));
        NodeState after = before.updated(new NodeUpdate(null, null, null, null, null, Map.of("zone", "z2")), NOW);

        WritePlan plan = shared.plan(UUID, partsOf(before), before, after);

        String newLabel = RegistryKeys.labelPrefix("zone", "z2") + UUID;
        assertEquals(Set.of(RegistryKeys.node(UUID), newLabel), puts(plan));
        assertEquals(0, valueOf(plan, newLabel).length);
    }

    @Test
    void anExpiryMovesTheNodeFromActiveToUnhealthyInTheTotalsAndDropsItsHeartbeatEntry() {
        NodeState before = registered(Map.of());
        NodeState after = before.expired(NOW + 60);

        WritePlan plan = embedded.plan(UUID, partsOf(before), before, after);

        assertEquals(
                Set.of(
                        RegistryKeys.statusPrefix(NodeStatus.ACTIVE) + UUID,
                        RegistryKeys.heartbeatEntry(before.node(), before.liveness())),
                deletes(plan));
        assertTrue(puts(plan).contains(RegistryKeys.statusPrefix(NodeStatus.UNHEALTHY) + UUID));
        assertTrue(puts(plan).contains(RegistryKeys.timed(RegistryKeys.BY_UNHEALTHY_SINCE, NOW + 60) + UUID));
        assertEquals(-1, plan.totals().toStats().activeNodes());
        assertEquals(1, plan.totals().toStats().unhealthyNodes());
        assertEquals(0, plan.totals().toStats().totalNodes());
    }
}
