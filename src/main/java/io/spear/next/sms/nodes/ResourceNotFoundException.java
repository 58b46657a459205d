package io.spear.next.sms.nodes;

import io.spear.next.registry.RegistryException;

/** The node exists but has sent no resource report (or it expired). */
public class ResourceNotFoundException extends RegistryException {

    public ResourceNotFoundException(String uuid) {
        super("node " + uuid + " has no resource report");
    }
}
