package io.spear.next.registry.write;

import io.spear.next.registry.format.NodeState;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * One change of one node on its way to the store, and what came of it. The one writer that holds
 * it plans it (possibly more than once, on fresher reads), marks it succeeded or failed, and
 * answers the caller once the whole batch's write is over.
 */
public final class PendingChange<T> {

    final String uuid;
    private final Function<NodeState, Transition<T>> transition;
    final CompletableFuture<T> future = new CompletableFuture<>();
    /** When it was queued ({@link System#nanoTime()}): a change that waited too long is refused, not written. */
    final long queuedAt = System.nanoTime();

    private Transition<T> planned;
    private boolean done;
    private T result;
    private RuntimeException error;

    public PendingChange(String uuid, Function<NodeState, Transition<T>> transition) {
        this.uuid = uuid;
        this.transition = transition;
    }

    /** Applies the transition to {@code state}; what it throws (a missing node...) is the caller's. */
    NodeState plan(NodeState state) {
        planned = transition.apply(state);
        return planned.after();
    }

    /** The state the last {@link #plan} led to. */
    NodeState planned() {
        return planned.after();
    }

    boolean done() {
        return done;
    }

    void succeed() {
        result = planned.result();
        done = true;
    }

    void fail(RuntimeException e) {
        if (!done) {
            error = e;
            done = true;
        }
    }

    /** Answers the caller, once the whole batch's write is over. */
    void complete() {
        if (!done) {
            fail(new IllegalStateException("the write of node " + uuid + " ended without an outcome"));
        }
        if (error != null) {
            future.completeExceptionally(error);
        } else {
            future.complete(result);
        }
    }
}
