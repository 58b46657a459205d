package io.spear.next.sms.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spear.next.registry.RegistryBusyException;
import org.jboss.resteasy.reactive.RestResponse;
import org.junit.jupiter.api.Test;

/** What only a full write queue shows (the queue holds 10,000 changes: no route test fills it). */
class ProblemMappersTest {

    @Test
    void aFullWriteQueueIsA503ThatSaysWhenToRetry() {
        RestResponse<Problem> answer = new ProblemMappers().service(new RegistryBusyException(10_000), null);
        assertEquals(503, answer.getStatus());
        assertEquals("1", answer.getHeaderString("Retry-After"));
        assertEquals(Problem.MEDIA_TYPE, answer.getMediaType().toString());
        assertTrue(
                answer.getEntity().detail().contains("retry in a moment"),
                answer.getEntity().detail());
    }
}
