package io.spear.next.storage.kv.transfer;

/** How much an export or import moved: pairs, and bytes of the NDJSON stream. */
public record TransferStats(long pairs, long bytes) {}
