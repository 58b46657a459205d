/**
 * The registry's stored format: the keys ({@code RegistryKeys}: records, liveness, reports, index
 * entries, totals), the protobuf records ({@code registry.stored}, from
 * {@code registry_store.proto}) and their mapping to the API's values ({@code StoredForm}), a
 * node's state as stored and its transitions ({@code NodeState}), and the upgrades from older
 * formats ({@code RegistryFormat}, {@code FormatV1}). The bottom room: it uses the registry's values
 * and no other room, so a change of format is one room's change.
 */
package io.spear.next.registry.format;
