package io.spear.next.registry;

/** A node and its latest resource report ({@code null} when it has none). */
public record NodeWithResource(Node node, NodeResource resource) {}
