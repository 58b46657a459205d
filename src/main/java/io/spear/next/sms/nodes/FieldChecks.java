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

    private final List<FieldError> errors;
    /** Where the fields checked sit in the body ("resource."): joined to a name only when it is refused. */
    private final String at;

    FieldChecks() {
        this(new ArrayList<>(), "");
    }

    private FieldChecks(List<FieldError> errors, String at) {
        this.errors = errors;
        this.at = at;
    }

    /** The checks of a part of the body ({@code part} such as "resource."), their errors collected with these. */
    FieldChecks at(String part) {
        return new FieldChecks(errors, at + part);
    }

    private void refuse(String field, String problem) {
        errors.add(new FieldError(at + field, problem));
    }

    void notNull(String field, Object value) {
        if (value == null) {
            refuse(field, "must not be null");
        }
    }

    void between(String field, Double value, long min, long max) {
        if (value != null && value.isNaN()) { // Jackson reads the string "NaN" as a double
            refuse(field, "must be a number from " + min + " to " + max);
        } else if (value != null && value < min) {
            refuse(field, "must be greater than or equal to " + min);
        } else if (value != null && value > max) {
            refuse(field, "must be less than or equal to " + max);
        }
    }

    void notNegative(String field, Number value) {
        if (value != null && value.longValue() < 0) {
            refuse(field, "must be greater than or equal to 0");
        }
    }

    void atMost(String field, int size, int max) {
        if (size > max) {
            refuse(field, sizeBound(max));
        }
    }

    /** A string-to-string map of a body: bounded in entries, keys not blank, values present, both bounded. */
    void labels(String field, Map<String, String> map) {
        if (map == null) {
            return;
        }
        atMost(field, map.size(), Limits.MAP_ENTRIES);
        for (Map.Entry<String, String> entry : map.entrySet()) {
            String key = entry.getKey();
            String value = entry.getValue();
            if (key.isBlank()) {
                refuse(entry(field, key), "must not be blank");
            }
            if (key.length() > Limits.MAP_KEY) {
                refuse(entry(field, key), sizeBound(Limits.MAP_KEY));
            }
            if (value == null) {
                refuse(entry(field, key), "must not be null");
            } else if (value.length() > Limits.MAP_VALUE) {
                refuse(entry(field, key), sizeBound(Limits.MAP_VALUE));
            }
        }
    }

    /** Bean validation's words for a @Size(max) refusal, as the other routes answer it. */
    private static String sizeBound(int max) {
        return "size must be between 0 and " + max;
    }

    private static String entry(String field, String key) {
        return field + "[" + key + "]";
    }

    /** Throws the errors found so far, if any, sorted by field. */
    void throwIfAny() {
        if (!errors.isEmpty()) {
            errors.sort(Comparator.comparing(FieldError::field));
            throw new InvalidFieldsException(List.copyOf(errors));
        }
    }
}
