package io.spear.next.sms.admin;

public class StoreNotEmptyException extends RuntimeException {

    public StoreNotEmptyException() {
        super("this instance already has nodes: import into a fresh instance (an empty kv.path), so that two "
                + "registries are not mixed");
    }
}
