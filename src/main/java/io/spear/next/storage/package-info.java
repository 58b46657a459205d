/**
 * The composition point of the storage layer: {@link io.spear.next.storage.KvStoreFactory}, the one
 * class that names the concrete backends. May use {@code storage.kv} and its backend packages;
 * nothing of the registry or the service.
 */
package io.spear.next.storage;
