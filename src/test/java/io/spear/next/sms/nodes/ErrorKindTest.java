package io.spear.next.sms.nodes;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.spear.next.registry.InvalidPageTokenException;
import io.spear.next.registry.NodeAlreadyExistsException;
import io.spear.next.registry.NodeNotFoundException;
import io.spear.next.registry.RegistryBusyException;
import io.spear.next.registry.RevisionMismatchException;
import io.spear.next.sms.admin.StoreNotEmptyException;
import io.spear.next.sms.watch.WatchGoneException;
import io.spear.next.storage.kv.KvOutcomeUnknownException;
import io.spear.next.storage.kv.KvStoreClosedException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The one table: each error the service passes on has the kind both protocols translate. */
class ErrorKindTest {

    @Test
    void eachErrorHasItsKindAndASubclassItsParents() {
        assertEquals(ErrorKind.INVALID, ErrorKind.of(new InvalidPageTokenException()));
        assertEquals(
                ErrorKind.INVALID,
                ErrorKind.of(new InvalidFieldsException(List.of(new FieldError("port", "must be set")))));
        assertEquals(ErrorKind.NOT_FOUND, ErrorKind.of(new NodeNotFoundException("n")));
        assertEquals(ErrorKind.NOT_FOUND, ErrorKind.of(new ResourceNotFoundException("n")));
        assertEquals(ErrorKind.ALREADY_EXISTS, ErrorKind.of(new NodeAlreadyExistsException("n")));
        assertEquals(ErrorKind.CONFLICT, ErrorKind.of(new StoreNotEmptyException()));
        assertEquals(ErrorKind.PRECONDITION_FAILED, ErrorKind.of(new RevisionMismatchException("n", 1, 2)));
        assertEquals(ErrorKind.GONE, ErrorKind.of(new WatchGoneException(1, 5)));
        assertEquals(ErrorKind.TOO_MANY, ErrorKind.of(new TooManyItemsException("nodes", "more than 10000")));
        assertEquals(ErrorKind.BUSY, ErrorKind.of(new RegistryBusyException(10)));
        assertEquals(ErrorKind.UNAVAILABLE, ErrorKind.of(new KvStoreClosedException("closed")));
        assertEquals(ErrorKind.UNAVAILABLE, ErrorKind.of(new KvOutcomeUnknownException("put", new RuntimeException())));
        assertEquals(ErrorKind.UNAUTHENTICATED, ErrorKind.of(new AuthenticationFailedException()));
        assertEquals(ErrorKind.FORBIDDEN, ErrorKind.of(new ForbiddenException()));
        assertEquals(ErrorKind.UNEXPECTED, ErrorKind.of(new IllegalStateException("a bug")));
    }
}
