/**
 * Writing: every change goes through one {@code WriteStage} (a bounded queue and a few writers),
 * whose {@code BatchCommitter} reads a batch of nodes at once, applies their transitions, asks the
 * pure {@code WritePlanner} what to write (parts, index entries, totals) and commits all of it as
 * one conditional write, retried on the values a refusal reads back. How a store shared by replicas
 * differs from an embedded one (batch sizes, totals shards, remembered nodes) is one
 * {@code StorePolicy}, chosen when the registry opens. {@code DerivedData} rebuilds the indexes and
 * totals from the records.
 */
package io.spear.next.registry.write;
