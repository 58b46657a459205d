package io.spear.next.storage.kv.transfer;

/** Logs long transfers every so many pairs, as users expect of work that takes minutes. */
final class Progress {

    private static final System.Logger LOG = System.getLogger("io.spear.next.storage.kv.transfer");
    private static final long EVERY_PAIRS = 100_000;

    private final String verb;
    private long pairs;
    private long bytes;

    Progress(String verb) {
        this.verb = verb;
    }

    void add(long pairBytes) {
        pairs++;
        bytes += pairBytes;
        if (pairs % EVERY_PAIRS == 0) {
            LOG.log(System.Logger.Level.INFO, "{0} {1} pairs ({2} MiB) so far", verb, pairs, bytes >> 20);
        }
    }

    TransferStats done() {
        LOG.log(System.Logger.Level.INFO, "{0} {1} pairs ({2} bytes) in all", verb, pairs, bytes);
        return new TransferStats(pairs, bytes);
    }

    long pairs() {
        return pairs;
    }
}
