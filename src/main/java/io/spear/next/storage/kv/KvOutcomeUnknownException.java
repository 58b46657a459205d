package io.spear.next.storage.kv;

/**
 * A write whose outcome is unknown: the store did not answer in time (a timeout during a leader
 * change, a lost connection), so it may or may not have been applied. A caller that must know reads
 * the keys again.
 */
public class KvOutcomeUnknownException extends KvUnavailableException {

    public KvOutcomeUnknownException(String message, Throwable cause) {
        super(message, cause);
    }
}
