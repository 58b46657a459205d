package io.spear.next.registry.read;

import io.spear.next.registry.InvalidPageTokenException;
import io.spear.next.registry.NodeFields;
import io.spear.next.registry.Page;
import io.spear.next.registry.format.RegistryKeys;
import io.spear.next.registry.format.StoredNodeFields;
import io.spear.next.storage.kv.Keys;
import io.spear.next.storage.kv.KvCursor;
import io.spear.next.storage.kv.KvPair;
import io.spear.next.storage.kv.KvReads;
import io.spear.next.storage.kv.RangeOptions;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Pages of listings: walks index ranges (or the records), resolves the keys walked a batch at a
 * time, and hands out the opaque tokens that resume a listing. A batch is one multi-get at most,
 * so a page costs a few store calls, not one per item.
 */
public final class NodePager {

    private static final byte[] EMPTY = new byte[0];

    private final KvReads store;

    public NodePager(KvReads store) {
        this.store = store;
    }

    /**
     * One page of a listing: walks the keys under {@code prefix} after the token's key, resolves
     * them a batch at a time ({@code resolve} maps the batch's pairs to items, empty for one that
     * does not belong on the page), and stops at {@code limit} items. {@code withValues} reads the
     * walked keys' values too (a walk over records, or over entries that carry them).
     */
    public <T> Page<T> page(
            String prefix,
            String pageToken,
            int limit,
            boolean withValues,
            Function<List<KvPair>, List<Optional<T>>> resolve) {
        return page(IndexRanges.of(prefix), pageToken, limit, withValues, resolve);
    }

    /**
     * As {@link #page(String, String, int, boolean, Function)}, over several index ranges at once
     * (the entries of several values of one label), merged in uuid order. The token names the
     * ranges' token prefix and the last uuid returned.
     */
    public <T> Page<T> page(
            IndexRanges ranges,
            String pageToken,
            int limit,
            boolean withValues,
            Function<List<KvPair>, List<Optional<T>>> resolve) {
        String last = lastKeyOf(ranges.tokenPrefix(), pageToken);
        String after = last == null ? null : RegistryKeys.uuidOf(last);
        List<T> items = new ArrayList<>(limit);
        String lastUuid = null;
        try (KvCursor cursor = cursor(ranges.prefixes(), after)) {
            List<KvPair> batch = new ArrayList<>();
            boolean more = true;
            while (more) {
                batch.clear();
                int want = Math.max(16, limit - items.size() + 1);
                while (batch.size() < want && (more = cursor.next())) {
                    batch.add(new KvPair(cursor.key(), withValues ? cursor.value() : EMPTY));
                }
                List<Optional<T>> resolved = batch.isEmpty() ? List.of() : resolve.apply(batch);
                for (int i = 0; i < resolved.size(); i++) {
                    if (resolved.get(i).isEmpty()) {
                        continue;
                    }
                    if (items.size() == limit) {
                        return new Page<>(items, tokenFor(ranges.tokenPrefix() + lastUuid));
                    }
                    items.add(resolved.get(i).get());
                    lastUuid = RegistryKeys.uuidOf(batch.get(i).key());
                }
            }
        }
        return new Page<>(items, null);
    }

    /** The keys under each prefix after the node {@code after} (null: from the start), in uuid order. */
    private KvCursor cursor(List<String> prefixes, String after) {
        List<KvCursor> cursors = new ArrayList<>(prefixes.size());
        try {
            for (String prefix : prefixes) {
                String start = after == null ? prefix : prefix + after + '\u0000'; // the first key after it
                cursors.add(store.cursor(RangeOptions.between(start, Keys.prefixEnd(prefix))));
            }
        } catch (RuntimeException e) {
            cursors.forEach(KvCursor::close);
            throw e;
        }
        return cursors.size() == 1 ? cursors.get(0) : new UnionCursor(cursors);
    }

    /** The uuids at the ends of these keys. */
    public static List<String> uuidsOf(List<KvPair> pairs) {
        List<String> uuids = new ArrayList<>(pairs.size());
        for (KvPair pair : pairs) {
            uuids.add(RegistryKeys.uuidOf(pair.key()));
        }
        return uuids;
    }

    /**
     * The nodes of these records as walked ({@code node:} keys, or index entries that carry the
     * record), read in place: only their liveness is read, in one multi-get. A node whose liveness is gone (removed
     * after the walk began) is left out. An entry without its record (on a shared store, or one
     * written by an older release before a rebuild) has the record read with the liveness.
     */
    public List<Optional<NodeFields>> nodesOfRecords(List<KvPair> records) {
        List<String> keys = new ArrayList<>(records.size());
        for (KvPair record : records) {
            keys.add(RegistryKeys.beat(RegistryKeys.uuidOf(record.key())));
        }
        for (KvPair record : records) { // after the liveness keys: the records not walked
            if (record.value().length == 0) {
                keys.add(RegistryKeys.node(RegistryKeys.uuidOf(record.key())));
            }
        }
        List<Optional<byte[]>> values = store.getAll(keys);
        List<Optional<NodeFields>> nodes = new ArrayList<>(records.size());
        int unwalked = records.size();
        for (int i = 0; i < records.size(); i++) {
            Optional<byte[]> beat = values.get(i);
            byte[] walked = records.get(i).value();
            Optional<byte[]> record = walked.length == 0 ? values.get(unwalked++) : Optional.of(walked);
            nodes.add(
                    beat.isEmpty() || record.isEmpty()
                            ? Optional.empty()
                            : Optional.of(StoredNodeFields.read(record.get(), beat.get())));
        }
        return nodes;
    }

    /** The opaque page token that resumes a listing after {@code key}. */
    public String tokenFor(String key) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(key.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The key a page token resumes after (null without a token). Every listed key ends with a node's
     * uuid, so a token of another listing, or one made up, is refused.
     */
    public String lastKeyOf(String prefix, String pageToken) {
        if (pageToken == null) {
            return null;
        }
        String key;
        try {
            key = new String(Base64.getUrlDecoder().decode(pageToken), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new InvalidPageTokenException();
        }
        if (!key.startsWith(prefix) || !RegistryKeys.isCanonicalUuid(RegistryKeys.uuidOf(key))) {
            throw new InvalidPageTokenException();
        }
        return key;
    }
}
