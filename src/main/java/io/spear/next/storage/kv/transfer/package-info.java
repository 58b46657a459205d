/**
 * Export and import of every pair of a store as NDJSON, for migrations between backends and
 * releases. Uses only {@code storage.kv}.
 */
package io.spear.next.storage.kv.transfer;
