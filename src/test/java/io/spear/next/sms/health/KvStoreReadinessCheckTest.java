package io.spear.next.sms.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spear.next.sms.config.KvConfig;
import io.spear.next.storage.kv.KvStore;
import io.spear.next.storage.kv.memory.MemoryKvStore;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Readiness when the store stops answering: DOWN within the timeout, UP again once reads return. */
class KvStoreReadinessCheckTest {

    private final CountDownLatch readsMayAnswer = new CountDownLatch(1);
    private final MemoryKvStore memory = new MemoryKvStore();
    private KvStoreReadinessCheck check;

    @AfterEach
    void release() {
        readsMayAnswer.countDown();
        if (check != null) {
            check.stopReader();
        }
        memory.close();
    }

    @Test
    void aReadThatHangsMakesReadinessDownAndItsAnswerBringsItBack() throws Exception {
        check = new KvStoreReadinessCheck(storeWhoseReadsWaitForTheLatch(), health(Duration.ofMillis(200)));

        HealthCheckResponse hanging = check.call();
        assertEquals(HealthCheckResponse.Status.DOWN, hanging.getStatus());
        assertEquals("a read of the store did not answer within PT0.2S", reason(hanging));

        HealthCheckResponse stillHanging = check.call();
        assertEquals(HealthCheckResponse.Status.DOWN, stillHanging.getStatus());
        assertEquals("an earlier read of the store has not answered yet", reason(stillHanging));

        readsMayAnswer.countDown();
        org.awaitility.Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .until(() -> check.call().getStatus() == HealthCheckResponse.Status.UP);
        assertTrue(check.call().getData().orElseThrow().containsKey("read_micros"));
    }

    private KvStore storeWhoseReadsWaitForTheLatch() {
        return (KvStore) Proxy.newProxyInstance(
                KvStore.class.getClassLoader(), new Class<?>[] {KvStore.class}, (proxy, method, args) -> {
                    if (method.getName().equals("get")) {
                        readsMayAnswer.await(30, TimeUnit.SECONDS);
                    }
                    try {
                        return method.invoke(memory, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    private static String reason(HealthCheckResponse response) {
        return (String) response.getData().orElseThrow().get("reason");
    }

    private static KvConfig.Health health(Duration readTimeout) {
        return new KvConfig.Health() {
            @Override
            public long minFreeBytes() {
                return 0;
            }

            @Override
            public Duration readTimeout() {
                return readTimeout;
            }
        };
    }
}
