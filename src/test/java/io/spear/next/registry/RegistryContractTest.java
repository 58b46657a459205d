package io.spear.next.registry;

import static io.spear.next.registry.RegistryFixtures.registration;
import static io.spear.next.registry.RegistryFixtures.report;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spear.next.registry.events.RegistryEvents;
import io.spear.next.registry.format.RegistryFormat;
import io.spear.next.registry.format.RegistryKeys;
import io.spear.next.registry.query.LabelSelector;
import io.spear.next.registry.query.NodeQuery;
import io.spear.next.registry.query.ReportFilter;
import io.spear.next.registry.query.ReportOrder;
import io.spear.next.registry.query.ResourceQuery;
import io.spear.next.registry.write.StorePolicy;
import io.spear.next.storage.kv.KvStore;
import io.spear.next.testing.MutableClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The registries' behaviour, run against each backend. */
abstract class RegistryContractTest {

    static final Instant START = RegistryFixtures.START;

    protected KvStore store;
    protected MutableClock clock;
    protected RegistrySettings settings;
    protected Registry registry;
    protected NodeRegistry nodes;
    protected NodeResourceRegistry resources;

    protected abstract KvStore openStore();

    @BeforeEach
    void open() {
        store = openStore();
        clock = new MutableClock(START);
        settings = new RegistrySettings(clock, HighLoadThresholds.DEFAULTS);
        registry = Registry.open(store, settings);
        nodes = registry.nodes();
        resources = registry.resources();
    }

    @AfterEach
    void close() {
        store.close();
    }

    long now() {
        return clock.instant().getEpochSecond();
    }

    @Test
    void dataOfANewerFormatIsRefusedNotMisread() {
        int newer = RegistryFormat.CURRENT + 1;
        store.put("registry-meta:format", Integer.toString(newer).getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        RegistryFormatException refused =
                assertThrows(RegistryFormatException.class, () -> Registry.open(store, settings));
        assertTrue(
                refused.getMessage().contains("is in format " + newer + ", written by a newer release"),
                refused.getMessage());
        assertTrue(refused.getMessage().contains("reads formats 1 to " + RegistryFormat.CURRENT), refused.getMessage());
    }

    @Test
    void theStatusAndLabelEntriesCarryTheRecordAndFollowItsChanges() {
        Node node = nodes.register(registration(null, Map.of("zone", "a")));
        String label = "idx:label:zone=a:" + node.uuid();
        assertArrayEquals(carried(node.uuid()), store.get(label).orElseThrow());
        clock.advance(Duration.ofSeconds(5));
        nodes.heartbeat(node.uuid(), Map.of("disk", "ok"), null);
        nodes.update(node.uuid(), new NodeUpdate("renamed", null, null, null, null, null), OptionalLong.empty());
        assertArrayEquals(
                carried(node.uuid()), store.get(label).orElseThrow(), "a changed record rewrites its entries");
        assertArrayEquals(
                carried(node.uuid()),
                store.get("idx:status:active:" + node.uuid()).orElseThrow());
        assertEquals(List.of(node.uuid()), collect(null, Map.of("zone", "a"), 10));
        assertEquals(
                "renamed",
                nodes.list(new NodeQuery(Set.of(NodeStatus.ACTIVE), null, 10, null))
                        .items()
                        .get(0)
                        .name());
        // an entry an older release wrote (no record) is still listed, its record read instead
        store.put(label, new byte[0]);
        Node listed = nodes.list(new NodeQuery(Set.of(), LabelSelector.parse("zone=a"), 10, null))
                .items()
                .get(0)
                .toNode();
        assertEquals(nodes.get(node.uuid()).orElseThrow(), listed);
    }

    @Test
    void aNodeWithManyLabelsHasEntriesWithoutTheRecordAndIsStillListed() {
        Map<String, String> many = new HashMap<>();
        for (int i = 0; i < 20; i++) {
            many.put("k" + i, "v");
        }
        Node node = nodes.register(registration(null, Map.of("zone", "a")));
        assertArrayEquals(
                carried(node.uuid()),
                store.get("idx:label:zone=a:" + node.uuid()).orElseThrow());
        nodes.update(node.uuid(), new NodeUpdate(null, null, null, null, null, many), OptionalLong.empty());
        assertEquals(0, store.get("idx:label:zone=a:" + node.uuid()).orElseThrow().length, "past the bound: empty");
        assertEquals(0, store.get("idx:label:k7=v:" + node.uuid()).orElseThrow().length);
        assertEquals(List.of(node.uuid()), collect(null, Map.of("k7", "v"), 10));
        nodes.update(node.uuid(), new NodeUpdate("renamed", null, null, null, null, null), OptionalLong.empty());
        assertEquals(
                "renamed",
                nodes.list(new NodeQuery(Set.of(), LabelSelector.parse("zone=a"), 10, null))
                        .items()
                        .get(0)
                        .name());
        Map<String, String> fewer = new HashMap<>();
        many.keySet().forEach(key -> fewer.put(key, null));
        nodes.update(node.uuid(), new NodeUpdate(null, null, null, null, null, fewer), OptionalLong.empty());
        assertArrayEquals(
                carried(node.uuid()),
                store.get("idx:label:zone=a:" + node.uuid()).orElseThrow(),
                "back under the bound: the record again");
    }

    @Test
    void aBeatChangesTheLivenessRecordAloneAndMovesTheRevisionByOne() {
        Node node = nodes.register(registration(null, Map.of("zone", "a")));
        byte[] record = store.get("node:" + node.uuid()).orElseThrow();
        clock.advance(Duration.ofSeconds(5));
        Node beaten = nodes.heartbeat(node.uuid(), null, null);
        assertEquals(node.revision() + 1, beaten.revision());
        assertEquals(now(), beaten.lastHeartbeat());
        assertTrue(
                java.util.Arrays.equals(record, store.get("node:" + node.uuid()).orElseThrow()),
                "the node record is not rewritten by a beat");
        Node renamed = nodes.update(
                node.uuid(),
                new NodeUpdate("renamed", null, null, null, null, null),
                OptionalLong.of(beaten.revision()));
        assertEquals(beaten.revision() + 1, renamed.revision());
        assertEquals(beaten.lastHeartbeat(), renamed.lastHeartbeat(), "an update keeps the heartbeat");
    }

    @Test
    void registerCreatesAnActiveNodeAtRevisionOne() {
        Node node = nodes.register(registration(null, Map.of("zone", "a")));
        assertTrue(
                node.uuid().matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}"),
                node.uuid());
        assertEquals(NodeStatus.ACTIVE, node.status());
        assertEquals(1, node.revision());
        assertEquals(now(), node.registeredAt());
        assertEquals(now(), node.lastHeartbeat());
        assertEquals(Optional.of(node), nodes.get(node.uuid()));
    }

