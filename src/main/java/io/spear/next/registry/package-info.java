/**
 * The node registry, plain Java on a {@code KvStore}. This package is its API: {@code Registry}
 * (opened once per store) and its views ({@code NodeRegistry}, {@code NodeResourceRegistry},
 * {@code HeartbeatSweeper}), the values they take and give, and their exceptions. The work is done
 * in rooms below, each with one job: {@code write} (the write stage, batches, the store policy),
 * {@code read} (paging), {@code events} (the change log), {@code format} (keys, the stored records
 * and their upgrades) and {@code query} (selectors, filters). Rooms use the API's values, never its
 * services, and no room uses one above it (query and format at the bottom, then read and events,
 * then write); outside the registry only the API, the queries and the change log are used, so the
 * format and the write path can change without the service noticing. {@code ArchitectureTest}
 * holds these arrows. May use {@code storage.kv}'s interfaces only: no backend, no Quarkus,
 * nothing of {@code sms}.
 */
package io.spear.next.registry;
