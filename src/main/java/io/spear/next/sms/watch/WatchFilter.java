package io.spear.next.sms.watch;

import io.spear.next.registry.NodeStatus;
import io.spear.next.registry.RegistryEvent;
import java.util.Map;
import java.util.Set;

/** Which events a watcher wants: all of the given conditions hold (null or empty: any). */
public record WatchFilter(NodeStatus status, Map<String, String> labels, Set<String> nodeUuids, Set<RegistryEvent.Type> types) {

    public boolean matches(RegistryEvent event) {
        if (!types.isEmpty() && !types.contains(event.type())) {
            return false;
        }
        if (!nodeUuids.isEmpty() && !nodeUuids.contains(event.nodeUuid())) {
            return false;
        }
        if (status != null && (event.node() == null || event.node().status() != status)) {
            return false;
        }
        for (Map.Entry<String, String> label : labels.entrySet()) {
            if (event.node() == null || !label.getValue().equals(event.node().metadata().get(label.getKey()))) {
                return false;
            }
        }
        return true;
    }
}
