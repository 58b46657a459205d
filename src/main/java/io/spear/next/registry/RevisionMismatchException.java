package io.spear.next.registry;

/** An update that named the revision it expected, and the node has moved on. */
public class RevisionMismatchException extends RegistryException {

    public RevisionMismatchException(String uuid, long expected, long actual) {
        this(uuid, "revision " + expected, actual);
    }

    /** {@code expected} says what was asked for ("revision 3", "any of the entity tags given"). */
    public RevisionMismatchException(String uuid, String expected, long actual) {
        super("node " + uuid + " is at revision " + actual + ", not " + expected
                + ": read it again and retry with the new revision");
    }
}
