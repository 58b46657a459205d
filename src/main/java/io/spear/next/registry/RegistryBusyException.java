package io.spear.next.registry;

/**
 * The registry's write queue is full: the change was refused before anything was written. The
 * client should retry after a short pause (503 with Retry-After over REST, RESOURCE_EXHAUSTED
 * over gRPC); a queue that grew without bound would only turn this into timeouts and memory.
 */
public final class RegistryBusyException extends RegistryException {

    public RegistryBusyException(int capacity) {
        super("the registry has " + capacity + " changes waiting to be written: retry in a moment");
    }

    /** A change that waited longer than {@code maxWaitNanos} for the writer, and was not written. */
    public RegistryBusyException(long maxWaitNanos) {
        super("the change waited over " + maxWaitNanos / 1_000_000 + " ms for the registry's writer and was not "
                + "written: the registry is overloaded, retry in a moment");
    }
}
