package io.spear.next.storage.kv;

/**
 * A single atomic change larger than the backend takes in one write (see {@link KvLimits}); it was
 * refused before anything was applied.
 */
public class KvLimitException extends KvException {

    public KvLimitException(String message) {
        super(message);
    }
}
