package io.spear.next.registry;

/** Base of the registry's own errors; messages are written for API clients. */
public class RegistryException extends RuntimeException {

    public RegistryException(String message) {
        super(message);
    }
}
