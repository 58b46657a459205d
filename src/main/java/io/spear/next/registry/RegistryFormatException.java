package io.spear.next.registry;

/** The store holds registry data in a format this release cannot read. */
public final class RegistryFormatException extends RuntimeException {

    public RegistryFormatException(String message) {
        super(message);
    }
}
