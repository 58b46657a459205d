package io.spear.next.sms.nodes;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The checks of a request body that bean validation would make, written out for the bodies on the
 * hot path (heartbeats and reports): every field is looked at once, the errors are collected and
 * reported together, named as on the wire, with the messages bean validation gives elsewhere.
 */
final class FieldChecks {

    private final List<FieldError> errors = new ArrayList<>();

    void notNull(String field, Object value) {
        if (value == null) {
            errors.add(new FieldError(field, "must not be null"));
        }
    }

    void between(String field, Double value, long min, long max) {
        if (value != null && value.isNaN()) { // Jackson reads the string "NaN" as a double
            errors.add(new FieldError(field, "must be a number from " + min + " to " + max));
        } else if (value != null && value < min) {
            errors.add(new FieldError(field, "must be greater than or equal to " + min));
        } else if (value != null && value > max) {
            errors.add(new FieldError(field, "must be less than or equal to " + max));
        }
    }

    void notNegative(String field, Number value) {
        if (value != null && value.longValue() < 0) {
            errors.add(new FieldError(field, "must be greater than or equal to 0"));
        }
    }

    void atMost(String field, int size, int max) {
        if (size > max) {
            errors.add(new FieldError(field, "size must be between 0 and " + max));
        }
    }

    /** A string-to-string map of a body: bounded in entries, keys not blank, values present, both bounded. */
    void labels(String field, Map<String, String> map) {
        if (map == null) {
            return;
        }
        atMost(field, map.size(), Limits.MAP_ENTRIES);
        for (Map.Entry<String, String> entry : map.entrySet()) {
            String at = field + "[" + entry.getKey() + "]";
            if (entry.getKey().isBlank()) {
                errors.add(new FieldError(at, "must not be blank"));
            }
            atMost(at, entry.getKey().length(), Limits.MAP_KEY);
            notNull(at, entry.getValue());
            if (entry.getValue() != null) {
                atMost(at, entry.getValue().length(), Limits.MAP_VALUE);
            }
        }
    }

    /** Throws the errors found so far, if any, sorted by field. */
    void throwIfAny() {
        if (!errors.isEmpty()) {
            errors.sort(Comparator.comparing(FieldError::field));
            throw new InvalidFieldsException(List.copyOf(errors));
        }
    }
}
