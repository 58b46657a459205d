package io.spear.next.sms.api;

import io.spear.next.registry.InvalidFieldException;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The value of an {@code If-Match} or {@code If-None-Match} header (RFC 9110 13.1.1, 13.1.2):
 * {@code *} or a list of entity tags. A node's ETag is {@code "<revision>"}, so only tags whose
 * opaque part is a revision number can ever match; the others are kept out (they match nothing)
 * rather than refused. A value that is no entity-tag list at all is a 400 naming the header.
 */
record EntityTags(boolean any, Set<Long> strong, Set<Long> weak) {

    /** {@code null} when the header is absent. */
    static EntityTags parse(String header, String value) {
        if (value == null) {
            return null;
        }
        if (value.trim().equals("*")) {
            return new EntityTags(true, Set.of(), Set.of());
        }
        Set<Long> strong = new LinkedHashSet<>();
        Set<Long> weak = new LinkedHashSet<>();
        int i = 0;
        int tags = 0;
        while (i < value.length()) {
            char c = value.charAt(i);
            if (c == ' ' || c == '\t' || c == ',') {
                i++;
                continue;
            }
            boolean isWeak = value.startsWith("W/", i);
            int open = isWeak ? i + 2 : i;
            if (open >= value.length() || value.charAt(open) != '"') {
                throw invalid(header, value);
            }
            int close = open + 1;
            while (close < value.length() && value.charAt(close) != '"') {
                char t = value.charAt(close);
                if (t < 0x21 || t == 0x7f) {
                    throw invalid(header, value);
                }
                close++;
            }
            if (close >= value.length()) {
                throw invalid(header, value);
            }
            String opaque = value.substring(open + 1, close);
            if (!opaque.isEmpty() && opaque.length() < 19 && opaque.chars().allMatch(Character::isDigit)) {
                (isWeak ? weak : strong).add(Long.parseLong(opaque));
            }
            tags++;
            i = close + 1;
            if (i < value.length() && value.charAt(i) != ',' && value.charAt(i) != ' ' && value.charAt(i) != '\t') {
                throw invalid(header, value);
            }
        }
        if (tags == 0) {
            throw invalid(header, value);
        }
        return new EntityTags(false, Set.copyOf(strong), Set.copyOf(weak));
    }

    /** If-Match compares strongly: a weak tag never matches. */
    boolean matchesStrongly(long revision) {
        return any || strong.contains(revision);
    }

    /** If-None-Match compares weakly: W/"3" matches the ETag "3". */
    boolean matchesWeakly(long revision) {
        return any || strong.contains(revision) || weak.contains(revision);
    }

    private static InvalidFieldException invalid(String header, String value) {
        return new InvalidFieldException(
                header, "must be * or a list of entity tags such as \"3\" (the ETag of GET), got " + value);
    }
}
