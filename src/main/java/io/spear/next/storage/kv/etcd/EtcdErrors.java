package io.spear.next.storage.kv.etcd;

import io.etcd.jetcd.common.exception.EtcdException;
import io.grpc.StatusRuntimeException;
import io.spear.next.storage.kv.KvConfigException;
import io.spear.next.storage.kv.KvException;
import io.spear.next.storage.kv.KvLimitException;
import io.spear.next.storage.kv.KvOutcomeUnknownException;
import io.spear.next.storage.kv.KvUnavailableException;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

/** Turns what jetcd reports into the storage layer's exceptions, with messages for operators. */
final class EtcdErrors {

    private final EtcdSettings settings;

    EtcdErrors(EtcdSettings settings) {
        this.settings = settings;
    }

    /** As {@link #of(String, Throwable, boolean, Duration, String)}, for a call bounded by the request timeout. */
    KvException of(String what, Throwable error, boolean write) {
        return of(what, error, write, settings.requestTimeout(), "kv.etcd.request-timeout");
    }

    /** The store's exception for a failed call that waited at most {@code timeout}, set by {@code setting}. */
    KvException of(String what, Throwable error, boolean write, Duration timeout, String setting) {
        Throwable cause = error;
        while ((cause instanceof ExecutionException || cause instanceof CompletionException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        String where = "etcd at " + settings.describe();
        if (cause instanceof TimeoutException || cause instanceof InterruptedException) {
            return unavailable(
                    what + ": " + where + " did not answer within " + timeout.toMillis() + " ms (" + setting
                            + "); it may have lost quorum or be unreachable",
                    cause,
                    write);
        }
        String code = null;
        if (cause instanceof EtcdException etcd) {
            code = etcd.getErrorCode().name();
        } else if (cause instanceof StatusRuntimeException status) {
            code = status.getStatus().getCode().name();
        }
        if (code != null) {
            String message = cause.getMessage();
            return switch (code) {
                case "INVALID_ARGUMENT" ->
                    message != null && (message.contains("too many operations") || message.contains("too large"))
                            ? new KvLimitException(
                                    what + ": " + where + " refused it as too large (" + message
                                            + "): raise kv.etcd.max-txn-ops/max-request-bytes only with the cluster's own limits")
                            : new KvException(what + ": " + where + " refused the request: " + message, cause);
                case "PERMISSION_DENIED", "UNAUTHENTICATED" ->
                    new KvConfigException(what + ": " + where + " refused access (" + message
                            + "): check kv.etcd.user, kv.etcd.password and the user's role");
                case "RESOURCE_EXHAUSTED" ->
                    new KvUnavailableException(
                            what + ": " + where + " is out of space (" + message
                                    + "): compact and defragment the cluster, then disarm its NOSPACE alarm (docs/ETCD.md)",
                            cause);
                case "OUT_OF_RANGE" -> new KvException(what + ": " + where + ": " + message, cause);
                default ->
                    unavailable(
                            what + ": " + where + " failed (" + message
                                    + "); it may have lost quorum or be unreachable",
                            cause,
                            write);
            };
        }
        return unavailable(what + ": " + where + " failed: " + cause, cause, write);
    }

    private static KvUnavailableException unavailable(String message, Throwable cause, boolean write) {
        return write
                ? new KvOutcomeUnknownException(message + "; the write may or may not have been applied", cause)
                : new KvUnavailableException(message, cause);
    }
}
