package io.spear.next.registry.write;

import io.spear.next.registry.format.NodeParts;
import io.spear.next.storage.kv.KvMutation;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a batch of changes writes on: the parts of each of its nodes, in batch order, and the value
 * of the cluster-totals shard the batch adds to (null when absent), as one read of {@link #keys}
 * returned them.
 */
record BatchRead(List<NodeParts> nodes, byte[] shard) {

    /** The keys to read for these nodes and this totals shard. */
    static List<String> keys(List<String> uuids, String shard) {
        List<String> keys = new ArrayList<>(NodeParts.COUNT * uuids.size() + 1);
        for (String uuid : uuids) {
            keys.addAll(NodeParts.keys(uuid));
        }
        keys.add(shard);
        return keys;
    }

    /** The values of {@link #keys}, in order. */
    public static BatchRead of(List<Optional<byte[]>> values) {
        int count = (values.size() - 1) / NodeParts.COUNT;
        List<NodeParts> nodes = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            nodes.add(NodeParts.of(values, NodeParts.COUNT * i));
        }
        return new BatchRead(nodes, values.get(values.size() - 1).orElse(null));
    }

    NodeParts node(int index) {
        return nodes.get(index);
    }

    /** These values once {@code mutations} are applied to {@code keys} (those they were read for). */
    BatchRead after(List<String> keys, List<KvMutation> mutations) {
        Map<String, KvMutation> last = new HashMap<>();
        for (KvMutation mutation : mutations) {
            last.put(mutation.key(), mutation);
        }
        List<Optional<byte[]>> values = new ArrayList<>(keys.size());
        nodes.forEach(parts -> parts.addTo(values));
        values.add(Optional.ofNullable(shard));
        for (int k = 0; k < keys.size(); k++) {
            KvMutation mutation = last.get(keys.get(k));
            if (mutation != null) {
                values.set(k, mutation instanceof KvMutation.Put put ? Optional.of(put.value()) : Optional.empty());
            }
        }
        return of(values);
    }
}
