package io.spear.next.reliability;

import com.google.protobuf.Message;
import io.grpc.MethodDescriptor;
import io.spear.next.sms.grpc.v1.DeleteNodeRequest;
import io.spear.next.sms.grpc.v1.GetNodeRequest;
import io.spear.next.sms.grpc.v1.GetNodeResourceRequest;
import io.spear.next.sms.grpc.v1.GetNodeWithResourceRequest;
import io.spear.next.sms.grpc.v1.Gpu;
import io.spear.next.sms.grpc.v1.HeartbeatRequest;
import io.spear.next.sms.grpc.v1.ListNodeResourcesRequest;
import io.spear.next.sms.grpc.v1.ListNodesRequest;
import io.spear.next.sms.grpc.v1.Node;
import io.spear.next.sms.grpc.v1.NodeResource;
import io.spear.next.sms.grpc.v1.NodeServiceGrpc;
import io.spear.next.sms.grpc.v1.RegisterNodeRequest;
import io.spear.next.sms.grpc.v1.UpdateNodeRequest;
import io.spear.next.sms.grpc.v1.UpdateNodeResourceRequest;
import io.spear.next.sms.grpc.v1.WatchRequest;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.IntStream;

/**
 * A generated corpus of gRPC requests that must all be refused: well-formed messages with one
 * field at fault (malformed and hostile uuids, out-of-range and non-finite figures, oversized maps
 * and strings, bad filters, paging and tokens), and bytes that are no message of the method's type
 * (truncations, garbage, invalid UTF-8 in strings, a message over gRPC's 4 MiB limit). Each case
 * starts from a valid request and breaks one thing.
 */
public final class MalformedGrpcRequests {

    /** One request: the method, its bytes, and whether the bytes are a well-formed message. */
    public record BadCall(String name, MethodDescriptor<?, ?> method, byte[] body, boolean wellFormed) {
        @Override
        public String toString() {
            return name + " (" + method.getBareMethodName() + ")";
        }
    }

    static final List<String> BAD_UUIDS = List.of(
            "",
            " ",
            "x",
            "123",
            "not-a-uuid",
            "../../etc/passwd",
            "123e4567-e89b-42d3-a456-42661417400",
            "123e4567-e89b-42d3-a456-4266141740000",
            "123e4567e89b42d3a456426614174000",
            "{123e4567-e89b-42d3-a456-426614174000}",
            " 123e4567-e89b-42d3-a456-426614174000",
            "123e4567-e89b-42d3-a456-426614174000 ",
            "g23e4567-e89b-42d3-a456-426614174000",
            "123e4567-e89b-42d3-a456-42661417400\u0000",
            "\u00e923e4567-e89b-42d3-a456-426614174000",
            "'; DROP TABLE nodes; --",
            "%2e%2e%2f",
            "x".repeat(10_000),
            "123e4567-e89b-42d3-a456-426614174000/heartbeat",
            "\n");
    private static final List<String> BAD_IPS = List.of(
            "",
            "-node.example.com",
            "node_1.example.com",
            "a..b",
            "node.",
            "x".repeat(64) + ".example.com",
            "256.1.1.1",
            "1.2.3",
            "1.2.3.4.5",
            "01.2.3.4",
            "1.2.3.4 ",
            " 1.2.3.4",
            "1.2.3.-4",
            "::g",
            "1:2:3:4:5:6:7:8:9",
            "1.2.3.4/24",
            "http://1.2.3.4",
            "1.2.3.4:80",
            "[::1]",
            "fe80::1%eth0",
            "\u0661.2.3.4",
            "1.2.3.4\u0000",
            "x".repeat(300));
    private static final List<String> BAD_WORDS = List.of(
            "x", "ACTIVE ", " active", "actived", "0", "null", "*", "active,inactive", "\u0000", "a".repeat(500));
    private static final List<String> BAD_TOKENS = List.of(
            "x",
            "!!",
            "====",
            "bm9kZTo=",
            "bm9kZTouLi94",
            "aW5kZXg6c3RhdHVzOmFjdGl2ZToxMjM",
            "%00",
            "a".repeat(5000),
            "bm9kZToxMjNlNDU2Ny1lODliLTQyZDMtYTQ1Ni00MjY2MTQxNzQwMDB4",
            "\u00e9");
    /** Malformed label selectors and report filters and orders (see LabelSelectorTest, ReportFilterTest). */
    static final List<String> BAD_SELECTORS = List.of(
            "zone in (a",
            "=x",
            "a,,b",
            "zone is a",
            "!",
            "zone!x",
            "(",
            "a=b c",
            ",",
            "zone notin a",
            "a in ()x",
            "a=b)",
            "in (");

