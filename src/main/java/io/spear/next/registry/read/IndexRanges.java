package io.spear.next.registry.read;

import io.spear.next.registry.format.RegistryKeys;
import io.spear.next.registry.query.LabelSelector;
import io.spear.next.registry.query.LabelSelector.Operator;
import io.spear.next.registry.query.LabelSelector.Requirement;
import io.spear.next.storage.kv.Keys;
import io.spear.next.storage.kv.KvCursor;
import io.spear.next.storage.kv.KvReads;
import io.spear.next.storage.kv.RangeOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The index ranges a listing walks as one, in uuid order (every key in them ends with a node's
 * uuid), and what the listing's page tokens start with.
 *
 * <p>{@link #ofLabels} gives the label ranges that hold every node a selector can select, when one
 * of its requirements narrows the listing to a few of them: an equality or an {@code in} of at most
 * {@link LabelSelector#UNION_MAX} values, else the first label that must exist ({@code gpu}) and
 * has at most that many values in the index. The values of an existing label are found by seeking
 * from one value's entries to the next, so a sparse label (a hundred GPU nodes among thousands) is
 * listed from its own entries. {@code notin}, {@code !=} and {@code !key} select nodes without the
 * label too, which no label range holds: they are checked on each node walked.
 *
 * @param tokenPrefix what a page token of the listing starts with: the same on every page (for an
 *     existing label, even if it gains a value in between)
 * @param prefixes the ranges, walked as one in uuid order (none: no node has the label)
 */
public record IndexRanges(String tokenPrefix, List<String> prefixes) {

    /** These ranges; the tokens start with the first. */
    public static IndexRanges of(List<String> prefixes) {
        return new IndexRanges(prefixes.get(0), prefixes);
    }

    public static IndexRanges of(String prefix) {
        return of(List.of(prefix));
    }

    /** The label ranges that hold every node the selector selects, if a requirement narrows it (see above). */
    public static Optional<IndexRanges> ofLabels(LabelSelector selector, KvReads store) {
        Optional<IndexRanges> values = selector.indexedValues()
                .map(label -> of(label.getValue().stream()
                        .map(value -> RegistryKeys.labelPrefix(label.getKey(), value))
                        .toList()));
        if (values.isPresent()) {
            return values;
        }
        for (Requirement requirement : selector.requirements()) {
            if (requirement.operator() == Operator.EXISTS) {
                List<String> prefixes = valuePrefixes(
                        store, RegistryKeys.labelKeyPrefix(requirement.key()), LabelSelector.UNION_MAX + 1);
                if (prefixes.size() <= LabelSelector.UNION_MAX) {
                    return Optional.of(new IndexRanges(RegistryKeys.labelExistsToken(requirement.key()), prefixes));
                }
            }
        }
        return Optional.empty();
    }

    /** The ranges of the label's values (its key's prefix), in order: at most {@code max}. */
    private static List<String> valuePrefixes(KvReads store, String keyPrefix, int max) {
        List<String> prefixes = new ArrayList<>();
        String from = keyPrefix;
        String end = Keys.prefixEnd(keyPrefix);
        while (prefixes.size() < max) {
            try (KvCursor cursor = store.cursor(new RangeOptions(from, end, 1, false))) {
                if (!cursor.next()) {
                    break;
                }
                String key = cursor.key();
                String valuePrefix = key.substring(0, key.lastIndexOf(':') + 1);
                prefixes.add(valuePrefix);
                from = Keys.prefixEnd(valuePrefix); // past this value's entries
            }
        }
        return prefixes;
    }
}
