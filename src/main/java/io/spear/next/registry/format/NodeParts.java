package io.spear.next.registry.format;

import java.util.List;
import java.util.Optional;

/**
 * A node's three stored parts, as read or written: its record, its liveness and its latest report,
 * each null when absent. They live under three keys ({@link #keys}) so that a heartbeat rewrites
 * the small liveness, never the record.
 */
public record NodeParts(byte[] record, byte[] liveness, byte[] report) {

    /** How many keys a node's parts take in a read: {@link #keys}, in that order. */
    public static final int COUNT = 3;

    public static List<String> keys(String uuid) {
        return List.of(RegistryKeys.node(uuid), RegistryKeys.beat(uuid), RegistryKeys.resource(uuid));
    }

    /** The parts read for {@link #keys}, starting at {@code from} in {@code values}. */
    public static NodeParts of(List<Optional<byte[]>> values, int from) {
        return new NodeParts(
                values.get(from).orElse(null),
                values.get(from + 1).orElse(null),
                values.get(from + 2).orElse(null));
    }

    /** The values in the order of {@link #keys}, appended to {@code values}. */
    public void addTo(List<Optional<byte[]>> values) {
        values.add(Optional.ofNullable(record));
        values.add(Optional.ofNullable(liveness));
        values.add(Optional.ofNullable(report));
    }

    /** The node's state, parsed from these parts. */
    public NodeState state(String uuid) {
        return new NodeState(
                uuid, StoredForm.parseNode(record), StoredForm.parseLiveness(liveness), StoredForm.parseReport(report));
    }
}
