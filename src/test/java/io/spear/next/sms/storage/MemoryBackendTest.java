package io.spear.next.sms.storage;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.spear.next.storage.kv.KvBackend;
import io.spear.next.storage.kv.KvStore;
import jakarta.inject.Inject;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
@TestProfile(MemoryBackendTest.Memory.class)
class MemoryBackendTest {

    public static class Memory implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("kv.backend", "memory");
        }
    }

    @Inject
    KvStore store;

    @Test
    void kvBackendMemorySelectsTheHeapStore() {
        assertEquals(KvBackend.MEMORY, store.backend());
        assertTrue(store.path().isEmpty());
        given().when().get("/q/health/ready")
                .then().statusCode(200)
                .body("checks.find { it.name == 'kv-store-ready' }.data.backend", equalTo("memory"))
                .body("checks.find { it.name == 'kv-store-ready' }.data.path", nullValue())
                .body("checks.find { it.name == 'kv-store-ready' }.data.lock", nullValue());
    }
}
