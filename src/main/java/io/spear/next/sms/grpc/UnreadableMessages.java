package io.spear.next.sms.grpc;

import io.grpc.KnownLength;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerMethodDefinition;
import io.grpc.ServerServiceDefinition;
import io.grpc.ServiceDescriptor;
import io.grpc.Status;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Requests whose bytes are no message of the method's type (truncated, wrong wire types, invalid
 * UTF-8 in a string) are INVALID_ARGUMENT, naming what is wrong. grpc-java parses a request before
 * the service sees it, and answers a parse failure UNKNOWN ("Application error processing RPC"),
 * as if the server had failed. Here each method of a service takes the raw bytes, and the
 * service's own parser runs where its failure can be answered: the call ends, nothing is stored.
 */
final class UnreadableMessages {

    private static final MethodDescriptor.Marshaller<byte[]> RAW = new MethodDescriptor.Marshaller<>() {
        @Override
        public InputStream stream(byte[] value) {
            return new ByteArrayInputStream(value);
        }

        /** grpc-java's message streams know their length: one array of that size, no growing buffers. */
        @Override
        public byte[] parse(InputStream stream) {
            try {
                return stream instanceof KnownLength ? stream.readNBytes(stream.available()) : stream.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    };

    private UnreadableMessages() {}

    /** {@code service} with each method's request parsed by the method itself, its failures INVALID_ARGUMENT. */
    static ServerServiceDefinition refusedAsInvalid(ServerServiceDefinition service) {
        ServiceDescriptor original = service.getServiceDescriptor();
        List<ServerMethodDefinition<byte[], ?>> methods = new ArrayList<>();
        for (ServerMethodDefinition<?, ?> method : service.getMethods()) {
            methods.add(raw(method));
        }
        // grpc-java wants the very descriptors of the methods in the service's descriptor
        ServiceDescriptor.Builder descriptor =
                ServiceDescriptor.newBuilder(original.getName()).setSchemaDescriptor(original.getSchemaDescriptor());
        methods.forEach(method -> descriptor.addMethod(method.getMethodDescriptor()));
        ServerServiceDefinition.Builder definition = ServerServiceDefinition.builder(descriptor.build());
        methods.forEach(definition::addMethod);
        return definition.build();
    }

    private static <Q, A> ServerMethodDefinition<byte[], A> raw(ServerMethodDefinition<Q, A> method) {
        MethodDescriptor<Q, A> typed = method.getMethodDescriptor();
        ServerCallHandler<Q, A> handler = method.getServerCallHandler();
        return ServerMethodDefinition.create(
                typed.toBuilder(RAW, typed.getResponseMarshaller()).build(),
                (call, headers) ->
                        new Parsing<>(call, typed, handler.startCall(new TypedCall<>(call, typed), headers)));
    }

    /** Parses each raw message for the service's listener; the first that does not parse ends the call. */
    private static final class Parsing<Q, A> extends ServerCall.Listener<byte[]> {
        private final ServerCall<byte[], A> call;
        private final MethodDescriptor<Q, A> typed;
        private final ServerCall.Listener<Q> listener;
        private boolean refused;

        Parsing(ServerCall<byte[], A> call, MethodDescriptor<Q, A> typed, ServerCall.Listener<Q> listener) {
            this.call = call;
            this.typed = typed;
            this.listener = listener;
        }

        @Override
        public void onMessage(byte[] message) {
            if (refused) {
                return;
            }
            Q request;
            try {
                request = typed.parseRequest(new MessageBytes(message));
            } catch (RuntimeException unreadable) {
                refused = true;
                Throwable cause = unreadable.getCause() != null ? unreadable.getCause() : unreadable;
                call.close(
                        Status.INVALID_ARGUMENT.withDescription("the request is no " + typed.getFullMethodName()
                                + " request message: " + cause.getMessage()),
                        new Metadata());
                return;
            }
            listener.onMessage(request);
        }

        @Override
        public void onHalfClose() {
            if (!refused) {
                listener.onHalfClose();
            }
        }

        @Override
        public void onCancel() {
            listener.onCancel();
        }

        @Override
        public void onComplete() {
            if (refused) {
                listener.onCancel(); // ended here, before its last message: the service cleans up as for a cancel
            } else {
                listener.onComplete();
            }
        }

        @Override
        public void onReady() {
            listener.onReady();
        }
    }

    /** A message's bytes whose length protobuf's marshaller can ask for: it then parses them without a buffer of its own. */
    private static final class MessageBytes extends ByteArrayInputStream implements KnownLength {
        MessageBytes(byte[] message) {
            super(message);
        }
    }

    /** The typed call the service's handler expects, answering over the raw call. */
    private static final class TypedCall<Q, A> extends ServerCall<Q, A> {
        private final ServerCall<byte[], A> raw;
        private final MethodDescriptor<Q, A> typed;

        TypedCall(ServerCall<byte[], A> raw, MethodDescriptor<Q, A> typed) {
            this.raw = raw;
            this.typed = typed;
        }

        @Override
        public void request(int numMessages) {
            raw.request(numMessages);
        }

        @Override
        public void sendHeaders(Metadata headers) {
            raw.sendHeaders(headers);
        }

        @Override
        public void sendMessage(A message) {
            raw.sendMessage(message);
        }

        @Override
        public void close(Status status, Metadata trailers) {
            raw.close(status, trailers);
        }

        @Override
        public boolean isCancelled() {
            return raw.isCancelled();
        }

        @Override
        public boolean isReady() {
            return raw.isReady();
        }

        @Override
        public void setMessageCompression(boolean enabled) {
            raw.setMessageCompression(enabled);
        }

        @Override
        public void setCompression(String compressor) {
            raw.setCompression(compressor);
        }

        @Override
        public io.grpc.SecurityLevel getSecurityLevel() {
            return raw.getSecurityLevel();
        }

        @Override
        public io.grpc.Attributes getAttributes() {
            return raw.getAttributes();
        }

        @Override
        public String getAuthority() {
            return raw.getAuthority();
        }

        @Override
        public MethodDescriptor<Q, A> getMethodDescriptor() {
            return typed;
        }
    }
}
