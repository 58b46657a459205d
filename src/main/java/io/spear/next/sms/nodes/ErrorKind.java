package io.spear.next.sms.nodes;

import io.quarkus.security.AuthenticationException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.UnauthorizedException;
import io.spear.next.registry.InvalidFieldException;
import io.spear.next.registry.NodeAlreadyExistsException;
import io.spear.next.registry.NodeNotFoundException;
import io.spear.next.registry.RegistryBusyException;
import io.spear.next.registry.RevisionMismatchException;
import io.spear.next.storage.kv.KvIoException;
import io.spear.next.storage.kv.KvStoreClosedException;
import io.spear.next.storage.kv.KvUnavailableException;
import jakarta.validation.ConstraintViolationException;
import java.util.Map;

/**
 * What went wrong with a call, in no protocol's terms: the one table from the errors of the
 * libraries the service calls to their kind (the service's own errors say theirs: {@link
 * Declared}). The REST adapter turns a kind into an HTTP status (problem+json), the gRPC adapter
 * into a status code; neither keeps a table of exception types of its own.
 */
public enum ErrorKind {
    /** The request is malformed or out of bounds: nothing was changed. */
    INVALID,
    NOT_FOUND,
    /** A node with that uuid is registered already. */
    ALREADY_EXISTS,
    /** The request conflicts with the store's state (an import into a store that holds data...). */
    CONFLICT,
    /** A condition the client set (a revision, If-Match, If-None-Match) does not hold. */
    PRECONDITION_FAILED,
    /** A resume point older than the change log keeps. */
    GONE,
    /** An unpaged answer would be too large: page instead. */
    TOO_MANY,
    /** The write queue is full: retry in a moment. */
    BUSY,
    /** The store cannot be reached or written. */
    UNAVAILABLE,
    UNAUTHENTICATED,
    FORBIDDEN,
    /** A bug or an unforeseen failure: logged, never detailed to the client. */
    UNEXPECTED;

    /**
     * An error of the service's own packages (watch, admin) that declares its kind; the errors of
     * the libraries it calls (registry, storage, security) are in the table below.
     */
    public interface Declared {

        ErrorKind kind();
    }

    private static final Map<Class<?>, ErrorKind> KINDS = Map.ofEntries(
            Map.entry(InvalidFieldException.class, INVALID),
            Map.entry(InvalidFieldsException.class, INVALID),
            Map.entry(ConstraintViolationException.class, INVALID),
            Map.entry(NodeNotFoundException.class, NOT_FOUND),
            Map.entry(ResourceNotFoundException.class, NOT_FOUND),
            Map.entry(NodeAlreadyExistsException.class, ALREADY_EXISTS),
            Map.entry(RevisionMismatchException.class, PRECONDITION_FAILED),
            Map.entry(PreconditionFailedException.class, PRECONDITION_FAILED),
            Map.entry(TooManyItemsException.class, TOO_MANY),
            Map.entry(RegistryBusyException.class, BUSY),
            Map.entry(KvIoException.class, UNAVAILABLE),
            Map.entry(KvStoreClosedException.class, UNAVAILABLE),
            Map.entry(KvUnavailableException.class, UNAVAILABLE),
            Map.entry(UnauthorizedException.class, UNAUTHENTICATED),
            Map.entry(AuthenticationFailedException.class, UNAUTHENTICATED),
            Map.entry(SecurityException.class, FORBIDDEN)); // Quarkus' ForbiddenException among them

    /** The kind of {@code error}: that of the closest type in the table (a subclass is its parent's kind). */
    public static ErrorKind of(Throwable error) {
        if (error instanceof Declared own) {
            return own.kind();
        }
        if (error instanceof AuthenticationException) { // an interface: no superclass walk finds it
            return UNAUTHENTICATED;
        }
        for (Class<?> type = error.getClass(); type != null; type = type.getSuperclass()) {
            ErrorKind kind = KINDS.get(type);
            if (kind != null) {
                return kind;
            }
        }
        return UNEXPECTED;
    }
}
