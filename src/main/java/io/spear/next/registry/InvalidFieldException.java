package io.spear.next.registry;

/** A request field that the registry cannot accept; the message says which and why. */
public class InvalidFieldException extends RegistryException {

    private final String field;

    public InvalidFieldException(String field, String problem) {
        super(field + ": " + problem);
        this.field = field;
    }

    /** The field at fault, as named on the wire (snake_case). */
    public String field() {
        return field;
    }
}
