package io.spear.next.storage.kv.etcd;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.etcd.jetcd.KeyValue;
import io.etcd.jetcd.common.exception.CompactedException;
import io.etcd.jetcd.options.GetOption;
import io.etcd.jetcd.options.WatchOption;
import io.etcd.jetcd.watch.WatchEvent;
import io.spear.next.storage.kv.KvException;
import io.spear.next.storage.kv.KvHistory;
import java.util.ArrayList;
import java.util.List;

/** etcd's revisions and watches as the store's {@link KvHistory}. */
final class EtcdHistory implements KvHistory {

    private final EtcdConnection connection;

    EtcdHistory(EtcdConnection connection) {
        this.connection = connection;
    }

    @Override
    public long revision() {
        return connection
                .read("revision", () -> connection.client.getKVClient().get(EtcdConnection.ZERO))
                .getHeader()
                .getRevision();
    }

    /** Listener calls run on jetcd's own event loop: the listener must not block. */
    @Override
    public Watch watch(String prefix, long afterRevision, Listener listener) {
        connection.ensureOpen();
        WatchOption option = WatchOption.builder()
                .isPrefix(true)
                .withRevision(afterRevision + 1)
                .build();
        io.etcd.jetcd.Watch.Watcher watcher = connection
                .client
                .getWatchClient()
                .watch(
                        EtcdTransactions.bytes(prefix),
                        option,
                        io.etcd.jetcd.Watch.listener(
                                response -> {
                                    List<Change> changes =
                                            new ArrayList<>(response.getEvents().size());
                                    for (WatchEvent event : response.getEvents()) {
                                        KeyValue kv = event.getKeyValue();
                                        changes.add(new Change(
                                                kv.getKey().toString(UTF_8),
                                                event.getEventType() == WatchEvent.EventType.DELETE
                                                        ? null
                                                        : kv.getValue().getBytes(),
                                                kv.getModRevision()));
                                    }
                                    if (!changes.isEmpty()) { // the watch's created notice carries none
                                        listener.onChanges(changes);
                                    }
                                },
                                error -> {
                                    if (error instanceof CompactedException compacted) {
                                        listener.onCompacted(compacted.getCompactedRevision());
                                    } else if (connection.isOpen()) {
                                        listener.onError(connection.failure("watch of " + prefix, error));
                                    }
                                }));
        return watcher::close;
    }

    @Override
    public long newestRevision(String prefix) {
        GetOption newest = GetOption.builder()
                .isPrefix(true)
                .withKeysOnly(true)
                .withLimit(1)
                .withSortField(GetOption.SortTarget.MOD)
                .withSortOrder(GetOption.SortOrder.DESCEND)
                .build();
        List<KeyValue> kvs = connection
                .read(
                        "newest revision under " + prefix,
                        () -> connection.client.getKVClient().get(EtcdTransactions.bytes(prefix), newest))
                .getKvs();
        return kvs.isEmpty() ? 0 : kvs.get(0).getModRevision();
    }

    @Override
    public void compact(long revision) {
        try {
            connection.write(
                    "compaction to revision " + revision,
                    () -> connection.client.getKVClient().compact(revision));
        } catch (KvException e) {
            String cause =
                    String.valueOf(e.getCause() == null ? null : e.getCause().getMessage());
            if (!(e.getCause() instanceof CompactedException) && !cause.contains("compacted")) {
                throw e;
            } // already compacted as far or further: nothing to do
        }
    }
}
