package io.spear.next.testing;

import io.grpc.CallCredentials;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ClientInterceptors;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.ConfigProvider;

/** Plain-text channels to the gRPC server under test, and bearer-token credentials for calls. */
public final class GrpcChannels {

    private GrpcChannels() {}

    /** The @QuarkusTest application's gRPC server (quarkus.grpc.server.test-port, bound to a free port). */
    public static ManagedChannel toTestServer() {
        return to(ConfigProvider.getConfig().getValue("quarkus.grpc.server.test-port", Integer.class));
    }

    public static ManagedChannel to(int port) {
        return ManagedChannelBuilder.forAddress("127.0.0.1", port)
                .usePlaintext()
                .build();
    }

    /**
     * Calls through {@code channel} addressed to {@code service} (its full name, e.g. {@code
     * sms.NodeService}) whatever service the stub was generated for: a client generated from a
     * proto whose package had to be renamed still calls the methods of the original service.
     */
    public static Channel asService(Channel channel, String service) {
        return ClientInterceptors.intercept(channel, new ClientInterceptor() {
            @Override
            public <Q, A> ClientCall<Q, A> interceptCall(
                    MethodDescriptor<Q, A> method, CallOptions options, Channel next) {
                return next.newCall(
                        method.toBuilder()
                                .setFullMethodName(
                                        MethodDescriptor.generateFullMethodName(service, method.getBareMethodName()))
                                .build(),
                        options);
            }
        });
    }

    public static void close(ManagedChannel channel) throws InterruptedException {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }

    /** {@code authorization: Bearer <token>} on every call. */
    public static CallCredentials bearer(String token) {
        return new CallCredentials() {
            @Override
            public void applyRequestMetadata(RequestInfo info, Executor executor, MetadataApplier applier) {
                Metadata metadata = new Metadata();
                metadata.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + token);
                applier.apply(metadata);
            }
        };
    }
}
