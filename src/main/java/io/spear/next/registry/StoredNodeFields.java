package io.spear.next.registry;

import io.spear.next.registry.stored.StoredLiveness;
import io.spear.next.registry.stored.StoredNode;
import java.util.Map;

/** A node's fields read in place from its stored record and liveness: what a page is made of. */
record StoredNodeFields(StoredNode record, StoredLiveness liveness) implements NodeFields {

    @Override
    public String uuid() {
        return record.getUuid();
    }

    @Override
    public String name() {
        return record.hasName() ? record.getName() : null;
    }

    @Override
    public String ipAddress() {
        return record.getIpAddress();
    }

    @Override
    public int port() {
        return record.getPort();
    }

    @Override
    public Integer httpPort() {
        return record.hasHttpPort() ? record.getHttpPort() : null;
    }

    @Override
    public NodeStatus status() {
        return StoredForm.status(record.getStatus());
    }

    @Override
    public long lastHeartbeat() {
        return liveness.getLastHeartbeat();
    }

    @Override
    public long registeredAt() {
        return record.getRegisteredAt();
    }

    @Override
    public long statusChangedAt() {
        return record.getStatusChangedAt();
    }

    @Override
    public Map<String, String> metadata() {
        return record.getMetadataMap();
    }

    @Override
    public Map<String, String> healthInfo() {
        return liveness.getHealthInfoMap();
    }

    @Override
    public long revision() {
        return record.getRevision() + liveness.getBeats();
    }
}
