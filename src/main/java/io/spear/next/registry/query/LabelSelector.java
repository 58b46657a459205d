package io.spear.next.registry.query;

import io.spear.next.registry.InvalidFieldException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Which nodes a listing or a watch wants by their labels (metadata), in Kubernetes' label-selector
 * syntax: requirements separated by commas, all of which must hold.
 *
 * <pre>
 *   zone=eu-1          zone==eu-1         the label has this value
 *   rack!=r1                              the label is absent or has another value
 *   zone in (a,b)      zone notin (a,b)   one of the values / absent or none of them
 *   gpu                !gpu               the label is there / is not
 * </pre>
 *
 * A key or a value is a run of characters other than blanks and {@code ,=!()}; a value may be
 * empty ({@code zone=}). Blanks around tokens are ignored. An empty selector selects everything.
 */
public final class LabelSelector {

    public static final LabelSelector EVERYTHING = new LabelSelector(List.of());

    /** What one requirement asks of a label. */
    public enum Operator {
        IN,
        NOT_IN,
        EXISTS,
        NOT_EXISTS
    }

    /** One requirement: {@code values} holds one value for {@code =} and {@code !=}, none for (not) exists. */
    public record Requirement(String key, Operator operator, Set<String> values) {

        public Requirement {
            values = Set.copyOf(values);
        }

        boolean matches(Map<String, String> labels) {
            String value = labels.get(key);
            return switch (operator) {
                case IN -> value != null && values.contains(value);
                case NOT_IN -> value == null || !values.contains(value);
                case EXISTS -> value != null;
                case NOT_EXISTS -> value == null;
            };
        }
    }

    private final List<Requirement> requirements;

    private LabelSelector(List<Requirement> requirements) {
        this.requirements = List.copyOf(requirements);
    }

    /** Every label of the map with exactly its value (the {@code label=key=value} parameters). */
    public static LabelSelector equalTo(Map<String, String> labels) {
        List<Requirement> requirements = new ArrayList<>();
        labels.forEach((key, value) -> requirements.add(new Requirement(key, Operator.IN, Set.of(value))));
        return new LabelSelector(requirements);
    }

    /**
     * Parses {@code text} (null or blank: everything). A malformed selector is an
     * InvalidFieldException of the field {@code selector} that names the position (from 1).
     */
    public static LabelSelector parse(String text) {
        return text == null || text.isBlank() ? EVERYTHING : new Parser(text).selector();
    }

    /**
     * {@code text} parsed as {@link #parse(String)}, and every label of {@code labels} with exactly
     * its value: how both APIs combine a selector with their label parameters.
     */
    public static LabelSelector parse(String text, Map<String, String> labels) {
        return parse(text).and(equalTo(labels));
    }

    /** Both selectors' requirements. */
    public LabelSelector and(LabelSelector other) {
        List<Requirement> both = new ArrayList<>(requirements);
        both.addAll(other.requirements);
        return new LabelSelector(both);
    }

    public boolean matches(Map<String, String> labels) {
        for (Requirement requirement : requirements) {
            if (!requirement.matches(labels)) {
                return false;
            }
        }
        return true;
    }

    public boolean isEmpty() {
        return requirements.isEmpty();
    }

    public List<Requirement> requirements() {
        return requirements;
    }

    /** At most this many values of an {@code in} are walked as the union of their indexes. */
    public static final int UNION_MAX = 8;

    /**
     * A label every selected node has with one of these values, if there is one: the indexes of
     * those values hold every node the selector can select. An equality ({@code key=value}) first,
     * else an {@code in} of at most {@link #UNION_MAX} values; the values sorted.
     */
    public Optional<Map.Entry<String, List<String>>> indexedValues() {
        Requirement best = null;
        for (Requirement requirement : requirements) {
            if (requirement.operator() == Operator.IN
                    && requirement.values().size() <= UNION_MAX
                    && (best == null
                            || requirement.values().size() < best.values().size())) {
                best = requirement;
            }
        }
        return best == null
                ? Optional.empty()
                : Optional.of(
                        Map.entry(best.key(), best.values().stream().sorted().toList()));
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof LabelSelector selector && selector.requirements.equals(requirements);
    }

    @Override
    public int hashCode() {
        return requirements.hashCode();
    }

    @Override
    public String toString() {
        return requirements.toString();
    }

    /** A recursive-descent parser over the text; {@code at} is the index of the next character. */
    private static final class Parser {
        private static final String SPECIAL = ",=!()";

        private final String text;
        private int at;

        Parser(String text) {
            this.text = text;
        }

        LabelSelector selector() {
            List<Requirement> requirements = new ArrayList<>();
            do {
                requirements.add(requirement());
            } while (take(','));
            skipBlanks();
            if (at < text.length()) {
                throw error("expected ',' or the end");
            }
            return new LabelSelector(requirements);
        }

        private Requirement requirement() {
            if (take('!')) {
                return new Requirement(token("a label key after '!'"), Operator.NOT_EXISTS, Set.of());
            }
            String key = token("a label key");
            if (take('!')) {
                expect('=', "'=' after '!'");
                return new Requirement(key, Operator.NOT_IN, Set.of(value()));
            }
            if (take('=')) {
                take('='); // == means =
                return new Requirement(key, Operator.IN, Set.of(value()));
            }
            skipBlanks();
            int wordAt = at;
            String word = at < text.length() && !isSpecial(text.charAt(at)) ? token("") : "";
            return switch (word) {
                case "in" -> new Requirement(key, Operator.IN, values());
                case "notin" -> new Requirement(key, Operator.NOT_IN, values());
                case "" -> new Requirement(key, Operator.EXISTS, Set.of());
                default -> {
                    at = wordAt;
                    throw error("expected '=', '!=', 'in', 'notin', ',' or the end after the key '" + key + "'");
                }
            };
        }

        private Set<String> values() {
            expect('(', "'(' to open the values");
            Set<String> values = new LinkedHashSet<>();
            do {
                values.add(value());
            } while (take(','));
            expect(')', "',' or ')' to close the values");
            return values;
        }

        // a value may be empty ("zone=" selects an empty value)
        private String value() {
            skipBlanks();
            return at < text.length() && !isSpecial(text.charAt(at)) && !Character.isWhitespace(text.charAt(at))
                    ? token("")
                    : "";
        }

        private String token(String what) {
            skipBlanks();
            int start = at;
            while (at < text.length() && !isSpecial(text.charAt(at)) && !Character.isWhitespace(text.charAt(at))) {
                at++;
            }
            if (at == start) {
                throw error("expected " + what);
            }
            return text.substring(start, at);
        }

        private boolean take(char c) {
            skipBlanks();
            if (at < text.length() && text.charAt(at) == c) {
                at++;
                return true;
            }
            return false;
        }

        private void expect(char c, String what) {
            if (!take(c)) {
                throw error("expected " + what);
            }
        }

        private void skipBlanks() {
            while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
                at++;
            }
        }

        private static boolean isSpecial(char c) {
            return SPECIAL.indexOf(c) >= 0;
        }

        private InvalidFieldException error(String expected) {
            String found = at < text.length() ? "'" + text.charAt(at) + "'" : "the end";
            return new InvalidFieldException(
                    "selector",
                    "at position " + (at + 1) + ": " + expected + ", found " + found + " in '" + text + "'");
        }
    }
}
