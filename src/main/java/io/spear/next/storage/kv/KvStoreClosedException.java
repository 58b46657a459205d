package io.spear.next.storage.kv;

/** An operation on a store (or cursor) after it was closed. */
public class KvStoreClosedException extends KvException {

    public KvStoreClosedException(String what) {
        super(what + " is closed; open a new store to keep working");
    }
}
