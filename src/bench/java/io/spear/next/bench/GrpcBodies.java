package io.spear.next.bench;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedOutputStream;
import io.spear.next.sms.grpc.v1.HeartbeatRequest;
import io.spear.next.sms.grpc.v1.ListNodesRequest;
import io.spear.next.sms.grpc.v1.NodeResource;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * Request bodies for h2load, which sends one body over and over: gRPC-framed messages (a zero
 * flag byte, a 4-byte length, the protobuf), for nodes picked from a preloaded uuid file.
 *
 * <pre>
 * GrpcBodies heartbeat UUID_FILE OUT_DIR COUNT          COUNT files, one beat each, COUNT distinct nodes
 * GrpcBodies stream    UUID_FILE OUT_DIR COUNT BEATS    COUNT files of BEATS beats each, all of one node (an agent's stream)
 * GrpcBodies etcd-put  UUID_FILE OUT_DIR COUNT BYTES    COUNT etcd PutRequests, distinct keys, BYTES-byte values
 * GrpcBodies list      UUID_FILE OUT_DIR COUNT [K=V]    COUNT ListNodesRequests of a page of 100 (with label K=V)
 * GrpcBodies etcd-range UUID_FILE OUT_DIR COUNT LIMIT   COUNT etcd RangeRequests of LIMIT keys under sms/nodes/
 * </pre>
 */
public final class GrpcBodies {

    public static void main(String[] args) throws IOException {
        List<String> uuids = new ArrayList<>(Files.readAllLines(Path.of(args[1])));
        Collections.shuffle(uuids, new Random(42));
        Path out = Path.of(args[2]);
        int count = Integer.parseInt(args[3]);
        switch (args[0]) {
            case "heartbeat" -> {
                Files.createDirectories(out);
                for (int i = 0; i < count; i++) {
                    Files.write(out.resolve(i + ".grpc"), frame(heartbeat(uuids.get(i % uuids.size()))));
                }
            }
            case "stream" -> {
                Files.createDirectories(out);
                byte[] beat;
                for (int i = 0; i < count; i++) {
                    beat = frame(heartbeat(uuids.get(i % uuids.size())));
                    ByteArrayOutputStream body = new ByteArrayOutputStream();
                    for (int b = 0; b < Integer.parseInt(args[4]); b++) {
                        body.write(beat);
                    }
                    Files.write(out.resolve(i + ".grpc"), body.toByteArray());
                }
            }
            case "etcd-put" -> {
                Files.createDirectories(out);
                byte[] value = new byte[Integer.parseInt(args[4])];
                java.util.Arrays.fill(value, (byte) 'x');
                for (int i = 0; i < count; i++) {
                    Files.write(out.resolve(i + ".grpc"), frame(put("node:" + uuids.get(i % uuids.size()), value)));
                }
            }
            case "list" -> {
                ListNodesRequest.Builder list = ListNodesRequest.newBuilder().setPageSize(100);
                if (args.length > 4) {
                    String[] label = args[4].split("=", 2);
                    list.putLabels(label[0], label[1]);
                }
                writeCopies(out, count, frame(list.build().toByteArray()));
            }
            case "etcd-range" ->
                writeCopies(out, count, frame(range("sms/nodes/", "sms/nodes0", Long.parseLong(args[4]))));
            default -> throw new IllegalArgumentException("unknown body kind " + args[0]);
        }
    }

    /** The heartbeat the REST benchmark sends: health_info and a full 13-field report. */
    static byte[] heartbeat(String uuid) {
        return HeartbeatRequest.newBuilder()
                .setUuid(uuid)
                .putHealthInfo("disk", "ok")
                .setResource(NodeResource.newBuilder()
                        .setCpuUsagePercent(42.5)
                        .setMemoryUsagePercent(61.0)
                        .setTotalMemoryBytes(68719476736L)
                        .setUsedMemoryBytes(41875931136L)
                        .setAvailableMemoryBytes(26843545600L)
                        .setDiskUsagePercent(40)
                        .setTotalDiskBytes(1099511627776L)
                        .setUsedDiskBytes(439804651110L)
                        .setNetworkRxBytesPerSec(125000)
                        .setNetworkTxBytesPerSec(80000)
                        .setLoadAverage1M(1.7)
                        .setLoadAverage5M(1.5)
                        .setLoadAverage15M(1.2))
                .build()
                .toByteArray();
    }

    /** etcdserverpb.PutRequest: key = 1, value = 2 (bytes). */
    static byte[] put(String key, byte[] value) throws IOException {
        ByteString k = ByteString.copyFrom(key, StandardCharsets.UTF_8);
        byte[] out =
                new byte[CodedOutputStream.computeBytesSize(1, k) + CodedOutputStream.computeByteArraySize(2, value)];
        CodedOutputStream coded = CodedOutputStream.newInstance(out);
        coded.writeBytes(1, k);
        coded.writeByteArray(2, value);
        coded.checkNoSpaceLeft();
        return out;
    }

    /** etcdserverpb.RangeRequest: key = 1, range_end = 2 (bytes), limit = 3 (int64). */
    static byte[] range(String key, String rangeEnd, long limit) throws IOException {
        ByteString k = ByteString.copyFrom(key, StandardCharsets.UTF_8);
        ByteString end = ByteString.copyFrom(rangeEnd, StandardCharsets.UTF_8);
        byte[] out = new byte
                [CodedOutputStream.computeBytesSize(1, k)
                        + CodedOutputStream.computeBytesSize(2, end)
                        + CodedOutputStream.computeInt64Size(3, limit)];
        CodedOutputStream coded = CodedOutputStream.newInstance(out);
        coded.writeBytes(1, k);
        coded.writeBytes(2, end);
        coded.writeInt64(3, limit);
        coded.checkNoSpaceLeft();
        return out;
    }

    /** The same body for each of {@code count} callers. */
    private static void writeCopies(Path out, int count, byte[] body) throws IOException {
        Files.createDirectories(out);
        for (int i = 0; i < count; i++) {
            Files.write(out.resolve(i + ".grpc"), body);
        }
    }

    static byte[] frame(byte[] message) {
        return ByteBuffer.allocate(5 + message.length)
                .put((byte) 0)
                .putInt(message.length)
                .put(message)
                .array();
    }

    private GrpcBodies() {}
}
