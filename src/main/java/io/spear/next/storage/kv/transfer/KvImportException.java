package io.spear.next.storage.kv.transfer;

import io.spear.next.storage.kv.KvException;

/**
 * An import stopped at a line it could not read. Everything before that line was imported, in
 * atomic batches; nothing from that line on was.
 */
public class KvImportException extends KvException {

    private final long line;
    private final long importedPairs;

    public KvImportException(long line, long importedPairs, String reason) {
        super("line " + line + ": " + reason + " (the " + importedPairs + " pairs before it were imported)");
        this.line = line;
        this.importedPairs = importedPairs;
    }

    public long line() {
        return line;
    }

    public long importedPairs() {
        return importedPairs;
    }
}
