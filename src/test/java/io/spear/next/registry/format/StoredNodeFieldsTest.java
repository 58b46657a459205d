package io.spear.next.registry.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.UnknownFieldSet;
import io.spear.next.registry.Node;
import io.spear.next.registry.NodeFields;
import io.spear.next.registry.stored.StoredLiveness;
import io.spear.next.registry.stored.StoredNode;
import io.spear.next.registry.stored.StoredStatus;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The page's reader of stored bytes reads what protobuf's generated parsers read. */
class StoredNodeFieldsTest {

    private static final StoredNode RECORD = StoredNode.newBuilder()
            .setUuid("123e4567-e89b-42d3-a456-426614174000")
            .setName("gpu-é-🚀")
            .setIpAddress("node.example")
            .setPort(65535)
            .setHttpPort(8080)
            .setStatus(StoredStatus.STORED_STATUS_DECOMMISSIONING)
            .setRegisteredAt(1_700_000_000L)
            .setStatusChangedAt(1_700_000_100L)
            .putMetadata("zone", "eu \"1\"")
            .putMetadata("arch", "arm64")
            .putMetadata("", "empty key")
            .putMetadata("日本", "")
            .setRevision(41)
            .build();
    private static final StoredLiveness LIVENESS = StoredLiveness.newBuilder()
            .setLastHeartbeat(1_700_000_200L)
            .putHealthInfo("disk", "ok")
            .putHealthInfo("cpu", "hot")
            .setBeats(1_000_000_000_000L)
            .build();

    @Test
    void everyFieldReadsAsTheGeneratedParsersReadIt() {
        Node expected = StoredForm.node(RECORD, LIVENESS);
        assertEquals(
                expected,
                StoredNodeFields.read(RECORD.toByteArray(), LIVENESS.toByteArray())
                        .toNode());
        assertEquals(
                List.of("", "arch", "zone", "日本"),
                List.copyOf(StoredNodeFields.read(RECORD.toByteArray(), LIVENESS.toByteArray())
                        .metadata()
                        .keySet()),
                "labels come in key order");
    }

    @Test
    void theReaderKnowsEveryFieldOfBothMessages() {
        // a field added to registry_store.proto must be read here too: this fails until it is
        assertEquals(
                List.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10),
                StoredNode.getDescriptor().getFields().stream()
                        .map(FieldDescriptor::getNumber)
                        .toList());
        assertEquals(
                List.of(1, 2, 3),
                StoredLiveness.getDescriptor().getFields().stream()
                        .map(FieldDescriptor::getNumber)
                        .toList());
    }

    @Test
    void absentOptionalsAndZeroesReadAsTheParsersReadThem() {
        StoredNode bare = StoredNode.newBuilder()
                .setUuid("u")
                .setStatus(StoredStatus.STORED_STATUS_ACTIVE)
                .build();
        StoredLiveness none = StoredLiveness.getDefaultInstance();
        NodeFields read = StoredNodeFields.read(bare.toByteArray(), none.toByteArray());
        assertNull(read.name());
        assertNull(read.httpPort());
        assertEquals(Map.of(), read.metadata());
        assertEquals(StoredForm.node(bare, none), read.toNode());
    }

    @Test
    void fieldsOfANewerReleaseAreSkipped() {
        UnknownFieldSet newer = UnknownFieldSet.newBuilder()
                .addField(
                        99,
                        UnknownFieldSet.Field.newBuilder()
                                .addVarint(7)
                                .addLengthDelimited(com.google.protobuf.ByteString.copyFromUtf8("later"))
                                .addFixed64(1)
                                .build())
                .build();
        byte[] record = RECORD.toBuilder().setUnknownFields(newer).build().toByteArray();
        byte[] liveness = LIVENESS.toBuilder().setUnknownFields(newer).build().toByteArray();
        assertEquals(
                StoredForm.node(RECORD, LIVENESS),
                StoredNodeFields.read(record, liveness).toNode());
    }

    @Test
    void aLabelGivenTwiceKeepsItsLastValueAsProtobufsMapsDo() {
        byte[] twice = concat(
                StoredNode.newBuilder().putMetadata("k", "first").build().toByteArray(),
                StoredNode.newBuilder()
                        .setStatus(StoredStatus.STORED_STATUS_ACTIVE)
                        .putMetadata("k", "last")
                        .build()
                        .toByteArray());
        assertEquals(
                Map.of("k", "last"), StoredNodeFields.read(twice, new byte[0]).metadata());
    }

    @Test
    void damagedBytesAreADamagedStoreNotAClientsMistake() {
        byte[] cut = RECORD.toByteArray();
        byte[] truncated = java.util.Arrays.copyOf(cut, cut.length - 3);
        assertThrows(IllegalStateException.class, () -> StoredNodeFields.read(truncated, new byte[0]));
        byte[] noStatus = RECORD.toBuilder().clearStatus().build().toByteArray();
        assertThrows(IllegalStateException.class, () -> StoredNodeFields.read(noStatus, new byte[0]));
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }
}
