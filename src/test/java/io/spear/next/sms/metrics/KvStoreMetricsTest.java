package io.spear.next.sms.metrics;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.spear.next.storage.kv.KvStore;
import io.spear.next.testing.Scrape;
import jakarta.inject.Inject;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

@QuarkusTest
class KvStoreMetricsTest {

    @Inject
    KvStore store;

    @Test
    void storeCallsAreTimedByOperationAndBackend() {
        store.put("metrics:a", new byte[] {1});
        store.get("metrics:a");
        store.delete("metrics:a");
        String metrics = Scrape.openMetrics();
        for (String operation : new String[] {"put", "get", "delete"}) {
            assertTrue(count(metrics, operation) >= 1, operation + " timer missing or zero:\n" + metrics);
        }
        assertTrue(metrics.contains("# TYPE sms_kv_operations_seconds summary"), metrics);
    }

    @Test
    void failedCallsAreTaggedWithTheErrorTypeNotItsMessage() {
        assertThrows(IllegalArgumentException.class, () -> store.put("", new byte[0]));
        String metrics = Scrape.openMetrics();
        assertTrue(metrics.contains("outcome=\"IllegalArgumentException\""), metrics);
        assertFalse(metrics.contains("non-empty"), "no metric carries the exception's message");
    }

    @Test
    void rocksDbStatisticsArePublishedAsGauges() {
        for (int i = 0; i < 50; i++) {
            store.put("gauge:" + i, new byte[64]);
        }
        String metrics = Scrape.openMetrics();
        for (String gauge : new String[] {
            "sms_kv_estimated_keys",
            "sms_kv_data_bytes",
            "sms_kv_sst_bytes",
            "sms_kv_memtable_bytes",
            "sms_kv_block_cache_bytes",
            "sms_kv_pending_compaction_bytes"
        }) {
            assertTrue(metrics.contains(gauge + "{backend=\"rocksdb\"}"), gauge + " missing:\n" + metrics);
        }
        Matcher keys = Pattern.compile("sms_kv_estimated_keys\\{backend=\"rocksdb\"} ([0-9.E]+)")
                .matcher(metrics);
        assertTrue(keys.find() && Double.parseDouble(keys.group(1)) >= 1, "estimated keys:\n" + metrics);
        Matcher memtable = Pattern.compile("sms_kv_memtable_bytes\\{backend=\"rocksdb\"} ([0-9.E]+)")
                .matcher(metrics);
        assertTrue(memtable.find() && Double.parseDouble(memtable.group(1)) > 0, "memtable bytes:\n" + metrics);
    }

    private static double count(String metrics, String operation) {
        Matcher m = Pattern.compile("sms_kv_operations_seconds_count\\{[^}]*operation=\"" + operation
                        + "\"[^}]*outcome=\"success\"[^}]*} ([0-9.E]+)")
                .matcher(metrics);
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }
}
