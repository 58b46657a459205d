/**
 * The change log the watch streams follow ({@code RegistryEvents}): kept in {@code event:} records
 * with revisions of this process on an embedded store ({@code StoredEventLog}), or read from the
 * store's own history on one that keeps it ({@code HistoryEventLog}: etcd, one log for every
 * replica); and the compaction of that history ({@code HistoryCompactor}). Writers add a change's
 * events to the change's own write, so the log never disagrees with the registry.
 */
package io.spear.next.registry.events;
