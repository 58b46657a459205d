package io.spear.next.sms.nodes;

/** An unpaged listing matched more than one answer may carry: the client must page. */
public final class TooManyItemsException extends RuntimeException {

    public TooManyItemsException(String what, String why) {
        super("the " + what + " that match do not fit one message (" + why + "): set page_size (1 to " + Limits.MAX_PAGE
                + ") and follow next_page_token");
    }
}
