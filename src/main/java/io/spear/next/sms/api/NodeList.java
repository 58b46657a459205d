package io.spear.next.sms.api;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.spear.next.registry.Node;
import java.util.List;

/** A page of nodes; pass {@code next_page_token} back as {@code page_token} for the next one. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record NodeList(List<Node> nodes, String nextPageToken) {
}
