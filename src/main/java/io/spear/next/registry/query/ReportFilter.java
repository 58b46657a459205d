package io.spear.next.registry.query;

import io.spear.next.registry.InvalidFieldException;
import io.spear.next.registry.NodeResource;
import io.spear.next.registry.NodeResource.Figure;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which reports a scheduler wants, by their figures: comparisons separated by commas, all of which
 * must hold, e.g. {@code cpu_usage_percent<50,available_memory_bytes>=8Gi}. A comparison is a
 * report field, one of {@code < <= > >= = !=}, and a number, optionally with a unit: {@code k M G T
 * P} (powers of 1000) or {@code Ki Mi Gi Ti Pi} (powers of 1024), as in Kubernetes quantities. An
 * order ({@link #order}) names one field, descending with a leading {@code -}.
 */
public final class ReportFilter {

    public static final ReportFilter EVERYTHING = new ReportFilter(List.of());

    private record Comparison(Figure field, String operator, double value) {
        boolean holds(NodeResource report) {
            double figure = field.of(report);
            return switch (operator) {
                case "<" -> figure < value;
                case "<=" -> figure <= value;
                case ">" -> figure > value;
                case ">=" -> figure >= value;
                case "=" -> figure == value;
                default -> figure != value; // "!="
            };
        }
    }

    private final List<Comparison> comparisons;

    private ReportFilter(List<Comparison> comparisons) {
        this.comparisons = List.copyOf(comparisons);
    }

    /**
     * Parses {@code text} (null or blank: every report); a malformed one is an
     * InvalidFieldException naming the position.
     */
    public static ReportFilter parse(String text) {
        if (text == null || text.isBlank()) {
            return EVERYTHING;
        }
        List<Comparison> comparisons = new ArrayList<>();
        int at = 0;
        for (String part : text.split(",", -1)) {
            comparisons.add(comparison(text, part, at));
            at += part.length() + 1;
        }
        return new ReportFilter(comparisons);
    }

    /**
     * The order of {@code text}: a field, ascending, or {@code -field}, descending; ties in uuid
     * order. Null or blank: null (uuid order).
     */
    public static ReportOrder order(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String trimmed = text.strip();
        boolean descending = trimmed.startsWith("-");
        String name = descending ? trimmed.substring(1) : trimmed;
        Figure figure = Figure.named(name)
                .orElseThrow(() -> new InvalidFieldException(
                        "sort", "'" + name + "' is not a report figure; one of " + Figure.names()));
        return new ReportOrder(figure, descending);
    }

    public boolean matches(NodeResource report) {
        for (Comparison comparison : comparisons) {
            if (!comparison.holds(report)) {
                return false;
            }
        }
        return true;
    }

    public boolean isEmpty() {
        return comparisons.isEmpty();
    }

    // part: the text of one comparison, which starts at index start of the whole text
    private static Comparison comparison(String text, String part, int start) {
        int operatorAt = indexOfOperator(part);
        String field =
                part.substring(0, operatorAt < 0 ? part.length() : operatorAt).strip();
        if (operatorAt < 0) {
            throw error(text, start + part.length(), "expected one of < <= > >= = != after '" + field + "'");
        }
        Optional<Figure> figure = Figure.named(field);
        if (figure.isEmpty()) {
            throw error(
                    text,
                    field.isEmpty() ? start + operatorAt : start + leadingBlanks(part),
                    (field.isEmpty() ? "expected a report figure" : "'" + field + "' is not a report figure")
                            + "; one of " + Figure.names());
        }
        int valueAt = operatorAt + 1;
        if (valueAt < part.length() && part.charAt(valueAt) == '=') {
            valueAt++;
        }
        String operator = part.substring(operatorAt, valueAt);
        if (operator.equals("!")) {
            throw error(text, start + valueAt, "expected '=' after '!'");
        }
        String value = part.substring(valueAt);
        return new Comparison(
                figure.get(),
                operator.equals("==") ? "=" : operator,
                number(text, value.strip(), start + valueAt + leadingBlanks(value)));
    }

    private static int leadingBlanks(String text) {
        return text.length() - text.stripLeading().length();
    }

    private static int indexOfOperator(String part) {
        for (int i = 0; i < part.length(); i++) {
            if ("<>=!".indexOf(part.charAt(i)) >= 0) {
                return i;
            }
        }
        return -1;
    }

    private static final Map<String, BigDecimal> UNITS = Map.of(
            "k",
            BigDecimal.valueOf(1000L),
            "M",
            BigDecimal.valueOf(1000_000L),
            "G",
            BigDecimal.valueOf(1000_000_000L),
            "T",
            BigDecimal.valueOf(1000_000_000_000L),
            "P",
            BigDecimal.valueOf(1000_000_000_000_000L),
            "Ki",
            BigDecimal.valueOf(1L << 10),
            "Mi",
            BigDecimal.valueOf(1L << 20),
            "Gi",
            BigDecimal.valueOf(1L << 30),
            "Ti",
            BigDecimal.valueOf(1L << 40),
            "Pi",
            BigDecimal.valueOf(1L << 50));

    private static double number(String text, String value, int position) {
        int unitAt = value.length();
        while (unitAt > 0 && Character.isLetter(value.charAt(unitAt - 1))) {
            unitAt--;
        }
        String unit = value.substring(unitAt);
        if (!unit.isEmpty() && !UNITS.containsKey(unit)) {
            throw error(
                    text, position + unitAt, "'" + unit + "' is not a unit; one of k, M, G, T, P, Ki, Mi, Gi, Ti, Pi");
        }
        try {
            BigDecimal number = new BigDecimal(value.substring(0, unitAt));
            return (unit.isEmpty() ? number : number.multiply(UNITS.get(unit))).doubleValue();
        } catch (NumberFormatException e) {
            throw error(text, position, "expected a number such as 50, 2.5 or 8Gi");
        }
    }

    private static InvalidFieldException error(String text, int index, String expected) {
        String found = index < text.length() ? "'" + text.charAt(index) + "'" : "the end";
        return new InvalidFieldException(
                "filter", "at position " + (index + 1) + ": " + expected + ", found " + found + " in '" + text + "'");
    }
}
