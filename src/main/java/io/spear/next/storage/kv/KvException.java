package io.spear.next.storage.kv;

/** Base of every error the storage layer raises; messages are written for operators. */
public class KvException extends RuntimeException {

    public KvException(String message) {
        super(message);
    }

    public KvException(String message, Throwable cause) {
        super(message, cause);
    }
}