    @Test
    void anAgentsOwnUuidIsKeptInCanonicalFormAndCannotBeRegisteredTwice() {
        Node node = nodes.register(registration("123E4567-E89B-42D3-A456-426614174000", Map.of()));
        assertEquals("123e4567-e89b-42d3-a456-426614174000", node.uuid());
        assertThrows(
                NodeAlreadyExistsException.class,
                () -> nodes.register(registration("123e4567-e89b-42d3-a456-426614174000", Map.of())));
        InvalidFieldException bad = assertThrows(
                InvalidFieldException.class, () -> nodes.register(registration("../../etc/passwd", Map.of())));
        assertEquals("uuid", bad.field());
        assertEquals(1, nodes.clusterStats().totalNodes());
    }

    @Test
    void updateMergesTheGivenFieldsAndCountsRevisions() {
        Node node = nodes.register(registration(null, Map.of("zone", "a", "tier", "gold")));
        Node updated = nodes.update(
                node.uuid(),
                new NodeUpdate("renamed", null, 7001, null, null, mapOf("zone", "b", "tier", null, "new", "x")),
                OptionalLong.empty());
        assertEquals("renamed", updated.name());
        assertEquals("10.0.0.7", updated.ipAddress());
        assertEquals(7001, updated.port());
        assertEquals(Map.of("zone", "b", "new", "x"), updated.metadata());
        assertEquals(2, updated.revision());
        Node same = nodes.update(
                node.uuid(), new NodeUpdate("renamed", null, null, null, null, null), OptionalLong.empty());
        assertEquals(2, same.revision(), "an update that changes nothing is not a revision");
    }

    @Test
    void aKnownUuidRegistersAgainWithANewDescriptionItsHistoryAndReportKept() {
        String uuid = "123e4567-e89b-42d3-a456-426614174001";
        NodeRegistry.Registration first = nodes.submitRegisterOrRenew(registration(uuid, Map.of("zone", "a")))
                .join();
        assertTrue(first.created());
        resources.update(uuid, report(40, 50, 1));
        nodes.update(uuid, new NodeUpdate(null, null, null, null, NodeStatus.UNHEALTHY, null), OptionalLong.empty());
        clock.advance(Duration.ofSeconds(30));

        NodeRegistration restarted =
                new NodeRegistration(uuid, null, "agent-1.spear.svc", 7100, null, Map.of("name", "a1"));
        NodeRegistry.Registration again = nodes.submitRegisterOrRenew(restarted).join();
        assertFalse(again.created());
        Node node = again.node();
        assertEquals("agent-1.spear.svc", node.ipAddress());
        assertEquals(7100, node.port());
        assertNull(node.httpPort(), "what the agent no longer sends is no longer the node's");
        assertNull(node.name());
        assertEquals(Map.of("name", "a1"), node.metadata());
        assertEquals(NodeStatus.ACTIVE, node.status());
        assertEquals(first.node().registeredAt(), node.registeredAt());
        assertEquals(now(), node.lastHeartbeat());
        assertEquals(40, resources.get(uuid).orElseThrow().cpuUsagePercent(), "the report stays");

        Node repeated = nodes.submitRegisterOrRenew(restarted).join().node();
        assertEquals(node.revision() + 2, repeated.revision(), "the record and a beat");
        assertEquals(node.metadata(), repeated.metadata());
        assertEquals(1, nodes.clusterStats().totalNodes());

        nodes.update(
                uuid, new NodeUpdate(null, null, null, null, NodeStatus.DECOMMISSIONING, null), OptionalLong.empty());
        assertEquals(
                NodeStatus.DECOMMISSIONING,
                nodes.submitRegisterOrRenew(restarted).join().node().status(),
                "a restarting agent does not undo a drain");
    }

