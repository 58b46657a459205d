/**
 * The key-value store the registry is built on: {@link io.spear.next.storage.kv.KvStore} (ordered
 * keys, atomic conditional writes, cursors), its configuration and errors, and the capabilities a
 * backend may offer through {@code unwrap}: {@link io.spear.next.storage.kv.KvHistory} (revisions
 * and watches), {@link io.spear.next.storage.kv.KvElection} (a leader lease) and
 * {@link io.spear.next.storage.kv.KvSnapshots} (copies, for {@link io.spear.next.storage.kv.KvBackups}).
 * Plain Java: no backend, no registry, no Quarkus.
 */
package io.spear.next.storage.kv;
