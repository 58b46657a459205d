package io.spear.next.storage.kv;

import java.nio.file.Path;

/**
 * The store could not read or write: disk full, directory not writable, I/O error, corruption.
 * The message names the operation and the path.
 */
public class KvIoException extends KvException {

    private final Path path;

    public KvIoException(String message, Path path, Throwable cause) {
        super(message, cause);
        this.path = path;
    }

    public Path path() {
        return path;
    }
}
