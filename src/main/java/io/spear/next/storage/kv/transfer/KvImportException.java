package io.spear.next.storage.kv.transfer;

import io.spear.next.storage.kv.KvException;

/**
 * An import stopped at a line it could not read. Everything before that line was imported, in
 * atomic batches, and nothing from that line on; unless the importer took back what it had written
 * ({@link #withdrawn()}), and then nothing was.
 */
public class KvImportException extends KvException {

    private final long line;
    private final long importedPairs;
    private final String reason;

    public KvImportException(long line, long importedPairs, String reason) {
        this(line, importedPairs, reason, "the " + importedPairs + " pairs before it were imported");
    }

    private KvImportException(long line, long importedPairs, String reason, String outcome) {
        super("line " + line + ": " + reason + " (" + outcome + ")");
        this.line = line;
        this.importedPairs = importedPairs;
        this.reason = reason;
    }

    /** The same failure, once the pairs imported before the line have been taken back. */
    public KvImportException withdrawn() {
        return new KvImportException(
                line, 0, reason, "nothing was imported: mend that line and send the whole stream again");
    }

    public long line() {
        return line;
    }

    public long importedPairs() {
        return importedPairs;
    }
}
