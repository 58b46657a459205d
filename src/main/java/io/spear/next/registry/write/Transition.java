package io.spear.next.registry.write;

import io.spear.next.registry.format.NodeState;

/**
 * What a change does to a node: the state after it, and what its caller gets back. Returning the
 * state it was given means "no change": nothing is written.
 */
public record Transition<T>(NodeState after, T result) {}
