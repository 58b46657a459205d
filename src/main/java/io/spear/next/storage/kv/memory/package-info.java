/**
 * The in-memory backend: a sorted map behind a lock, for tests and local experiments; data is
 * lost on shutdown. Uses only {@code storage.kv}.
 */
package io.spear.next.storage.kv.memory;
