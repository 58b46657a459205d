package io.spear.next.registry.format;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.WireFormat;
import io.spear.next.registry.NodeFields;
import io.spear.next.registry.NodeStatus;
import io.spear.next.registry.stored.StoredLiveness;
import io.spear.next.registry.stored.StoredNode;
import io.spear.next.registry.stored.StoredStatus;
import java.io.IOException;
import java.util.Map;

/**
 * A node's fields read straight from the stored bytes of its record ({@link StoredNode}) and
 * liveness ({@link StoredLiveness}) with protobuf's own decoder, field by field: what a page is made
 * of. Reading the two messages through their generated parsers cost a third of a page's CPU (the
 * builders, and a hashed map entry object per label); this keeps the strings and numbers and two
 * small arrays of labels. Fields it does not know are skipped, as protobuf's parsers skip them; a
 * test holds it to the generated parsers on every field of both messages.
 */
public final class StoredNodeFields implements NodeFields {

    private static final int UUID = tag(StoredNode.UUID_FIELD_NUMBER, WireFormat.WIRETYPE_LENGTH_DELIMITED);
    private static final int NAME = tag(StoredNode.NAME_FIELD_NUMBER, WireFormat.WIRETYPE_LENGTH_DELIMITED);
    private static final int IP_ADDRESS = tag(StoredNode.IP_ADDRESS_FIELD_NUMBER, WireFormat.WIRETYPE_LENGTH_DELIMITED);
    private static final int PORT = tag(StoredNode.PORT_FIELD_NUMBER, WireFormat.WIRETYPE_VARINT);
    private static final int HTTP_PORT = tag(StoredNode.HTTP_PORT_FIELD_NUMBER, WireFormat.WIRETYPE_VARINT);
    private static final int STATUS = tag(StoredNode.STATUS_FIELD_NUMBER, WireFormat.WIRETYPE_VARINT);
    private static final int REGISTERED_AT = tag(StoredNode.REGISTERED_AT_FIELD_NUMBER, WireFormat.WIRETYPE_VARINT);
    private static final int STATUS_CHANGED_AT =
            tag(StoredNode.STATUS_CHANGED_AT_FIELD_NUMBER, WireFormat.WIRETYPE_VARINT);
    private static final int METADATA = tag(StoredNode.METADATA_FIELD_NUMBER, WireFormat.WIRETYPE_LENGTH_DELIMITED);
    private static final int REVISION = tag(StoredNode.REVISION_FIELD_NUMBER, WireFormat.WIRETYPE_VARINT);
    private static final int LAST_HEARTBEAT =
            tag(StoredLiveness.LAST_HEARTBEAT_FIELD_NUMBER, WireFormat.WIRETYPE_VARINT);
    private static final int HEALTH_INFO =
            tag(StoredLiveness.HEALTH_INFO_FIELD_NUMBER, WireFormat.WIRETYPE_LENGTH_DELIMITED);
    private static final int BEATS = tag(StoredLiveness.BEATS_FIELD_NUMBER, WireFormat.WIRETYPE_VARINT);
    // a map entry: key = 1, value = 2
    private static final int ENTRY_KEY = tag(1, WireFormat.WIRETYPE_LENGTH_DELIMITED);
    private static final int ENTRY_VALUE = tag(2, WireFormat.WIRETYPE_LENGTH_DELIMITED);

    private String uuid = "";
    private String name;
    private String ipAddress = "";
    private int port;
    private Integer httpPort;
    private int status;
    private long registeredAt;
    private long statusChangedAt;
    private Map<String, String> metadata = KeyOrderedMap.EMPTY;
    private long recordRevision;
    private long lastHeartbeat;
    private Map<String, String> healthInfo = KeyOrderedMap.EMPTY;
    private long beats;

    private StoredNodeFields() {}

