package io.spear.next.sms.wiring;

import io.spear.next.storage.kv.ForwardingKvStore;
import io.spear.next.storage.kv.KvStore;
import io.vertx.core.Context;
import java.util.function.Supplier;

/**
 * The application's store refuses calls made on a Vert.x event loop: a blocking call there would
 * stall every connection the loop serves. A route that forgot to leave the loop fails loudly (a
 * 500 in its tests) instead of slowing everyone down in production.
 */
final class EventLoopGuardedKvStore extends ForwardingKvStore {

    EventLoopGuardedKvStore(KvStore delegate) {
        super(delegate);
    }

    @Override
    protected <T> T call(String operation, Supplier<T> call) {
        if (Context.isOnEventLoopThread()) {
            throw new IllegalStateException("blocking KvStore " + operation + " called on the Vert.x event loop "
                    + Thread.currentThread().getName());
        }
        return call.get();
    }
}