    @Test
    void replaceSetsTheDescriptionAndKeepsAStatusThatIsOneOfThoseAsked() {
        Node node = nodes.register(registration(null, Map.of("zone", "a", "tier", "gold")));
        nodes.update(
                node.uuid(), new NodeUpdate(null, null, null, null, NodeStatus.UNHEALTHY, null), OptionalLong.empty());
        NodeRegistration description = new NodeRegistration(null, null, "10.0.0.8", 7001, null, Map.of("zone", "b"));
        Set<NodeStatus> offline = Set.of(NodeStatus.INACTIVE, NodeStatus.UNHEALTHY);

        Node replaced = nodes.replace(node.uuid(), description, offline, OptionalLong.of(2));
        assertEquals(NodeStatus.UNHEALTHY, replaced.status(), "already one of those asked");
        assertEquals(Map.of("zone", "b"), replaced.metadata(), "replaced, not merged");
        assertEquals("10.0.0.8", replaced.ipAddress());
        assertNull(replaced.name());
        assertEquals(3, replaced.revision());
        assertEquals(
                3,
                nodes.replace(node.uuid(), description, offline, OptionalLong.empty())
                        .revision(),
                "no change");

        Node online = nodes.replace(node.uuid(), description, Set.of(NodeStatus.ACTIVE), OptionalLong.empty());
        assertEquals(NodeStatus.ACTIVE, online.status());
        assertEquals(
                NodeStatus.INACTIVE,
                nodes.replace(node.uuid(), description, offline, OptionalLong.empty())
                        .status(),
                "the first of those asked");
        assertThrows(
                RevisionMismatchException.class,
                () -> nodes.replace(node.uuid(), description, Set.of(), OptionalLong.of(1)));
    }

    @Test
    void anUpdateAgainstAnOldRevisionIsRefusedAndChangesNothing() {
        Node node = nodes.register(registration(null, Map.of()));
        nodes.update(node.uuid(), new NodeUpdate("first", null, null, null, null, null), OptionalLong.of(1));
        assertThrows(
                RevisionMismatchException.class,
                () -> nodes.update(
                        node.uuid(), new NodeUpdate("second", null, null, null, null, null), OptionalLong.of(1)));
        assertEquals("first", nodes.get(node.uuid()).orElseThrow().name());
        assertThrows(
                NodeNotFoundException.class,
                () -> nodes.update(
                        "123e4567-e89b-42d3-a456-426614174000",
                        new NodeUpdate("x", null, null, null, null, null),
                        OptionalLong.empty()));
    }

    @Test
    void labelSelectorsPickNodesAndReportsPageByPage() {
        List<String> gpuInA = new ArrayList<>();
        List<String> cpuInB = new ArrayList<>();
        List<String> bare = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            gpuInA.add(nodes.register(registration(null, Map.of("zone", "a", "gpu", "a100")))
                    .uuid());
            cpuInB.add(nodes.register(registration(null, Map.of("zone", "b", "rack", "r" + i)))
                    .uuid());
            bare.add(nodes.register(registration(null, Map.of())).uuid());
        }
        cpuInB.forEach(uuid -> resources.update(uuid, report(10, 10, 0.1)));
        resources.update(gpuInA.get(0), report(10, 10, 0.1));

        // no equality: every record is walked; with one: its label's index
        assertEquals(sorted(cpuInB, bare), collect(null, LabelSelector.parse("!gpu"), 2));
        assertEquals(sorted(gpuInA, cpuInB), collect(null, LabelSelector.parse("zone in (a,b)"), 3));
        assertEquals(sorted(cpuInB), collect(NodeStatus.ACTIVE, LabelSelector.parse("zone=b,rack notin (x)"), 2));
        assertEquals(sorted(cpuInB.subList(1, 5)), collect(null, LabelSelector.parse("zone==b,rack!=r0"), 2));
        assertEquals(List.of(), collect(NodeStatus.INACTIVE, LabelSelector.parse("zone=b"), 2));

