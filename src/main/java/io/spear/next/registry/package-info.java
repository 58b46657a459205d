/**
 * The node registry, plain Java on a {@code KvStore}: one engine ({@code RegistryEngine}) whose
 * writes go through one batching stage ({@code WriteStage}, {@code BatchCommitter}) and are
 * planned as pure code ({@code WritePlanner}); listings ({@code NodePager}, selectors, report
 * filters); the change log; the stored format (protobuf, {@code registry_store.proto}) and its
 * upgrades. May use {@code storage.kv}'s interfaces only: no backend, no Quarkus, nothing of
 * {@code sms}.
 */
package io.spear.next.registry;
