/**
 * The embedded RocksDB backend (rocksdbjni): opening and locking the directory, its tuning
 * parameters, striped key locks for conditional writes, checkpoints for backups and their restore.
 * Owns every native handle; RocksDB errors leave it only as {@code storage.kv} exceptions naming
 * the path. Uses only {@code storage.kv} and rocksdbjni.
 */
package io.spear.next.storage.kv.rocksdb;
