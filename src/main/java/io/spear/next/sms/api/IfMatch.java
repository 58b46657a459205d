package io.spear.next.sms.api;

import io.spear.next.registry.InvalidFieldException;
import io.spear.next.registry.Node;
import io.spear.next.registry.NodeNotFoundException;
import io.spear.next.registry.NodeRegistry;
import io.spear.next.registry.RevisionMismatchException;
import java.util.LinkedHashSet;
import java.util.OptionalLong;
import java.util.Set;

/**
 * An {@code If-Match} header as RFC 9110 (13.1.1) reads it: absent, {@code *}, or a list of
 * entity tags compared strongly with the node's ETag ({@code "<revision>"}). Weak tags and tags
 * that are no revision of ours never match; a list none of whose tags matches is a 412. A header
 * that is not an entity-tag list at all is a 400.
 */
record IfMatch(boolean present, boolean any, Set<Long> revisions) {

    static final IfMatch ABSENT = new IfMatch(false, false, Set.of());

    static IfMatch parse(String header) {
        if (header == null) {
            return ABSENT;
        }
        if (header.trim().equals("*")) {
            return new IfMatch(true, true, Set.of());
        }
        Set<Long> revisions = new LinkedHashSet<>();
        int i = 0;
        int tags = 0;
        while (i < header.length()) {
            char c = header.charAt(i);
            if (c == ' ' || c == '\t' || c == ',') {
                i++;
                continue;
            }
            boolean weak = header.startsWith("W/", i);
            int open = weak ? i + 2 : i;
            if (open >= header.length() || header.charAt(open) != '"') {
                throw invalid(header);
            }
            int close = open + 1;
            while (close < header.length() && header.charAt(close) != '"') {
                char t = header.charAt(close);
                if (t < 0x21 || t == 0x7f) {
                    throw invalid(header);
                }
                close++;
            }
            if (close >= header.length()) {
                throw invalid(header);
            }
            String opaque = header.substring(open + 1, close);
            if (!weak && !opaque.isEmpty() && opaque.chars().allMatch(Character::isDigit) && opaque.length() < 19) {
                revisions.add(Long.parseLong(opaque));
            }
            tags++;
            i = close + 1;
            if (i < header.length() && header.charAt(i) != ',' && header.charAt(i) != ' ' && header.charAt(i) != '\t') {
                throw invalid(header);
            }
        }
        if (tags == 0) {
            throw invalid(header);
        }
        return new IfMatch(true, false, Set.copyOf(revisions));
    }

    private static InvalidFieldException invalid(String header) {
        return new InvalidFieldException("If-Match", "must be * or a list of entity tags such as \"3\" (the ETag of GET), got "
                + header);
    }

    /**
     * The revision an update must find the node at (empty: any). With one candidate the update's
     * own compare-and-set checks it; with several (or none that could match) the node is read: a
     * missing node is 404 whatever the header says (RFC 9110 13.2.1), a revision among the tags
     * becomes the one the update checks, any other is 412.
     */
    OptionalLong expectedRevision(String uuid, NodeRegistry nodes) {
        if (!present || any) {
            return OptionalLong.empty();
        }
        if (revisions.size() == 1) {
            return OptionalLong.of(revisions.iterator().next());
        }
        Node node = nodes.get(uuid).orElseThrow(() -> new NodeNotFoundException(uuid));
        if (!revisions.contains(node.revision())) {
            throw new RevisionMismatchException(uuid, "any of the entity tags given", node.revision());
        }
        return OptionalLong.of(node.revision());
    }
}
