package io.spear.next.sms.api;

import io.spear.next.registry.NodeResource;
import java.util.List;

/** A page of resource reports; pass {@code next_page_token} back as {@code page_token} for the next one. */
public record ResourceList(List<NodeResource> resources, String nextPageToken) {}
