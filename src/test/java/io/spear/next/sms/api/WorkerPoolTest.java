package io.spear.next.sms.api;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.spear.next.storage.kv.KvStore;
import io.spear.next.testing.Scrape;
import io.vertx.core.Vertx;
import jakarta.inject.Inject;
import jakarta.ws.rs.HttpMethod;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * The event loop never blocks on the store: the application's store refuses calls made on it, so
 * every route test above would fail with a 500 if a route called the store there.
 */
@QuarkusTest
class WorkerPoolTest {

    @Inject
    KvStore store;

    @Inject
    Vertx vertx;

    @Test
    void aStoreCallOnTheEventLoopIsRefused() throws Exception {
        CompletableFuture<Throwable> outcome = new CompletableFuture<>();
        vertx.runOnContext(ignored -> {
            try {
                store.get("anything");
                outcome.complete(null);
            } catch (Throwable e) {
                outcome.complete(e);
            }
        });
        Throwable refused = outcome.get(10, TimeUnit.SECONDS);
        assertTrue(refused instanceof IllegalStateException, String.valueOf(refused));
        assertTrue(refused.getMessage().contains("event loop"), refused.getMessage());
    }

    @Test
    void aCallSubscribedOnTheEventLoopRunsOnAWorkerThread() throws Exception {
        CompletableFuture<String> caller = new CompletableFuture<>();
        CompletableFuture<String> callee = new CompletableFuture<>();
        vertx.runOnContext(
                ignored -> { // where a route subscribes
                    caller.complete(Thread.currentThread().getName());
                    WorkerPool.call(() -> Thread.currentThread().getName())
                            .subscribe()
                            .with(callee::complete, callee::completeExceptionally);
                });
        assertTrue(caller.get(10, TimeUnit.SECONDS).contains("eventloop"), caller.get());
        String worker = callee.get(10, TimeUnit.SECONDS);
        assertTrue(worker.startsWith("executor-thread"), worker);
        assertEquals(200, given().get("/api/v1/cluster/stats").statusCode());
    }

    @Test
    void everyRouteIsBlockingOrAnswersWithAUni() {
        List<String> neither = new ArrayList<>();
        List<Class<?>> resources = new ClassFileImporter()
                        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                        .importPackages("io.spear.next.sms")
                        .stream()
                        .filter(type -> type.isAnnotatedWith(jakarta.ws.rs.Path.class))
                        .<Class<?>>map(JavaClass::reflect)
                        .toList();
        assertTrue(resources.contains(NodesResource.class), "the resources are found: " + resources);
        for (Class<?> resource : resources) {
            for (Method route : resource.getDeclaredMethods()) {
                boolean http = Arrays.stream(route.getAnnotations())
                        .anyMatch(a -> a.annotationType().isAnnotationPresent(HttpMethod.class));
                boolean blocking =
                        route.isAnnotationPresent(Blocking.class) || resource.isAnnotationPresent(Blocking.class);
                boolean uni = Uni.class.isAssignableFrom(route.getReturnType())
                        || Multi.class.isAssignableFrom(route.getReturnType());
                if (http && blocking == uni) {
                    neither.add(resource.getSimpleName() + "." + route.getName());
                }
            }
        }
        assertEquals(
                List.of(),
                neither,
                "a route says @Blocking (a worker runs it) or returns a Uni (which hops through WorkerPool)");
    }

    @Test
    void theSweeperRunsOnItsScheduleAndCountsItsRuns() {
        Awaitility.await()
                .atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertTrue(Scrape.openMetrics().contains("sms_sweeper_duration_seconds_count")));
        double runs = sweeps();
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> sweeps() > runs);
        assertTrue(Scrape.openMetrics().contains("sms_nodes{status=\"active\"}"));
    }

    /** The sweeper's runs so far, as the scrape counts them. */
    private static double sweeps() {
        return Scrape.value("sms_sweeper_duration_seconds_count").orElseThrow();
    }
}
