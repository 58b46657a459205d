package io.spear.next.sms.api;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.spear.next.registry.NodeResource;
import java.util.List;

/** A page of resource reports; pass {@code next_page_token} back as {@code page_token} for the next one. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ResourceList(List<NodeResource> resources, String nextPageToken) {
}
