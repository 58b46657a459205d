package io.spear.next.sms.nodes;

/** A conditional request (If-None-Match) whose condition the current state fails: 412. */
public class PreconditionFailedException extends RuntimeException {

    public PreconditionFailedException(String message) {
        super(message);
    }
}
