package io.spear.next.testing;

import io.grpc.Channel;
import io.grpc.StatusRuntimeException;
import io.spear.next.sms.grpc.spear.NodeOuterClass.HeartbeatRequest;
import io.spear.next.sms.grpc.spear.NodeOuterClass.Node;
import io.spear.next.sms.grpc.spear.NodeOuterClass.NodeResource;
import io.spear.next.sms.grpc.spear.NodeOuterClass.RegisterNodeRequest;
import io.spear.next.sms.grpc.spear.NodeOuterClass.UpdateNodeResourceRequest;
import io.spear.next.sms.grpc.spear.NodeServiceGrpc;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * A Spear agent as {@code src/spearlet/registration.rs} (lfedgeai/SPEAR b583009) behaves, on a
 * client built from Spear's current proto: its uuid is fixed by its address and name; each tick it
 * registers when not registered (RegisterNode, then a report), else beats (Heartbeat with empty
 * health_info, then UpdateNodeResource); a failed beat sends it back to registering at once. Every
 * call has a 5 s deadline.
 */
public final class SpearAgent {

    /** The uuid namespace Spear's agent uses ({@code Uuid::NAMESPACE_OID}). */
    private static final UUID NAMESPACE_OID = UUID.fromString("6ba7b812-9dad-11d1-80b4-00c04fd430c8");

    private final String uuid;
    private final String advertisedAddress;
    private final int port;
    private final int httpPort;
    private final String name;
    private Channel channel;
    private boolean registered;

    public SpearAgent(Channel channel, String advertisedAddress, int port, int httpPort, String name) {
        this.channel = channel;
        this.advertisedAddress = advertisedAddress;
        this.port = port;
        this.httpPort = httpPort;
        this.name = name;
        this.uuid = uuidOf(advertisedAddress + ":" + port + ":" + name);
    }

    /** {@code compute_node_uuid}: a v5 (SHA-1) uuid of {@code ip:port:name} in the OID namespace. */
    public static String uuidOf(String name) {
        try {
            java.security.MessageDigest sha1 = java.security.MessageDigest.getInstance("SHA-1");
            sha1.update(toBytes(NAMESPACE_OID));
            byte[] hash = sha1.digest(name.getBytes(StandardCharsets.UTF_8));
            hash[6] = (byte) ((hash[6] & 0x0f) | 0x50);
            hash[8] = (byte) ((hash[8] & 0x3f) | 0x80);
            long msb = 0;
            long lsb = 0;
            for (int i = 0; i < 8; i++) {
                msb = (msb << 8) | (hash[i] & 0xff);
                lsb = (lsb << 8) | (hash[i + 8] & 0xff);
            }
            return new UUID(msb, lsb).toString();
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] toBytes(UUID uuid) {
        byte[] bytes = new byte[16];
        for (int i = 0; i < 8; i++) {
            bytes[i] = (byte) (uuid.getMostSignificantBits() >>> (56 - 8 * i));
            bytes[i + 8] = (byte) (uuid.getLeastSignificantBits() >>> (56 - 8 * i));
        }
        return bytes;
    }

    public String uuid() {
        return uuid;
    }

    public boolean registered() {
        return registered;
    }

    /** The agent reconnects through another channel (a restarted server, another replica). */
    public void reconnect(Channel to) {
        this.channel = to;
    }

    /** An agent process that starts again: not registered until its next tick. */
    public void restart() {
        registered = false;
    }

    /** One tick of the agent's loop; the status of a failed call, or null. */
    public StatusRuntimeException tick() {
        try {
            if (!registered) {
                register();
            } else {
                try {
                    beat();
                } catch (StatusRuntimeException failed) {
                    registered = false;
                    register(); // "Re-register immediately after reconnect"
                    return failed;
                }
            }
            return null;
        } catch (StatusRuntimeException failed) {
            registered = false;
            return failed;
        }
    }

    private NodeServiceGrpc.NodeServiceBlockingStub stub() {
        return NodeServiceGrpc.newBlockingStub(channel).withDeadlineAfter(5, TimeUnit.SECONDS);
    }

    private void register() {
        long now = Instant.now().getEpochSecond();
        stub().registerNode(RegisterNodeRequest.newBuilder()
                .setNode(Node.newBuilder()
                        .setUuid(uuid)
                        .setIpAddress(advertisedAddress)
                        .setPort(port)
                        .setHttpPort(httpPort)
                        .setStatus("online")
                        .setLastHeartbeat(now)
                        .setRegisteredAt(now)
                        .putMetadata("name", name))
                .build());
        registered = true;
        report();
    }

    private void beat() {
        stub().heartbeat(HeartbeatRequest.newBuilder()
                .setUuid(uuid)
                .setTimestamp(Instant.now().getEpochSecond())
                .build());
        report();
    }

    /** A report failure is only logged by the agent: it stays registered. */
    private void report() {
        try {
            stub().updateNodeResource(UpdateNodeResourceRequest.newBuilder()
                    .setResource(NodeResource.newBuilder()
                            .setNodeUuid(uuid)
                            .setCpuUsagePercent(12.5)
                            .setMemoryUsagePercent(50)
                            .setTotalMemoryBytes(8L << 30)
                            .setUsedMemoryBytes(4L << 30)
                            .setAvailableMemoryBytes(4L << 30)
                            .setLoadAverage1M(0.5)
                            .setLoadAverage5M(0.4)
                            .setLoadAverage15M(0.3)
                            .setUpdatedAt(Instant.now().getEpochSecond()))
                    .build());
        } catch (StatusRuntimeException ignored) {
            // registration.rs: warn!("Resource report failed: {}", e)
        }
    }
}
