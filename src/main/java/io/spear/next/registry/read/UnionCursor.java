package io.spear.next.registry.read;

import io.spear.next.registry.format.RegistryKeys;
import io.spear.next.storage.kv.KvCursor;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * Several index ranges walked as one, in uuid order: every key of each range ends with a node's
 * uuid, and the ranges hold different nodes (the entries of one label's values). Each range is read
 * by a cursor of its own; the current pair is that of the cursor whose uuid is lowest.
 */
final class UnionCursor implements KvCursor {

    private record Head(KvCursor cursor, String uuid) {}

    private final List<KvCursor> cursors;
    private final PriorityQueue<Head> heads = new PriorityQueue<>(Comparator.comparing(Head::uuid));
    private Head current;
    private boolean started;

    UnionCursor(List<KvCursor> cursors) {
        this.cursors = List.copyOf(cursors);
    }

    @Override
    public boolean next() {
        if (!started) {
            cursors.forEach(this::advance);
            started = true;
        } else if (current != null) {
            advance(current.cursor()); // the others have not moved since their head was taken
        }
        current = heads.poll();
        return current != null;
    }

    private void advance(KvCursor cursor) {
        if (cursor.next()) {
            heads.add(new Head(cursor, RegistryKeys.uuidOf(cursor.key())));
        }
    }

    @Override
    public String key() {
        return current.cursor().key();
    }

    @Override
    public byte[] value() {
        return current.cursor().value();
    }

    @Override
    public void close() {
        cursors.forEach(KvCursor::close);
    }
}
