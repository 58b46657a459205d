package io.spear.next.registry;

/**
 * Whether this process runs the registry's housekeeping (the heartbeat sweeper, the change log's
 * trim). On a store only one process writes, that process always does ({@link #SOLE}). Replicas
 * over a shared store elect one; two that both think they lead for a moment corrupt nothing, since
 * every sweep and trim step is itself a compare-and-set, but they waste work.
 */
public interface Leadership {

    /** The only process on its store: always leads. */
    Leadership SOLE = () -> true;

    boolean leads();
}