    static final List<String> BAD_FILTERS = List.of(
            "cpu",
            "cpu_usage_percent<<5",
            "cpu_usage_percent<5Q",
            "<5",
            "cpu_usage_percent<",
            "bogus>1",
            "cpu_usage_percent!5",
            "cpu_usage_percent<5,",
            "cpu_usage_percent<NaN",
            "cpu_usage_percent<1e9999999999",
            "gpu_count=1,,",
            "cpu_usage_percent<5 Gi b");
    static final List<String> BAD_SORTS =
            List.of("cpu", "-", "--cpu_usage_percent", "cpu_usage_percent,memory_usage_percent", "+cpu_usage_percent");
    private static final byte[][] BAD_UTF8 = {
        {(byte) 0xC3, 0x28},
        {(byte) 0xFF},
        {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
        {(byte) 0xC0, (byte) 0xAF},
        {(byte) 0xE2, (byte) 0x82},
        {(byte) 0xF8, (byte) 0x88, (byte) 0x80, (byte) 0x80, (byte) 0x80}
    };

    private MalformedGrpcRequests() {}

    /** Every case, against a registry where {@code uuid} is a registered node (at revision {@code revision}). */
    public static List<BadCall> corpus(String uuid, long revision) {
        List<BadCall> out = new ArrayList<>();
        uuids(out);
        HeartbeatRequest beat = HeartbeatRequest.newBuilder()
                .setUuid(uuid)
                .putHealthInfo("disk", "ok")
                .setResource(report(uuid))
                .build();
        reports(
                out,
                "heartbeat",
                NodeServiceGrpc.getHeartbeatMethod(),
                uuid,
                report -> beat.toBuilder().setResource(report).build());
        reports(
                out,
                "report",
                NodeServiceGrpc.getUpdateNodeResourceMethod(),
                uuid,
                report -> UpdateNodeResourceRequest.newBuilder()
                        .setResource(report)
                        .build());
        maps(
                out,
                "heartbeat health_info",
                NodeServiceGrpc.getHeartbeatMethod(),
                map -> beat.toBuilder().clearHealthInfo().putAllHealthInfo(map).build());
        registrations(out);
        updates(out, uuid, revision);
        listings(out);
        watches(out);
        unreadable(out, uuid, beat);
        return out;
    }

    static NodeResource report(String uuid) {
        return NodeResource.newBuilder()
                .setNodeUuid(uuid)
                .setCpuUsagePercent(37.5)
                .setMemoryUsagePercent(52)
                .setTotalMemoryBytes(1000)
                .setUsedMemoryBytes(520)
                .setAvailableMemoryBytes(480)
                .setDiskUsagePercent(41)
                .setTotalDiskBytes(2000)
                .setUsedDiskBytes(820)
                .setNetworkRxBytesPerSec(10)
                .setNetworkTxBytesPerSec(20)
                .setLoadAverage1M(2.5)
                .setLoadAverage5M(1.5)
                .setLoadAverage15M(1)
                .putResourceMetadata("rack", "r1")
                .addGpus(Gpu.newBuilder()
                        .setIndex(0)
                        .setModel("A100")
                        .setMemoryTotalBytes(80)
                        .setMemoryUsedBytes(8)
                        .setUtilizationPercent(12.5))
                .build();
    }

    private static void add(List<BadCall> out, String name, MethodDescriptor<?, ?> method, Message message) {
        out.add(new BadCall(name, method, message.toByteArray(), true));
    }

    /** Every method that names a node, with each malformed uuid; and an unknown node where it is a change. */
    private static void uuids(List<BadCall> out) {
        for (String bad : BAD_UUIDS) {
            String name = "uuid '" + abbreviate(bad) + "'";
            add(
                    out,
                    name,
                    NodeServiceGrpc.getHeartbeatMethod(),
                    HeartbeatRequest.newBuilder().setUuid(bad).build());
            add(
                    out,
                    name,
                    NodeServiceGrpc.getGetNodeMethod(),
                    GetNodeRequest.newBuilder().setUuid(bad).build());
            add(
                    out,
                    name,
                    NodeServiceGrpc.getDeleteNodeMethod(),
                    DeleteNodeRequest.newBuilder().setUuid(bad).build());
            add(
                    out,
                    name,
                    NodeServiceGrpc.getGetNodeResourceMethod(),
                    GetNodeResourceRequest.newBuilder().setNodeUuid(bad).build());
            add(
                    out,
                    name,
                    NodeServiceGrpc.getGetNodeWithResourceMethod(),
                    GetNodeWithResourceRequest.newBuilder().setUuid(bad).build());
            add(
                    out,
                    name,
                    NodeServiceGrpc.getUpdateNodeMethod(),
                    UpdateNodeRequest.newBuilder()
                            .setUuid(bad)
                            .setNode(Node.newBuilder().setName("n"))
                            .build());
            add(
                    out,
                    name,
                    NodeServiceGrpc.getUpdateNodeResourceMethod(),
                    UpdateNodeResourceRequest.newBuilder()
                            .setResource(report(bad))
                            .build());
            if (!bad.isBlank()) {
                add(
                        out,
                        name,
                        NodeServiceGrpc.getRegisterNodeMethod(),
                        RegisterNodeRequest.newBuilder()
                                .setNode(Node.newBuilder()
                                        .setUuid(bad)
                                        .setIpAddress("10.0.0.1")
                                        .setPort(7000))
                                .build());
            }
            add(
                    out,
                    name,
                    NodeServiceGrpc.getListNodeResourcesMethod(),
                    ListNodeResourcesRequest.newBuilder().addNodeUuids(bad).build());
        }
        String unknown = UUID.randomUUID().toString();
        add(
                out,
                "unknown node",
                NodeServiceGrpc.getHeartbeatMethod(),
                HeartbeatRequest.newBuilder().setUuid(unknown).build());
        add(
                out,
                "unknown node",
                NodeServiceGrpc.getDeleteNodeMethod(),
                DeleteNodeRequest.newBuilder().setUuid(unknown).build());
        add(
                out,
                "unknown node",
                NodeServiceGrpc.getUpdateNodeMethod(),
                UpdateNodeRequest.newBuilder()
                        .setUuid(unknown)
                        .setNode(Node.newBuilder().setName("n"))
                        .build());
        add(
                out,
                "unknown node",
                NodeServiceGrpc.getUpdateNodeResourceMethod(),
                UpdateNodeResourceRequest.newBuilder()
                        .setResource(report(unknown))
                        .build());
        add(
                out,
                "no resource",
                NodeServiceGrpc.getUpdateNodeResourceMethod(),
                UpdateNodeResourceRequest.getDefaultInstance());
    }

    /** A report with each figure out of range or not finite, each bound crossed, maps and GPUs over their limits. */
    private static void reports(
            List<BadCall> out,
            String where,
            MethodDescriptor<?, ?> method,
            String uuid,
            Function<NodeResource, Message> into) {
        NodeResource valid = report(uuid);
        List<Double> badPercents = List.of(
                Double.NaN,
                Double.POSITIVE_INFINITY,
                Double.NEGATIVE_INFINITY,
                -0.001,
                100.001,
                Double.MAX_VALUE,
                -Double.MAX_VALUE,
                Double.MIN_VALUE - 1);
        List<Double> badLoads = List.of(Double.NaN, Double.POSITIVE_INFINITY, -1.0, 1_000_000.5, Double.MAX_VALUE);
        List<Long> badCounts = List.of(-1L, Long.MIN_VALUE, -1_000_000L);
        String[] percents = {"cpu_usage_percent", "memory_usage_percent", "disk_usage_percent"};
        for (String field : percents) {
            for (double bad : badPercents) {
                add(out, where + " " + field + "=" + bad, method, into.apply(set(valid, field, bad)));
            }
        }
        for (String field : new String[] {"load_average_1m", "load_average_5m", "load_average_15m"}) {
            for (double bad : badLoads) {
                add(out, where + " " + field + "=" + bad, method, into.apply(set(valid, field, bad)));
            }
        }
        for (String field : new String[] {
            "total_memory_bytes",
            "used_memory_bytes",
            "available_memory_bytes",
            "total_disk_bytes",
            "used_disk_bytes",
            "network_rx_bytes_per_sec",
            "network_tx_bytes_per_sec"
        }) {
            for (long bad : badCounts) {
                add(out, where + " " + field + "=" + bad, method, into.apply(set(valid, field, bad)));
            }
        }
        add(
                out,
                where + " used memory over total",
                method,
                into.apply(valid.toBuilder().setUsedMemoryBytes(1001).build()));
        add(
                out,
                where + " available memory over total",
                method,
                into.apply(valid.toBuilder().setAvailableMemoryBytes(1001).build()));
        add(
                out,
                where + " used disk over total",
                method,
                into.apply(valid.toBuilder().setUsedDiskBytes(2001).build()));
        Gpu gpu = valid.getGpus(0);
        List<Gpu> badGpus = List.of(
                gpu.toBuilder().setIndex(-1).build(),
                gpu.toBuilder().setUtilizationPercent(Double.NaN).build(),
                gpu.toBuilder().setUtilizationPercent(100.5).build(),
                gpu.toBuilder().setUtilizationPercent(-1).build(),
                gpu.toBuilder().setMemoryUsedBytes(81).build(),
                gpu.toBuilder().setMemoryTotalBytes(-1).build(),
                gpu.toBuilder().setMemoryUsedBytes(-1).build(),
                gpu.toBuilder().setModel("m".repeat(254)).build());
        for (int i = 0; i < badGpus.size(); i++) {
            add(
                    out,
                    where + " gpu fault " + i,
                    method,
                    into.apply(valid.toBuilder().setGpus(0, badGpus.get(i)).build()));
        }
        NodeResource.Builder many = valid.toBuilder().clearGpus();
        IntStream.range(0, 65).forEach(i -> many.addGpus(gpu.toBuilder().setIndex(i)));
        add(out, where + " 65 gpus", method, into.apply(many.build()));
        maps(
                out,
                where + " resource_metadata",
                method,
                map -> into.apply(valid.toBuilder()
                        .clearResourceMetadata()
                        .putAllResourceMetadata(map)
                        .build()));
    }

    private static NodeResource set(NodeResource report, String field, Object value) {
        NodeResource.Builder builder = report.toBuilder();
        builder.setField(NodeResource.getDescriptor().findFieldByName(field), value);
        return builder.build();
    }

    /** A string map over each of its bounds (entries, key, value) and with blank keys. */
    private static void maps(
            List<BadCall> out,
            String where,
            MethodDescriptor<?, ?> method,
            Function<java.util.Map<String, String>, Message> into) {
        java.util.Map<String, String> tooMany = new java.util.HashMap<>();
        IntStream.range(0, 65).forEach(i -> tooMany.put("k" + i, "v"));
        List<java.util.Map<String, String>> bad = List.of(
                tooMany,
                java.util.Map.of("", "v"),
                java.util.Map.of(" ", "v"),
                java.util.Map.of("\t", "v"),
                java.util.Map.of("k".repeat(129), "v"),
                java.util.Map.of("k", "v".repeat(1025)),
                java.util.Map.of("k".repeat(10_000), "v"));
        for (int i = 0; i < bad.size(); i++) {
            add(out, where + " map fault " + i, method, into.apply(bad.get(i)));
        }
    }

    private static void registrations(List<BadCall> out) {
        Node valid = Node.newBuilder()
                .setIpAddress("10.0.0.9")
                .setPort(7000)
                .setHttpPort(8080)
                .setName("w")
                .putMetadata("zone", "a")
                .build();
        MethodDescriptor<?, ?> register = NodeServiceGrpc.getRegisterNodeMethod();
        for (String ip : BAD_IPS) {
            add(
                    out,
                    "register ip '" + abbreviate(ip) + "'",
                    register,
                    RegisterNodeRequest.newBuilder()
                            .setNode(valid.toBuilder().setIpAddress(ip))
                            .build());
        }
        for (int port : new int[] {-1, 65536, Integer.MAX_VALUE, Integer.MIN_VALUE, 0}) {
            add(
                    out,
                    "register port " + port,
                    register,
                    RegisterNodeRequest.newBuilder()
                            .setNode(valid.toBuilder().setPort(port))
                            .build());
            if (port != 0) {
                add(
                        out,
                        "register http_port " + port,
                        register,
                        RegisterNodeRequest.newBuilder()
                                .setNode(valid.toBuilder().setHttpPort(port))
                                .build());
            }
        }
        add(
                out,
                "register name of 254",
                register,
                RegisterNodeRequest.newBuilder()
                        .setNode(valid.toBuilder().setName("n".repeat(254)))
                        .build());
        add(out, "register nothing", register, RegisterNodeRequest.getDefaultInstance());
        add(
                out,
                "register without ip",
                register,
                RegisterNodeRequest.newBuilder()
                        .setNode(valid.toBuilder().clearIpAddress())
                        .build());
        maps(
                out,
                "register metadata",
                register,
                map -> RegisterNodeRequest.newBuilder()
                        .setNode(valid.toBuilder().clearMetadata().putAllMetadata(map))
                        .build());
    }

    private static void updates(List<BadCall> out, String uuid, long revision) {
        MethodDescriptor<?, ?> update = NodeServiceGrpc.getUpdateNodeMethod();
        UpdateNodeRequest valid = UpdateNodeRequest.newBuilder()
                .setUuid(uuid)
                .setNode(Node.newBuilder().setName("x"))
                .build();
        for (String status : BAD_WORDS) {
            add(
                    out,
                    "update status '" + abbreviate(status) + "'",
                    update,
                    valid.toBuilder()
                            .setNode(Node.newBuilder().setStatus(status))
                            .build());
        }
        for (String ip : BAD_IPS) {
            if (!ip.isEmpty()) { // empty: the field is left as it is
                add(
                        out,
                        "update ip '" + abbreviate(ip) + "'",
                        update,
                        valid.toBuilder()
                                .setNode(Node.newBuilder().setIpAddress(ip))
                                .build());
            }
        }
        for (int port : new int[] {-1, 65536, Integer.MAX_VALUE, Integer.MIN_VALUE}) {
            add(
                    out,
                    "update port " + port,
                    update,
                    valid.toBuilder().setNode(Node.newBuilder().setPort(port)).build());
            add(
                    out,
                    "update http_port " + port,
                    update,
                    valid.toBuilder()
                            .setNode(Node.newBuilder().setHttpPort(port))
                            .build());
        }
        add(
                out,
                "update another node's uuid in the body",
                update,
                valid.toBuilder()
                        .setNode(Node.newBuilder().setUuid(UUID.randomUUID().toString()))
                        .build());
        add(
                out,
                "update at a revision the node is not at",
                update,
                valid.toBuilder().setExpectedRevision(revision + 1000).build());
        add(
                out,
                "update name of 254",
                update,
                valid.toBuilder()
                        .setNode(Node.newBuilder().setName("n".repeat(254)))
                        .build());
        maps(
                out,
                "update metadata",
                update,
                map -> valid.toBuilder()
                        .setNode(Node.newBuilder().putAllMetadata(map))
                        .build());
    }

    private static void listings(List<BadCall> out) {
        for (int size : new int[] {-1, -1000, 1001, Integer.MAX_VALUE, Integer.MIN_VALUE}) {
            add(
                    out,
                    "nodes page_size " + size,
                    NodeServiceGrpc.getListNodesMethod(),
                    ListNodesRequest.newBuilder().setPageSize(size).build());
            add(
                    out,
                    "reports page_size " + size,
                    NodeServiceGrpc.getListNodeResourcesMethod(),
                    ListNodeResourcesRequest.newBuilder().setPageSize(size).build());
        }
        for (String token : BAD_TOKENS) {
            add(
                    out,
                    "nodes page_token '" + abbreviate(token) + "'",
                    NodeServiceGrpc.getListNodesMethod(),
                    ListNodesRequest.newBuilder()
                            .setPageSize(10)
                            .setPageToken(token)
                            .build());
            add(
                    out,
                    "nodes by status page_token '" + abbreviate(token) + "'",
                    NodeServiceGrpc.getListNodesMethod(),
                    ListNodesRequest.newBuilder()
                            .setPageSize(10)
                            .setStatusFilter("active")
                            .setPageToken(token)
                            .build());
            add(
                    out,
                    "reports page_token '" + abbreviate(token) + "'",
                    NodeServiceGrpc.getListNodeResourcesMethod(),
                    ListNodeResourcesRequest.newBuilder()
                            .setPageSize(10)
                            .setPageToken(token)
                            .build());
        }
        for (String status : BAD_WORDS) {
            add(
                    out,
                    "nodes status '" + abbreviate(status) + "'",
                    NodeServiceGrpc.getListNodesMethod(),
                    ListNodesRequest.newBuilder().setStatusFilter(status).build());
        }
        for (String selector : BAD_SELECTORS) {
            add(
                    out,
                    "nodes selector '" + abbreviate(selector) + "'",
                    NodeServiceGrpc.getListNodesMethod(),
                    ListNodesRequest.newBuilder().setSelector(selector).build());
            add(
                    out,
                    "reports selector '" + abbreviate(selector) + "'",
                    NodeServiceGrpc.getListNodeResourcesMethod(),
                    ListNodeResourcesRequest.newBuilder().setSelector(selector).build());
        }
        for (String filter : BAD_FILTERS) {
            add(
                    out,
                    "reports filter '" + abbreviate(filter) + "'",
                    NodeServiceGrpc.getListNodeResourcesMethod(),
                    ListNodeResourcesRequest.newBuilder().setFilter(filter).build());
        }
        for (String sort : BAD_SORTS) {
            add(
                    out,
                    "reports sort '" + abbreviate(sort) + "'",
                    NodeServiceGrpc.getListNodeResourcesMethod(),
                    ListNodeResourcesRequest.newBuilder().setSort(sort).build());
        }
        ListNodeResourcesRequest.Builder many = ListNodeResourcesRequest.newBuilder();
        IntStream.range(0, 1001)
                .forEach(i -> many.addNodeUuids(UUID.randomUUID().toString()));
        add(out, "reports of 1001 nodes", NodeServiceGrpc.getListNodeResourcesMethod(), many.build());
    }

    private static void watches(List<BadCall> out) {
        MethodDescriptor<?, ?> watch = NodeServiceGrpc.getWatchMethod();
        for (String word : BAD_WORDS) {
            add(
                    out,
                    "watch status '" + abbreviate(word) + "'",
                    watch,
                    WatchRequest.newBuilder().setStatus(word).build());
            add(
                    out,
                    "watch type '" + abbreviate(word) + "'",
                    watch,
                    WatchRequest.newBuilder().addTypes(word).build());
        }
        for (String bad : BAD_UUIDS) {
            if (!bad.isEmpty()) {
                add(
                        out,
                        "watch uuid '" + abbreviate(bad) + "'",
                        watch,
                        WatchRequest.newBuilder().addNodeUuids(bad).build());
            }
        }
        for (String selector : BAD_SELECTORS) {
            add(
                    out,
                    "watch selector '" + abbreviate(selector) + "'",
                    watch,
                    WatchRequest.newBuilder().setSelector(selector).build());
        }
        for (long since : new long[] {-1, Long.MIN_VALUE}) {
            add(
                    out,
                    "watch since " + since,
                    watch,
                    WatchRequest.newBuilder().setSinceRevision(since).build());
        }
        WatchRequest.Builder many = WatchRequest.newBuilder();
        IntStream.range(0, 1001)
                .forEach(i -> many.addNodeUuids(UUID.randomUUID().toString()));
        add(out, "watch 1001 nodes", watch, many.build());
    }

    /** Bytes that are no message of the method's type; each checked not to parse before it is kept. */
    private static void unreadable(List<BadCall> out, String uuid, HeartbeatRequest beat) {
        byte[] whole = beat.toByteArray();
        for (int cut = 1; cut < whole.length; cut++) {
            keepIfUnreadable(
                    out,
                    "heartbeat cut at " + cut,
                    NodeServiceGrpc.getHeartbeatMethod(),
                    java.util.Arrays.copyOf(whole, cut));
        }
        byte[] registration = RegisterNodeRequest.newBuilder()
                .setNode(
                        Node.newBuilder().setIpAddress("10.0.0.1").setPort(7000).putMetadata("zone", "a"))
                .build()
                .toByteArray();
        for (int cut = 1; cut < registration.length; cut++) {
            keepIfUnreadable(
                    out,
                    "register cut at " + cut,
                    NodeServiceGrpc.getRegisterNodeMethod(),
                    java.util.Arrays.copyOf(registration, cut));
        }
        Random random = new Random(19);
        for (int i = 0; i < 300; i++) {
            byte[] garbage = new byte[1 + random.nextInt(200)];
            random.nextBytes(garbage);
            keepIfUnreadable(out, "garbage " + i, NodeServiceGrpc.getHeartbeatMethod(), garbage);
        }
        // invalid UTF-8 where a string field is: the uuid, a label, a filter, a metadata value
        byte[] node = uuid.getBytes(StandardCharsets.US_ASCII);
        byte[] key = "k".getBytes(StandardCharsets.US_ASCII);
        for (byte[] bad : BAD_UTF8) {
            String utf8 = " with invalid UTF-8";
            keepIfUnreadable(
                    out,
                    "heartbeat uuid" + utf8,
                    NodeServiceGrpc.getHeartbeatMethod(),
                    field(1, concat(java.util.Arrays.copyOf(node, 8), bad)));
            keepIfUnreadable(out, "get node uuid" + utf8, NodeServiceGrpc.getGetNodeMethod(), field(1, bad));
            keepIfUnreadable(out, "delete uuid" + utf8, NodeServiceGrpc.getDeleteNodeMethod(), field(1, bad));
            keepIfUnreadable(out, "status filter" + utf8, NodeServiceGrpc.getListNodesMethod(), field(1, bad));
            keepIfUnreadable(out, "report uuids" + utf8, NodeServiceGrpc.getListNodeResourcesMethod(), field(1, bad));
            keepIfUnreadable(out, "watch status" + utf8, NodeServiceGrpc.getWatchMethod(), field(2, bad));
            keepIfUnreadable(
                    out, "register ip" + utf8, NodeServiceGrpc.getRegisterNodeMethod(), field(1, field(2, bad)));
            keepIfUnreadable(
                    out,
                    "health value" + utf8,
                    NodeServiceGrpc.getHeartbeatMethod(),
                    concat(field(1, node), field(3, concat(field(1, key), field(2, bad)))));
        }
        // a length that runs past the end, a group that never ends, an unknown wire type, field 0, a long varint
        keepIfUnreadable(
                out, "length past the end", NodeServiceGrpc.getHeartbeatMethod(), new byte[] {0x0A, 0x7F, 'a'});
        keepIfUnreadable(out, "unterminated group", NodeServiceGrpc.getHeartbeatMethod(), new byte[] {0x0B});
        keepIfUnreadable(out, "wire type 7", NodeServiceGrpc.getHeartbeatMethod(), new byte[] {0x0F, 0x01});
        keepIfUnreadable(out, "field number 0", NodeServiceGrpc.getGetNodeMethod(), new byte[] {0x02, 0x01, 'a'});
        byte[] longVarint = new byte[12];
        java.util.Arrays.fill(longVarint, (byte) 0xFF);
        longVarint[0] = 0x18;
        longVarint[11] = 0x01;
        keepIfUnreadable(out, "varint of 11 bytes", NodeServiceGrpc.getListNodesMethod(), longVarint);
        // over gRPC's 4 MiB message limit
        out.add(new BadCall(
                "a 5 MiB heartbeat", NodeServiceGrpc.getHeartbeatMethod(), field(1, new byte[5 * 1024 * 1024]), false));
    }

    /** Kept only if the method's own parser refuses the bytes (some damage still leaves a message). */
    private static void keepIfUnreadable(List<BadCall> out, String name, MethodDescriptor<?, ?> method, byte[] bytes) {
        try {
            method.parseRequest(new java.io.ByteArrayInputStream(bytes));
        } catch (RuntimeException unreadable) {
            out.add(new BadCall(name, method, bytes, false));
        }
    }

    /** A length-delimited field: tag, length, bytes. */
    private static byte[] field(int number, byte[] value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        varint(out, (number << 3) | 2);
        varint(out, value.length);
        out.writeBytes(value);
        return out.toByteArray();
    }

    private static void varint(ByteArrayOutputStream out, int value) {
        while ((value & ~0x7F) != 0) {
            out.write((value & 0x7F) | 0x80);
            value >>>= 7;
        }
        out.write(value);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }

    private static String abbreviate(String s) {
        String printable = s.replace("\u0000", "\\0").replace("\n", "\\n").replace("\t", "\\t");
        return printable.length() <= 40 ? printable : printable.substring(0, 37) + "...";
    }
}
