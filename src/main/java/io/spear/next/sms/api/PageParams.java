package io.spear.next.sms.api;

import io.spear.next.registry.InvalidFieldException;

/** The paging query parameters every listing shares. */
final class PageParams {

    private PageParams() {
    }

    /** Parsed here, not by JAX-RS, which answers a malformed number with 404. */
    static int limit(String limit) {
        if (limit == null || limit.isEmpty()) {
            return Limits.DEFAULT_PAGE;
        }
        try {
            int parsed = Integer.parseInt(limit);
            if (parsed >= 1 && parsed <= Limits.MAX_PAGE) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new InvalidFieldException("limit", "must be a whole number from 1 to " + Limits.MAX_PAGE + ", got '"
                + limit + "'");
    }

    static String token(String pageToken) {
        return pageToken == null || pageToken.isEmpty() ? null : pageToken;
    }
}
