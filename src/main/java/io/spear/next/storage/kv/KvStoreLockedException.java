package io.spear.next.storage.kv;

import java.nio.file.Path;

/** The store's directory is held by another process (or already open in this one). */
public class KvStoreLockedException extends KvException {

    private final Path path;

    public KvStoreLockedException(String message, Path path, Throwable cause) {
        super(message, cause);
        this.path = path;
    }

    public Path path() {
        return path;
    }
}
