package io.spear.next.storage.kv;

/** A store configuration that cannot work: unknown backend or parameter, bad value, missing path. */
public class KvConfigException extends KvException {

    public KvConfigException(String message) {
        super(message);
    }
}
