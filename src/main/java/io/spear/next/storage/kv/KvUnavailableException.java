package io.spear.next.storage.kv;

/**
 * The store cannot be reached right now, or cannot decide (a cluster without quorum): nothing is
 * wrong with the request, and the same call may succeed a little later.
 */
public class KvUnavailableException extends KvException {

    public KvUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