    /** The node of these stored bytes; unreadable ones are a damaged store ({@link IllegalStateException}). */
    public static StoredNodeFields read(byte[] record, byte[] liveness) {
        StoredNodeFields node = new StoredNodeFields();
        try {
            node.readRecord(CodedInputStream.newInstance(record));
            node.readLiveness(CodedInputStream.newInstance(liveness));
        } catch (IOException e) {
            throw new IllegalStateException("unreadable node record in the store: " + e.getMessage(), e);
        }
        node.status(); // an unknown status is as unreadable as a broken record
        return node;
    }

    private void readRecord(CodedInputStream in) throws IOException {
        KeyOrderedMap.Builder labels = null;
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            if (tag == UUID) {
                uuid = in.readStringRequireUtf8();
            } else if (tag == NAME) {
                name = in.readStringRequireUtf8();
            } else if (tag == IP_ADDRESS) {
                ipAddress = in.readStringRequireUtf8();
            } else if (tag == PORT) {
                port = in.readInt32();
            } else if (tag == HTTP_PORT) {
                httpPort = in.readInt32();
            } else if (tag == STATUS) {
                status = in.readEnum();
            } else if (tag == REGISTERED_AT) {
                registeredAt = in.readInt64();
            } else if (tag == STATUS_CHANGED_AT) {
                statusChangedAt = in.readInt64();
            } else if (tag == METADATA) {
                labels = readEntry(in, labels);
            } else if (tag == REVISION) {
                recordRevision = in.readInt64();
            } else if (!in.skipField(tag)) {
                break; // an end-group tag: not ours to read
            }
        }
        metadata = labels == null ? KeyOrderedMap.EMPTY : labels.build();
    }

    private void readLiveness(CodedInputStream in) throws IOException {
        KeyOrderedMap.Builder health = null;
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            if (tag == LAST_HEARTBEAT) {
                lastHeartbeat = in.readInt64();
            } else if (tag == HEALTH_INFO) {
                health = readEntry(in, health);
            } else if (tag == BEATS) {
                beats = in.readInt64();
            } else if (!in.skipField(tag)) {
                break;
            }
        }
        healthInfo = health == null ? KeyOrderedMap.EMPTY : health.build();
    }

    /** One entry of a map field (its entries come one by one), added to {@code map} (null: a new one). */
    private static KeyOrderedMap.Builder readEntry(CodedInputStream in, KeyOrderedMap.Builder map) throws IOException {
        int limit = in.pushLimit(in.readRawVarint32());
        String key = "";
        String value = "";
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            if (tag == ENTRY_KEY) {
                key = in.readStringRequireUtf8();
            } else if (tag == ENTRY_VALUE) {
                value = in.readStringRequireUtf8();
            } else if (!in.skipField(tag)) {
                break;
            }
        }
        in.popLimit(limit);
        KeyOrderedMap.Builder entries = map == null ? new KeyOrderedMap.Builder() : map;
        entries.put(key, value);
        return entries;
    }

    private static int tag(int field, int wireType) {
        return (field << 3) | wireType;
    }

    @Override
    public String uuid() {
        return uuid;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String ipAddress() {
        return ipAddress;
    }

    @Override
    public int port() {
        return port;
    }

    @Override
    public Integer httpPort() {
        return httpPort;
    }

    @Override
    public NodeStatus status() {
        StoredStatus stored = StoredStatus.forNumber(status);
        return StoredForm.status(stored == null ? StoredStatus.UNRECOGNIZED : stored);
    }

    @Override
    public long lastHeartbeat() {
        return lastHeartbeat;
    }

    @Override
    public long registeredAt() {
        return registeredAt;
    }

    @Override
    public long statusChangedAt() {
        return statusChangedAt;
    }

    @Override
    public Map<String, String> metadata() {
        return metadata;
    }

    @Override
    public Map<String, String> healthInfo() {
        return healthInfo;
    }

    @Override
    public long revision() {
        return recordRevision + beats;
    }
}
