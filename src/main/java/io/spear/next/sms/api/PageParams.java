package io.spear.next.sms.api;

import io.spear.next.registry.InvalidFieldException;

/** The paging query parameters every listing shares. */
final class PageParams {

    private PageParams() {
    }

    static int limit(Integer limit) {
        if (limit == null) {
            return Limits.DEFAULT_PAGE;
        }
        if (limit < 1 || limit > Limits.MAX_PAGE) {
            throw new InvalidFieldException("limit", "must be between 1 and " + Limits.MAX_PAGE + ", got " + limit);
        }
        return limit;
    }

    static String token(String pageToken) {
        return pageToken == null || pageToken.isEmpty() ? null : pageToken;
    }
}
