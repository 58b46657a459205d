package io.spear.next.registry;

public class InvalidPageTokenException extends InvalidFieldException {

    public InvalidPageTokenException() {
        super("page_token", "is not a token this listing returned; start again without page_token");
    }
}
