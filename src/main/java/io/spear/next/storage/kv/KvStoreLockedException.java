package io.spear.next.storage.kv;

import java.nio.file.Path;

/** The store's directory is held by another process (or already open in this one). */
public class KvStoreLockedException extends KvIoException {

    public KvStoreLockedException(String message, Path path, Throwable cause) {
        super(message, path, cause);
    }
}
