package io.spear.next.sms.api;

import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.util.concurrent.CompletionStage;

/**
 * Answers a request from a stage that completes on another thread (the registry's writer): the
 * answer is written back on the Vert.x context that took the request, so the writer never
 * serializes responses and goes straight on to its next batch.
 */
final class EventLoop {

    private EventLoop() {}

    static <T> Uni<T> resumeWith(CompletionStage<T> stage) {
        Context context = Vertx.currentContext();
        Uni<T> outcome = Uni.createFrom().completionStage(stage);
        return context == null ? outcome : outcome.emitOn(task -> context.runOnContext(ignored -> task.run()));
    }
}
