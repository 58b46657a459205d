package io.spear.next.registry.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spear.next.registry.InvalidFieldException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LabelSelectorTest {

    private static final Map<String, String> GPU_NODE = Map.of("zone", "a", "rack", "r1", "gpu", "a100");
    private static final Map<String, String> CPU_NODE = Map.of("zone", "b", "rack", "r2");
    private static final Map<String, String> BARE_NODE = Map.of();

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                // selector                      | gpu node | cpu node | bare node
                "''                              | true     | true     | true",
                "zone=a                          | true     | false    | false",
                "zone==a                         | true     | false    | false",
                "zone!=a                         | false    | true     | true",
                "zone in (a,b)                   | true     | true     | false",
                "zone in (b)                     | false    | true     | false",
                "zone notin (a, c)               | false    | true     | true",
                "gpu                             | true     | false    | false",
                "!gpu                            | false    | true     | true",
                "zone in (a,b),!gpu              | false    | true     | false",
                "'  zone = b ,  rack != r1  '    | false    | true     | false",
                "rack in (r1,r2),zone!=b,gpu     | true     | false    | false",
                "zone=                           | false    | false    | false",
                "zone notin ()                   | true     | true     | true",
            })
    void selectsAsKubernetesDoes(String selector, boolean gpu, boolean cpu, boolean bare) {
        LabelSelector parsed = LabelSelector.parse(selector);
        assertEquals(gpu, parsed.matches(GPU_NODE), "gpu node");
        assertEquals(cpu, parsed.matches(CPU_NODE), "cpu node");
        assertEquals(bare, parsed.matches(BARE_NODE), "bare node");
    }

    @Test
    void anEmptyValueSelectsAnEmptyLabel() {
        assertTrue(LabelSelector.parse("zone=").matches(Map.of("zone", "")));
        assertTrue(LabelSelector.parse("zone in (,a)").matches(Map.of("zone", "")));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "zone=a,                 | at position 8: expected a label key, found the end",
                "=a                      | at position 1: expected a label key, found '='",
                "zone in a               | at position 9: expected '(' to open the values, found 'a'",
                "zone in (a,b            | at position 13: expected ',' or ')' to close the values, found the end",
                "zone=a b                | at position 8: expected ',' or the end, found 'b'",
                "zone is a               | at position 6: expected '=', '!=', 'in', 'notin', ',' or the end after the key 'zone', found 'i'",
                "zone!a                  | at position 6: expected '=' after '!', found 'a'",
                "!                       | at position 2: expected a label key after '!', found the end",
                "zone=(a)                | at position 6: expected ',' or the end, found '('",
                "a,,b                    | at position 3: expected a label key, found ','",
            })
    void aMalformedSelectorNamesThePosition(String selector, String message) {
        InvalidFieldException error = assertThrows(InvalidFieldException.class, () -> LabelSelector.parse(selector));
        assertEquals("selector", error.field());
        assertEquals("selector: " + message + " in '" + selector + "'", error.getMessage());
    }

    @Test
    void theIndexesOfAFewValuesAreWalkedAnEqualityFirst() {
        assertEquals(
                Optional.of(Map.entry("zone", List.of("a"))),
                LabelSelector.parse("!gpu,zone=a").indexedValues());
        assertEquals(
                Optional.of(Map.entry("rack", List.of("r1"))),
                LabelSelector.parse("zone in (b,a),rack=r1").indexedValues());
        assertEquals(
                Optional.of(Map.entry("zone", List.of("a", "b"))),
                LabelSelector.parse("zone in (b,a),rack!=r1,gpu").indexedValues());
        assertEquals(
                Optional.empty(),
                LabelSelector.parse("zone in (a,b,c,d,e,f,g,h,i),rack notin (r1)")
                        .indexedValues());
        assertEquals(Optional.empty(), LabelSelector.parse("!gpu").indexedValues());
    }

    @Test
    void labelParametersAddEqualities() {
        LabelSelector both = LabelSelector.parse("!gpu").and(LabelSelector.equalTo(Map.of("zone", "b")));
        assertTrue(both.matches(CPU_NODE));
        assertEquals(Optional.of(Map.entry("zone", List.of("b"))), both.indexedValues());
        assertEquals(2, both.requirements().size());
    }
}
