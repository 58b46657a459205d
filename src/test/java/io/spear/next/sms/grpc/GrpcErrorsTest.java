package io.spear.next.sms.grpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.Status;
import io.spear.next.registry.InvalidFieldException;
import io.spear.next.registry.NodeNotFoundException;
import io.spear.next.registry.RegistryBusyException;
import io.spear.next.sms.nodes.TooManyItemsException;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

/** The status codes of what no route test can provoke on demand (a full write queue), and of a failed stage. */
class GrpcErrorsTest {

    @Test
    void aFullWriteQueueIsResourceExhaustedAsIsATooLargeAnswer() {
        Status busy = GrpcErrors.toStatus(new RegistryBusyException(10_000)).getStatus();
        assertEquals(Status.Code.RESOURCE_EXHAUSTED, busy.getCode());
        assertTrue(busy.getDescription().contains("retry in a moment"), busy.getDescription());
        assertEquals(
                Status.Code.RESOURCE_EXHAUSTED,
                GrpcErrors.toStatus(new TooManyItemsException("nodes", "over 4 MiB"))
                        .getStatus()
                        .getCode());
    }

    @Test
    void aDescriptionThatQuotesALongValueIsCutToFitATrailer() {
        Status invalid = GrpcErrors.toStatus(new InvalidFieldException("uuid", "got '" + "x".repeat(10_000) + "'"))
                .getStatus();
        assertEquals(Status.Code.INVALID_ARGUMENT, invalid.getCode());
        assertEquals(GrpcErrors.MAX_DESCRIPTION, invalid.getDescription().length());
        assertTrue(invalid.getDescription().startsWith("uuid: got 'xxx"), invalid.getDescription());
    }

    @Test
    void anErrorThatCameThroughAStageIsMappedAsItself() {
        Status missing = GrpcErrors.toStatus(new CompletionException(new NodeNotFoundException("n")))
                .getStatus();
        assertEquals(Status.Code.NOT_FOUND, missing.getCode());
    }
}
