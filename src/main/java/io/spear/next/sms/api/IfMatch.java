package io.spear.next.sms.api;

import io.spear.next.registry.Node;
import io.spear.next.registry.NodeNotFoundException;
import io.spear.next.registry.RevisionMismatchException;
import io.spear.next.sms.nodes.NodeService;
import java.util.OptionalLong;

/**
 * An update's {@code If-Match} (RFC 9110 13.1.1): absent, {@code *}, or entity tags compared
 * strongly with the node's ETag. Weak tags and tags that are no revision of ours never match; a
 * list none of whose tags matches is a 412.
 */
record IfMatch(EntityTags tags) {

    static IfMatch parse(String header) {
        return new IfMatch(EntityTags.parse("If-Match", header));
    }

    /**
     * The revision an update must find the node at (empty: any). With one candidate the update's
     * own compare-and-set checks it; with several (or none that could match) the node is read: a
     * missing node is 404 whatever the header says (RFC 9110 13.2.1), a revision among the tags
     * becomes the one the update checks, any other is 412.
     */
    OptionalLong expectedRevision(String uuid, NodeService nodes) {
        if (tags == null || tags.any()) {
            return OptionalLong.empty();
        }
        if (tags.strong().size() == 1) {
            return OptionalLong.of(tags.strong().iterator().next());
        }
        Node node = nodes.get(uuid).orElseThrow(() -> new NodeNotFoundException(uuid));
        if (!tags.matchesStrongly(node.revision())) {
            throw new RevisionMismatchException(uuid, "any of the entity tags given", node.revision());
        }
        return OptionalLong.of(node.revision());
    }
}
