package io.spear.next.registry;

/** An update that named the revision it expected, and the node has moved on. */
public class RevisionMismatchException extends RegistryException {

    public RevisionMismatchException(String uuid, long expected, long actual) {
        super("node " + uuid + " is at revision " + actual + ", not " + expected
                + ": read it again and retry with the new revision");
    }
}
