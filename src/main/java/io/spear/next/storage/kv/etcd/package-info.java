/**
 * The etcd backend (jetcd) that several replicas share: the connection and its calls
 * ({@code EtcdConnection}), transactions within the cluster's limits ({@code EtcdTransactions}),
 * history ({@code EtcdHistory}), snapshots, a lease-held leader key. Uses only {@code storage.kv}
 * and jetcd; jetcd's callbacks run on its own event loop and never block.
 */
package io.spear.next.storage.kv.etcd;
