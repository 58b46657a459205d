package io.spear.next.storage.kv;

import java.time.Instant;

/**
 * One backup: its id (sortable by time), when it was taken, its size on disk, and the keys the
 * store held (RocksDB: counted in the copy; etcd: in the namespace when the snapshot was taken).
 */
public record BackupInfo(String id, Instant createdAt, long sizeBytes, long keyCount) {}
