package io.spear.next.registry;

public class NodeNotFoundException extends RegistryException {

    public NodeNotFoundException(String uuid) {
        super("no node with uuid " + uuid + " is registered");
    }
}