        List<String> reported = new ArrayList<>();
        String token = null;
        do {
            Page<NodeResource> page =
                    resources.list(new ResourceQuery(null, false, LabelSelector.parse("!gpu"), 2, token));
            reported.addAll(uuids(page));
            token = page.nextPageToken();
        } while (token != null);
        assertEquals(sorted(cpuInB), reported);
        reported.clear();
        do { // two values' indexes walked as one, across pages
            Page<NodeResource> page =
                    resources.list(new ResourceQuery(null, false, LabelSelector.parse("zone in (b,a)"), 2, token));
            reported.addAll(uuids(page));
            token = page.nextPageToken();
        } while (token != null);
        assertEquals(sorted(cpuInB, List.of(gpuInA.get(0))), reported);
        assertEquals(
                List.of(gpuInA.get(0)),
                uuids(resources.list(new ResourceQuery(null, false, LabelSelector.parse("gpu=a100"), 10, null))));
        assertEquals(
                List.of(cpuInB.get(3)),
                uuids(resources.list(new ResourceQuery(
                        List.of(cpuInB.get(3), gpuInA.get(0), bare.get(0)),
                        false,
                        LabelSelector.parse("zone=b"),
                        10,
                        null))));
    }

    @Test
    void aReportFilterWithAnOrderGivesTheFirstReportsThatPass() {
        List<String> byCpu = new ArrayList<>();
        for (int cpu : new int[] {70, 10, 40, 90, 20, 30}) {
            String uuid = nodes.register(registration(null, Map.of("pool", cpu < 50 ? "low" : "high")))
                    .uuid();
            resources.update(uuid, report(cpu, 10, 0.1));
            byCpu.add(uuid);
        }
        ReportFilter under50 = ReportFilter.parse("cpu_usage_percent<50");
        // the two least busy of those under 50 %, then the two busiest; an unsorted query pages in uuid order
        assertEquals(
                List.of(byCpu.get(1), byCpu.get(4)),
                uuids(resources.list(new ResourceQuery(
                        null, false, null, under50, ReportFilter.order("cpu_usage_percent"), 2, null))));
        assertEquals(
                List.of(byCpu.get(3), byCpu.get(0)),
                uuids(resources.list(new ResourceQuery(
                        null, false, null, null, ReportFilter.order("-cpu_usage_percent"), 2, null))));
        assertEquals(
                List.of(byCpu.get(2), byCpu.get(5)),
                uuids(resources.list(new ResourceQuery(
                        null,
                        false,
                        LabelSelector.parse("pool=low"),
                        ReportFilter.parse("cpu_usage_percent>=30"),
                        ReportFilter.order("-cpu_usage_percent"),
                        10,
                        null))));
        assertEquals(
                sorted(List.of(byCpu.get(1), byCpu.get(2), byCpu.get(4), byCpu.get(5))),
                uuids(resources.list(new ResourceQuery(null, false, null, under50, null, 10, null))));
        assertThrows(
                InvalidFieldException.class,
                () -> resources.list(new ResourceQuery(
                        null, false, null, null, ReportFilter.order("cpu_usage_percent"), 2, "bm9kZTo")));
    }

    @Test
    void aSortedListingIsEveryPassingReportSortedAndCutWhateverTheStoreWalks() {
        // few distinct figures: many ties, which go in uuid order; on the embedded stores the walk
        // is over a figure's entries, elsewhere over every report
        Random random = new Random(7);
        Map<String, String> poolOf = new HashMap<>();
        for (int i = 0; i < 60; i++) {
            String pool = i % 3 == 0 ? "a" : "b";
            String uuid =
                    nodes.register(registration(null, Map.of("pool", pool))).uuid();
            poolOf.put(uuid, pool);
            resources.update(uuid, report(random.nextInt(5) * 10, random.nextInt(4) * 25, random.nextInt(3) * 0.5));
        }
        String moved = poolOf.keySet().iterator().next();
        resources.update(moved, report(99, 99, 9)); // its earlier figures must not list it any more
        List<NodeResource> all =
                resources.list(new ResourceQuery(null, false, null, 1000, null)).items();
        for (String sort : List.of(
                "cpu_usage_percent",
                "-cpu_usage_percent",
                "-memory_usage_percent",
                "load_average_1m",
                "-available_memory_bytes",
                "used_disk_bytes")) {
            for (String filter :
                    Arrays.asList(null, "cpu_usage_percent<30", "memory_usage_percent>=50,load_average_1m<1")) {
                // pool=a: few nodes have it, so all of theirs are read; pool!=b: the figure's walk, checking each
                for (String selection : Arrays.asList(null, "pool=a", "pool!=b")) {
                    for (int limit : new int[] {1, 7, 25, 100}) {
                        ReportOrder order = ReportFilter.order(sort);
                        ReportFilter passes = ReportFilter.parse(filter);
                        List<String> expected = all.stream()
                                .filter(passes::matches)
                                .filter(report -> selection == null || "a".equals(poolOf.get(report.nodeUuid())))
                                .sorted(order)
                                .limit(limit)
                                .map(NodeResource::nodeUuid)
                                .toList();
                        LabelSelector selector = selection == null ? null : LabelSelector.parse(selection);
                        assertEquals(
                                expected,
                                uuids(resources.list(
                                        new ResourceQuery(null, false, selector, passes, order, limit, null))),
                                sort + " " + filter + " " + selection + " " + limit);
                    }
                }
            }
        }
        assertEquals(
                shared() ? 0 : 60,
                store.keysWithPrefix("idx:figure:cpu_usage_percent:").size(),
                "one entry per report and indexed figure, on the embedded stores");
    }

    @Test
    void aStoreWrittenBeforeTheFiguresWereIndexedIsIndexedWhenOpened() {
        String busy = reportingAt(90);
        String idle = reportingAt(5);
        // as the release before the figure index left it: no figure entries, its settings record exactly
        store.batchDelete(store.keysWithPrefix("idx:figure:"));
        store.put(RegistryKeys.STATS_META, "80.0 85.0 4.0 time-bucket 16 format 3".getBytes(StandardCharsets.US_ASCII));

        NodeResourceRegistry reopened = Registry.open(store, settings).resources();

        assertEquals(List.of(busy, idle), twoBusiest(reopened));
        assertEquals(
                shared() ? 0 : 2 * RegistryKeys.INDEXED_FIGURES.size(),
                store.keysWithPrefix("idx:figure:").size());
    }

    @Test
    void withoutTheFigureIndexSortedListingsStillAnswerAndNoEntryIsKept() {
        String busy = reportingAt(90);
        String idle = reportingAt(5);

        NodeResourceRegistry unindexed = Registry.open(
                        store, new RegistrySettings(clock, HighLoadThresholds.DEFAULTS, RegistryEvents.NONE, false))
                .resources();
        assertEquals(List.of(), store.keysWithPrefix("idx:figure:"), "the entries go with the index");
        unindexed.update(idle, report(50, 10, 0.1));

        assertEquals(List.of(), store.keysWithPrefix("idx:figure:"));
        assertEquals(List.of(busy, idle), twoBusiest(unindexed));
    }

    /** A node registered now, reporting {@code cpu} percent. */
    private String reportingAt(double cpu) {
        String uuid = nodes.register(registration(null, Map.of())).uuid();
        resources.update(uuid, report(cpu, 10, 0.1));
        return uuid;
    }

    /** The two busiest nodes, by a sorted listing. */
    private static List<String> twoBusiest(NodeResourceRegistry reports) {
        return uuids(reports.list(
                new ResourceQuery(null, false, null, null, ReportFilter.order("-cpu_usage_percent"), 2, null)));
    }

    @Test
    void figuresSortAsTextAsTheyDoAsNumbers() {
        double[] ascending = {
            Double.NEGATIVE_INFINITY,
            -1e300,
            -2.5,
            -1,
            -Double.MIN_VALUE,
            0,
            Double.MIN_VALUE,
            0.5,
            1,
            2.5,
            99.99,
            8e9,
            1e300,
            Double.POSITIVE_INFINITY
        };
        for (int i = 1; i < ascending.length; i++) {
            String lower = RegistryKeys.sortable(ascending[i - 1]);
            String higher = RegistryKeys.sortable(ascending[i]);
            assertEquals(16, higher.length());
            assertTrue(lower.compareTo(higher) < 0, ascending[i - 1] + " before " + ascending[i]);
        }
        assertEquals(RegistryKeys.sortable(0.0), RegistryKeys.sortable(-0.0));
    }

    /**
     * What a node's status and label entries hold: its record, but on a shared store (etcd), where
     * replicas of two releases may write side by side during a rolling update, nothing.
     */
    private byte[] carried(String uuid) {
        return shared() ? new byte[0] : store.get("node:" + uuid).orElseThrow();
    }

    /** Whether the registry treats the store as shared by several replicas ({@link StorePolicy}). */
    private boolean shared() {
        return StorePolicy.of(store) instanceof StorePolicy.Shared;
    }

    @SafeVarargs
    private static List<String> sorted(List<String>... lists) {
        List<String> all = new ArrayList<>();
        for (List<String> list : lists) {
            all.addAll(list);
        }
        return all.stream().sorted().toList();
    }

    @Test
    void removeTakesTheNodeAndItsReportTogether() {
        Node node = nodes.register(registration(null, Map.of("zone", "a")));
        resources.update(node.uuid(), report(10, 10, 0.1));
        assertTrue(nodes.remove(node.uuid()));
        assertTrue(nodes.get(node.uuid()).isEmpty());
        assertTrue(resources.get(node.uuid()).isEmpty());
        assertFalse(nodes.remove(node.uuid()));
        assertEquals(
                List.of(),
                nodes.list(new NodeQuery(
                                Set.of(NodeStatus.ACTIVE), LabelSelector.equalTo(Map.of("zone", "a")), 10, null))
                        .items());
        assertEquals(new ClusterStats(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0), nodes.clusterStats());
        assertEquals(List.of(), store.keysWithPrefix("idx:"), "no index entry outlives its node");
    }

    @Test
    void heartbeatRefreshesTheNodeAndStoresItsReportInOneWrite() {
        Node node = nodes.register(registration(null, Map.of()));
        nodes.update(
                node.uuid(), new NodeUpdate(null, null, null, null, NodeStatus.INACTIVE, null), OptionalLong.empty());
        clock.advance(Duration.ofSeconds(5));
        Node beat = nodes.heartbeat(node.uuid(), Map.of("disk", "ok"), report(50, 60, 1));
        assertEquals(NodeStatus.ACTIVE, beat.status());
        assertEquals(now(), beat.lastHeartbeat());
        assertEquals(now(), beat.statusChangedAt());
        assertEquals(Map.of("disk", "ok"), beat.healthInfo());
        assertEquals(Optional.of(beat), nodes.get(node.uuid()), "the beat answers the node as stored");
        NodeResource reported = resources.get(node.uuid()).orElseThrow();
        assertEquals(node.uuid(), reported.nodeUuid());
        assertEquals(now(), reported.updatedAt());
        assertEquals(50, reported.cpuUsagePercent());

        Node bare = nodes.heartbeat(node.uuid(), null, null);
        assertEquals(Map.of("disk", "ok"), bare.healthInfo(), "health info stays without a new one");
        assertEquals(Optional.of(reported), resources.get(node.uuid()), "the report stays without a new one");
        assertThrows(
                NodeNotFoundException.class, () -> nodes.heartbeat("123e4567-e89b-42d3-a456-426614174000", null, null));
    }

    @Test
    void aDecommissioningNodeStaysDecommissioningWhenItBeats() {
        Node node = nodes.register(registration(null, Map.of()));
        nodes.update(
                node.uuid(),
                new NodeUpdate(null, null, null, null, NodeStatus.DECOMMISSIONING, null),
                OptionalLong.empty());
        assertEquals(
                NodeStatus.DECOMMISSIONING,
                nodes.heartbeat(node.uuid(), null, null).status());
    }

    @Test
    void aReportForAnUnknownNodeIsRefused() {
        assertThrows(
                NodeNotFoundException.class,
                () -> resources.update("123e4567-e89b-42d3-a456-426614174000", report(1, 1, 1)));
        assertEquals(List.of(), store.keysWithPrefix("resource:"));
    }

    @Test
    void reportsCanBeReadListedAndRemoved() {
        Node a = nodes.register(registration("00000000-0000-4000-8000-00000000000a", Map.of()));
        Node b = nodes.register(registration("00000000-0000-4000-8000-00000000000b", Map.of()));
        Node c = nodes.register(registration("00000000-0000-4000-8000-00000000000c", Map.of()));
        resources.update(a.uuid(), report(90, 10, 0.5)); // high cpu
        resources.update(b.uuid(), report(10, 10, 0.5));
        resources.update(c.uuid(), report(10, 10, 4.5)); // high load
        assertEquals(List.of(a.uuid(), c.uuid()), uuids(resources.list(new ResourceQuery(null, true, null, 10, null))));
        assertEquals(
                List.of(b.uuid(), c.uuid()),
                uuids(resources.list(new ResourceQuery(
                        List.of(c.uuid(), b.uuid(), "00000000-0000-4000-8000-0000000000ff"), false, null, 10, null))));
        Page<NodeResource> first =
                resources.list(new ResourceQuery(List.of(a.uuid(), b.uuid(), c.uuid()), false, null, 2, null));
        assertEquals(List.of(a.uuid(), b.uuid()), uuids(first));
        assertEquals(
                List.of(c.uuid()),
                uuids(resources.list(new ResourceQuery(
                        List.of(a.uuid(), b.uuid(), c.uuid()), false, null, 2, first.nextPageToken()))));
        assertEquals(
                new NodeWithResource(b, resources.get(b.uuid()).orElseThrow()),
                resources.nodeWithResource(b.uuid()).orElseThrow());
        assertTrue(resources.remove(b.uuid()));
        assertFalse(resources.remove(b.uuid()));
        assertNull(resources.nodeWithResource(b.uuid()).orElseThrow().resource());
        assertTrue(nodes.get(b.uuid()).isPresent(), "dropping a report keeps the node");
    }

    @Test
    void listingsPageThroughEveryMatchOnceInUuidOrder() {
        List<String> all = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            all.add(nodes.register(registration(null, Map.of("zone", i % 2 == 0 ? "even" : "odd")))
                    .uuid());
        }
        all.sort(null);
        assertEquals(all, collect(null, Map.of(), 10));
        assertEquals(all.size(), collect(null, Map.of(), 1).size());
        List<String> even = collect(null, Map.of("zone", "even"), 4);
        assertEquals(13, even.size());
        assertTrue(even.stream()
                .allMatch(uuid ->
                        nodes.get(uuid).orElseThrow().metadata().get("zone").equals("even")));
        nodes.update(
                all.get(0), new NodeUpdate(null, null, null, null, NodeStatus.UNHEALTHY, null), OptionalLong.empty());
        assertEquals(List.of(all.get(0)), collect(NodeStatus.UNHEALTHY, Map.of(), 10));
        assertEquals(24, collect(NodeStatus.ACTIVE, Map.of(), 7).size());
        assertEquals(List.of(), collect(NodeStatus.DECOMMISSIONING, Map.of(), 10));
    }

    @Test
    void labelsWithSeparatorsInThemStillMatchExactly() {
        Node tricky = nodes.register(registration(null, Map.of("a:b", "c=d:e")));
        nodes.register(registration(null, Map.of("a", "b:c=d:e")));
        assertEquals(List.of(tricky.uuid()), collect(null, Map.of("a:b", "c=d:e"), 10));
    }

    @Test
    void aForeignOrBrokenPageTokenIsRefused() {
        IntStream.range(0, 3).forEach(i -> nodes.register(registration(null, Map.of())));
        Page<NodeFields> page = nodes.list(new NodeQuery(Set.of(), null, 1, null));
        assertNotNull(page.nextPageToken());
        assertThrows(
                InvalidPageTokenException.class,
                () -> nodes.list(new NodeQuery(Set.of(NodeStatus.ACTIVE), null, 1, page.nextPageToken())));
        assertThrows(InvalidPageTokenException.class, () -> nodes.list(new NodeQuery(Set.of(), null, 1, "%%%")));
        assertThrows(InvalidPageTokenException.class, () -> nodes.list(new NodeQuery(Set.of(), null, 1, "bm9kZTo")));
    }

    @Test
    void clusterStatisticsFollowEveryChange() {
        Node a = nodes.register(registration(null, Map.of()));
        Node b = nodes.register(registration(null, Map.of()));
        Node c = nodes.register(registration(null, Map.of()));
        nodes.update(
                c.uuid(),
                new NodeUpdate(null, null, null, null, NodeStatus.DECOMMISSIONING, null),
                OptionalLong.empty());
        nodes.heartbeat(a.uuid(), null, report(90, 50, 1));
        resources.update(b.uuid(), report(30, 20, 1));
        ClusterStats stats = nodes.clusterStats();
        assertEquals(3, stats.totalNodes());
        assertEquals(2, stats.activeNodes());
        assertEquals(1, stats.decommissioningNodes());
        assertEquals(2, stats.nodesWithResources());
        assertEquals(60.0, stats.averageCpuUsage(), 1e-9);
        assertEquals(35.0, stats.averageMemoryUsage(), 1e-9);
        assertEquals(32_000, stats.totalMemoryBytes());
        assertEquals(16_000, stats.totalUsedMemoryBytes());
        assertEquals(1, stats.highLoadNodes());
        resources.update(a.uuid(), report(10, 50, 1));
        assertEquals(0, nodes.clusterStats().highLoadNodes());
        assertEquals(20.0, nodes.clusterStats().averageCpuUsage(), 1e-9);
    }

    @Test
    void newThresholdsRebuildTheHighLoadFiguresOnce() {
        Node a = nodes.register(registration(null, Map.of()));
        resources.update(a.uuid(), report(50, 10, 0.1));
        assertEquals(0, nodes.clusterStats().highLoadNodes());
        RegistrySettings strict = new RegistrySettings(clock, new HighLoadThresholds(40, 85, 4));
        Registry strictRegistry = Registry.open(store, strict);
        NodeResourceRegistry strictResources = strictRegistry.resources();
        NodeRegistry strictNodes = strictRegistry.nodes();
        assertEquals(1, strictNodes.clusterStats().highLoadNodes());
        assertEquals(List.of(a.uuid()), uuids(strictResources.highLoad(10, null)));
        assertEquals(1, strictNodes.clusterStats().totalNodes());
    }

    @Test
    void theSweeperExpiresSilentNodesAndReportsWithoutSleeping() {
        HeartbeatSweeper sweeper = registry.sweeper(Duration.ofSeconds(90), Optional.of(Duration.ofMinutes(10)));
        Node silent = nodes.register(registration(null, Map.of()));
        Node beating = nodes.register(registration(null, Map.of()));
        nodes.heartbeat(silent.uuid(), null, report(10, 10, 1));
        assertEquals(new HeartbeatSweeper.Result(0, 0, 0), sweeper.sweep());

        clock.advance(Duration.ofSeconds(60));
        nodes.heartbeat(beating.uuid(), null, null);
        clock.advance(Duration.ofSeconds(31));
        assertEquals(new HeartbeatSweeper.Result(1, 1, 0), sweeper.sweep());
        Node expired = nodes.get(silent.uuid()).orElseThrow();
        assertEquals(NodeStatus.UNHEALTHY, expired.status());
        assertEquals(now(), expired.statusChangedAt());
        assertTrue(resources.get(silent.uuid()).isEmpty(), "a stale report is dropped");
        assertEquals(NodeStatus.ACTIVE, nodes.get(beating.uuid()).orElseThrow().status());
        assertEquals(1, nodes.clusterStats().unhealthyNodes());

        clock.advance(Duration.ofMinutes(10).plusSeconds(1));
        HeartbeatSweeper.Result late = sweeper.sweep();
        assertEquals(1, late.nodesRemoved());
        assertTrue(nodes.get(silent.uuid()).isEmpty());
        assertEquals(
                NodeStatus.UNHEALTHY, nodes.get(beating.uuid()).orElseThrow().status());
    }

    @Test
    void aNodeExpiresTheSecondItsTimeoutPassesWhereverItsBeatFallsInTheIndexBuckets() {
        HeartbeatSweeper sweeper = registry.sweeper(Duration.ofSeconds(90), Optional.empty());
        Node node = nodes.register(registration(null, Map.of()));
        for (int second = 0; second < 40; second++) { // beats across several index buckets
            clock.advance(Duration.ofSeconds(1));
            nodes.heartbeat(node.uuid(), null, null);
            assertEquals(0, sweeper.sweep().markedUnhealthy());
        }
        clock.advance(Duration.ofSeconds(90));
        assertEquals(0, sweeper.sweep().markedUnhealthy(), "silent for exactly the timeout");
        clock.advance(Duration.ofSeconds(1));
        assertEquals(1, sweeper.sweep().markedUnhealthy(), "one second more");
        assertEquals(NodeStatus.UNHEALTHY, nodes.get(node.uuid()).orElseThrow().status());
    }

    @Test
    void withoutRemoveAfterUnhealthyNodesStay() {
        HeartbeatSweeper sweeper = registry.sweeper(Duration.ofSeconds(90), Optional.empty());
        Node node = nodes.register(registration(null, Map.of()));
        clock.advance(Duration.ofDays(30));
        sweeper.sweep();
        sweeper.sweep();
        assertEquals(NodeStatus.UNHEALTHY, nodes.get(node.uuid()).orElseThrow().status());
        assertEquals(NodeStatus.ACTIVE, nodes.heartbeat(node.uuid(), null, null).status(), "a beat revives it");
    }

    @Test
    void concurrentHeartbeatsUpdatesAndSweepsOnOneNodeLoseNothing() throws Exception {
        Node node = nodes.register(registration(null, Map.of()));
        Duration timeout = Duration.ofSeconds(90);
        HeartbeatSweeper sweeper = registry.sweeper(timeout, Optional.empty());
        AtomicInteger marked = new AtomicInteger();
        int perWriter = 100;
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> work = new ArrayList<>();
            work.add(pool.submit(() -> IntStream.range(0, perWriter)
                    .forEach(i -> nodes.heartbeat(
                            node.uuid(), Map.of("beat", Integer.toString(i)), report(i % 100, 10, 1)))));
            for (String writer : List.of("w1", "w2")) {
                work.add(pool.submit(() -> IntStream.range(0, perWriter)
                        .forEach(i -> nodes.update(
                                node.uuid(),
                                new NodeUpdate(null, null, null, null, null, Map.of(writer + "-" + i, "x")),
                                OptionalLong.empty()))));
            }
            work.add(pool.submit(() -> IntStream.range(0, perWriter).forEach(i -> {
                clock.advance(timeout.plusSeconds(1)); // the node is silent past the timeout unless it beats now
                marked.addAndGet(sweeper.sweep().markedUnhealthy());
            })));
            for (Future<?> future : work) {
                future.get(120, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        clock.advance(timeout.plusSeconds(1));
        marked.addAndGet(sweeper.sweep().markedUnhealthy()); // unless a sweep after the last beat did

        Node last = nodes.get(node.uuid()).orElseThrow();
        assertEquals(NodeStatus.UNHEALTHY, last.status());
        assertTrue(marked.get() >= 1, "the sweeps marked it");
        assertEquals(2 * perWriter, last.metadata().size(), "every update's label is there");
        assertEquals(
                1 + 3 * perWriter + marked.get(),
                last.revision(),
                "one revision per heartbeat, per update and per sweep that marked it");
        assertEquals(Map.of("beat", Integer.toString(perWriter - 1)), last.healthInfo());
        assertEquals(1, nodes.clusterStats().totalNodes());
        assertEquals(0, nodes.clusterStats().nodesWithResources(), "its last report is older than the timeout");
    }

    @Test
    void aLabelThatMustExistIsListedFromItsValuesEntriesAcrossPagesAndNewValues() {
        List<String> gpus = new ArrayList<>();
        List<String> others = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            gpus.add(nodes.register(registration(null, Map.of("gpu", i % 2 == 0 ? "l4" : "h100")))
                    .uuid());
            others.add(nodes.register(registration(null, Map.of("zone", "a"))).uuid());
        }
        for (int i = 0; i <= LabelSelector.UNION_MAX; i++) { // more racks than a union walks
            others.add(
                    nodes.register(registration(null, Map.of("rack", "r" + i))).uuid());
        }
        gpus.forEach(uuid -> resources.update(uuid, report(10, 10, 0.1)));

        assertEquals(sorted(gpus), collect(null, LabelSelector.parse("gpu"), 3));
        assertEquals(sorted(others.subList(4, others.size())), collect(null, LabelSelector.parse("rack"), 4));
        assertEquals(List.of(), collect(null, LabelSelector.parse("tpu"), 3));
        assertEquals(sorted(gpus), collect(NodeStatus.ACTIVE, LabelSelector.parse("gpu,!zone"), 3));

        // a value that sorts first, new between two pages: the token still resumes the listing
        Page<NodeFields> first = nodes.list(new NodeQuery(Set.of(), LabelSelector.parse("gpu"), 2, null));
        String a10 = nodes.register(registration(null, Map.of("gpu", "a10"))).uuid();
        Page<NodeFields> rest =
                nodes.list(new NodeQuery(Set.of(), LabelSelector.parse("gpu"), 10, first.nextPageToken()));
        List<String> listed = new ArrayList<>();
        first.items().forEach(node -> listed.add(node.uuid()));
        rest.items().forEach(node -> listed.add(node.uuid()));
        List<String> expected = new ArrayList<>(sorted(gpus));
        if (a10.compareTo(expected.get(1)) > 0) {
            expected.add(a10);
            expected.sort(null);
        }
        assertEquals(expected, listed);

        List<String> reported = new ArrayList<>();
        String token = null;
        do {
            Page<NodeResource> page =
                    resources.list(new ResourceQuery(null, false, LabelSelector.parse("gpu"), 3, token));
            reported.addAll(uuids(page));
            token = page.nextPageToken();
        } while (token != null);
        assertEquals(sorted(gpus), reported);
        assertThrows(
                InvalidPageTokenException.class,
                () -> nodes.list(new NodeQuery(Set.of(), LabelSelector.parse("rack"), 2, first.nextPageToken())),
                "a token of another listing");
    }

    private List<String> collect(NodeStatus status, Map<String, String> labels, int limit) {
        return collect(status, LabelSelector.equalTo(labels), limit);
    }

    private List<String> collect(NodeStatus status, LabelSelector selector, int limit) {
        List<String> seen = new ArrayList<>();
        String token = null;
        do {
            Page<NodeFields> page =
                    nodes.list(new NodeQuery(status == null ? Set.of() : Set.of(status), selector, limit, token));
            assertTrue(page.items().size() <= limit);
            page.items().forEach(node -> seen.add(node.uuid()));
            token = page.nextPageToken();
        } while (token != null);
        return seen;
    }

    private static List<String> uuids(Page<NodeResource> page) {
        return page.items().stream().map(NodeResource::nodeUuid).toList();
    }

    private static Map<String, String> mapOf(String... keysAndValues) {
        Map<String, String> map = new HashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }
}
