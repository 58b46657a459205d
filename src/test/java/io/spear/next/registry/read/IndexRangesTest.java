package io.spear.next.registry.read;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.spear.next.registry.HighLoadThresholds;
import io.spear.next.registry.NodeRegistry;
import io.spear.next.registry.Registry;
import io.spear.next.registry.RegistryFixtures;
import io.spear.next.registry.RegistrySettings;
import io.spear.next.registry.query.LabelSelector;
import io.spear.next.storage.KvStoreFactory;
import io.spear.next.storage.kv.KvStore;
import io.spear.next.storage.kv.KvStoreConfig;
import io.spear.next.testing.MutableClock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Which index ranges a selector's listing walks (RegistryContractTest checks what it lists). */
class IndexRangesTest {

    private KvStore store;

    @BeforeEach
    void register() {
        store = KvStoreFactory.open(KvStoreConfig.memory());
        NodeRegistry nodes = Registry.open(
                        store,
                        new RegistrySettings(new MutableClock(RegistryFixtures.START), HighLoadThresholds.DEFAULTS))
                .nodes();
        for (String gpu : List.of("l4", "h100", "l4", "a:b=c")) {
            nodes.register(RegistryFixtures.registration(null, Map.of("gpu", gpu, "zone", "a")));
        }
        for (int rack = 0; rack <= LabelSelector.UNION_MAX; rack++) {
            nodes.register(RegistryFixtures.registration(null, Map.of("rack", "r" + rack, "zone", "a")));
        }
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void aLabelThatMustExistWalksTheEntriesOfEachOfItsValues() {
        assertEquals(
                Optional.of(new IndexRanges(
                        "idx:label:gpu:",
                        List.of("idx:label:gpu=a%3Ab%3Dc:", "idx:label:gpu=h100:", "idx:label:gpu=l4:"))),
                IndexRanges.ofLabels(LabelSelector.parse("rack,gpu,zone,!tpu"), store),
                "the first label of at most 8 values");
        assertEquals(
                Optional.of(new IndexRanges("idx:label:tpu:", List.of())),
                IndexRanges.ofLabels(LabelSelector.parse("tpu,gpu"), store),
                "a label no node has: nothing to walk");
    }

    @Test
    void anEqualityOrAFewValuesComeFirstAndALabelOfManyValuesIsNotWalked() {
        assertEquals(
                Optional.of(IndexRanges.of(List.of("idx:label:zone=a:", "idx:label:zone=b:"))),
                IndexRanges.ofLabels(LabelSelector.parse("gpu,zone in (b,a)"), store));
        assertEquals(Optional.empty(), IndexRanges.ofLabels(LabelSelector.parse("rack"), store));
        assertEquals(Optional.empty(), IndexRanges.ofLabels(LabelSelector.parse("!gpu,zone notin (b)"), store));
    }
}
