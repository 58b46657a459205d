package io.spear.next.storage.kv;

/**
 * A key range: {@code start} inclusive, {@code end} exclusive (either null for unbounded), at most
 * {@code limit} pairs (0 = no limit). With {@code reverse} the range is read from its end: the
 * result is the last {@code limit} keys of the range in descending order.
 */
public record RangeOptions(String start, String end, int limit, boolean reverse) {

    public RangeOptions {
        if (start != null) {
            Keys.requireValid(start);
        }
        if (end != null) {
            Keys.requireValid(end);
        }
        if (limit < 0) {
            throw new IllegalArgumentException("limit must be >= 0 (0 means no limit), got " + limit);
        }
    }

    /** Every key. */
    public static RangeOptions all() {
        return new RangeOptions(null, null, 0, false);
    }

    /** Keys in [start, end). */
    public static RangeOptions between(String start, String end) {
        return new RangeOptions(start, end, 0, false);
    }

    /** Keys from {@code start} (inclusive) to the end. */
    public static RangeOptions from(String start) {
        return new RangeOptions(start, null, 0, false);
    }

    /** Keys that start with {@code prefix}: the range [prefix, prefix+1); every key for "". */
    public static RangeOptions prefix(String prefix) {
        if (prefix.isEmpty()) {
            return all();
        }
        return new RangeOptions(prefix, Keys.prefixEnd(prefix), 0, false);
    }

    public RangeOptions withLimit(int newLimit) {
        return new RangeOptions(start, end, newLimit, reverse);
    }

    public RangeOptions reversed() {
        return new RangeOptions(start, end, limit, !reverse);
    }
}
