package io.spear.next.sms.api;

import io.spear.next.registry.Node;
import java.util.List;

/** A page of nodes; pass {@code next_page_token} back as {@code page_token} for the next one. */
public record NodeList(List<Node> nodes, String nextPageToken) {}
