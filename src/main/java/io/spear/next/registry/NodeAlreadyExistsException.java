package io.spear.next.registry;

public class NodeAlreadyExistsException extends RegistryException {

    public NodeAlreadyExistsException(String uuid) {
        super("a node with uuid " + uuid + " is already registered");
    }
}
