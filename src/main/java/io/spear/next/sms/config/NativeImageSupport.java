package io.spear.next.sms.config;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.spear.next.registry.ClusterStats;
import io.spear.next.registry.GpuInfo;
import io.spear.next.registry.HighLoadThresholds;
import io.spear.next.registry.Node;
import io.spear.next.registry.NodeResource;
import io.spear.next.registry.NodeStatus;
import io.spear.next.registry.RegistryEvent;

/**
 * What a native image needs beyond what Quarkus finds by itself: the registry's API records, which
 * the registry (a plain library) reads with its own Jackson mapper when it upgrades format-1 data.
 * The stored format's protobuf classes are generated and registered by quarkus-grpc. The RocksDB side (JNI
 * classes, the native library as a resource, runtime initialisation) is in
 * META-INF/native-image/io.spear.next/spear-next-sms and application.properties.
 */
@RegisterForReflection(
        targets = {
            Node.class,
            NodeResource.class,
            GpuInfo.class,
            NodeStatus.class,
            HighLoadThresholds.class,
            ClusterStats.class,
            RegistryEvent.class,
            RegistryEvent.Type.class
        })
public final class NativeImageSupport {

    private NativeImageSupport() {}
}
