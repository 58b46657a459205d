package io.spear.next.sms.wiring;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.spear.next.storage.kv.KvStore;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The last release of format 2 (protobuf records; index entries without values): its data opens and serves what it served. */
@QuarkusTest
@TestProfile(FormatV2UpgradeTest.Directory.class)
class FormatV2UpgradeTest extends FormatUpgradeContract {

    static final Path FIXTURE = Path.of("src/test/resources/fixtures/format-v2");

    public static class Directory extends FixtureCopy {
        public Directory() {
            super(FIXTURE);
        }
    }

    @Inject
    KvStore store;

    @Override
    Path fixture() {
        return FIXTURE;
    }

    @Test
    void opensInTheCurrentFormatWithEveryLabelAndStatusEntryCarryingItsRecord() {
        assertEquals("3", new String(store.get("registry-meta:format").orElseThrow(), StandardCharsets.US_ASCII));
        List<String> entries = new ArrayList<>(store.keysWithPrefix("idx:label:"));
        entries.addAll(store.keysWithPrefix("idx:status:"));
        assertFalse(entries.isEmpty());
        for (String entry : entries) {
            String uuid = entry.substring(entry.lastIndexOf(':') + 1);
            assertArrayEquals(
                    store.get("node:" + uuid).orElseThrow(), store.get(entry).orElseThrow(), entry);
        }
    }
}
