package io.spear.next.sms.admin;

import io.spear.next.sms.nodes.ErrorKind;

public class StoreNotEmptyException extends RuntimeException implements ErrorKind.Declared {

    public StoreNotEmptyException() {
        super("this instance already has nodes: import into a fresh instance (an empty kv.path), so that two "
                + "registries are not mixed");
    }

    @Override
    public ErrorKind kind() {
        return ErrorKind.CONFLICT;
    }
}
