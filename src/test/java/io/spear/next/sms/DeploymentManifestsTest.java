package io.spear.next.sms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.config.ConfigMapping;
import io.spear.next.sms.config.KvConfig;
import io.spear.next.sms.config.SmsConfig;
import io.spear.next.testing.Manifests;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The deployment folder matches the application it deploys. */
class DeploymentManifestsTest {

    /** Variables the container image itself reads, not the application. */
    private static final Set<String> IMAGE_VARIABLES = Set.of("JAVA_TOOL_OPTIONS");

    @Test
    void oneReplicaRecreatedOnAReadWriteOnceVolume() throws Exception {
        List<JsonNode> manifests = Manifests.load();
        JsonNode deployment = Manifests.kind(manifests, "Deployment");
        assertEquals(1, deployment.at("/spec/replicas").asInt());
        assertEquals("Recreate", deployment.at("/spec/strategy/type").asText());
        JsonNode pvc = Manifests.kind(manifests, "PersistentVolumeClaim");
        assertEquals("ReadWriteOnce", pvc.at("/spec/accessModes/0").asText());
        assertEquals(
                pvc.at("/metadata/name").asText(),
                volume(deployment, "data")
                        .at("/persistentVolumeClaim/claimName")
                        .asText());
        assertTrue(volume(deployment, "tmp").has("emptyDir"));
    }

    @Test
    void theNetworkPolicyOpensGrpcToSpearsAgentsAlone() throws Exception {
        List<JsonNode> manifests = Manifests.load();
        JsonNode policy = Manifests.kind(manifests, "NetworkPolicy");
        JsonNode pod = Manifests.kind(manifests, "Deployment").at("/spec/template");
        // it applies to this service's pods and to no other
        policy.at("/spec/podSelector/matchLabels")
                .fields()
                .forEachRemaining(label -> assertEquals(
                        label.getValue().asText(),
                        pod.at("/metadata/labels").path(label.getKey()).asText(),
                        label.getKey()));
        assertTrue(policy.at("/spec/podSelector/matchLabels").size() > 0);
        List<String> ports = new ArrayList<>();
        pod.at("/spec/containers/0/ports")
                .forEach(port -> ports.add(port.path("name").asText()));

        JsonNode agents = policy.at("/spec/ingress/0");
        assertEquals("grpc", agents.at("/ports/0/port").asText());
        assertTrue(ports.contains("grpc"));
        JsonNode from = agents.at("/from/0/podSelector");
        assertFalse(from.has("matchLabels"), "only the agents' own labels select them: " + from);
        assertEquals(
                "app.kubernetes.io/component",
                from.at("/matchExpressions/0/key").asText());
        assertEquals("spearlet", from.at("/matchExpressions/0/values/0").asText());

        JsonNode http = policy.at("/spec/ingress/1");
        assertEquals("http", http.at("/ports/0/port").asText());
        assertTrue(ports.contains("http"));
        assertTrue(http.path("from").isMissingNode(), "HTTP stays open to the cluster");
        assertEquals(2, policy.at("/spec/ingress").size());
    }

    @Test
    void probesAndPortsAreTheOnesTheServiceServes() throws Exception {
        Properties app = applicationProperties();
        for (String moved : List.of(
                "quarkus.http.port",
                "quarkus.http.root-path",
                "quarkus.http.non-application-root-path",
                "quarkus.smallrye-health.root-path",
                "quarkus.micrometer.export.prometheus.path")) {
            assertFalse(app.containsKey(moved), moved + " is set: update the probes and annotations with it");
        }
        JsonNode deployment = Manifests.kind(Manifests.load(), "Deployment");
        JsonNode container = deployment.at("/spec/template/spec/containers/0");
        assertEquals(8080, container.at("/ports/0/containerPort").asInt());
        String port = container.at("/ports/0/name").asText();
        Map<String, String> probes = Map.of(
                "startupProbe",
                "/q/health/started",
                "livenessProbe",
                "/q/health/live",
                "readinessProbe",
                "/q/health/ready");
        probes.forEach((probe, path) -> {
            assertEquals(path, container.at("/" + probe + "/httpGet/path").asText(), probe);
            assertEquals(port, container.at("/" + probe + "/httpGet/port").asText(), probe);
        });
        JsonNode annotations = deployment.at("/spec/template/metadata/annotations");
        assertEquals("/q/metrics", annotations.path("prometheus.io/path").asText());
        assertEquals("8080", annotations.path("prometheus.io/port").asText());
        JsonNode service = Manifests.kind(Manifests.load(), "Service");
        assertEquals(port, service.at("/spec/ports/0/targetPort").asText());

        // gRPC: the port the service listens on (quarkus.grpc.server.port), in the pod and the Service
        assertEquals(
                app.getProperty("quarkus.grpc.server.port"),
                container.at("/ports/1/containerPort").asText());
        String grpc = container.at("/ports/1/name").asText();
        assertEquals(grpc, service.at("/spec/ports/1/targetPort").asText());
        assertEquals(
                app.getProperty("quarkus.grpc.server.port"),
                service.at("/spec/ports/1/port").asText());
        for (String dockerfile : List.of("Dockerfile.jvm", "Dockerfile.native")) {
            assertTrue(
                    Files.readString(Path.of("deployment/docker", dockerfile))
                            .contains("EXPOSE 8080 " + app.getProperty("quarkus.grpc.server.port")),
                    dockerfile);
        }
    }

    @Test
    void everyEnvironmentVariableNamesARealSetting() throws Exception {
        Set<String> exact = new TreeSet<>();
        Set<String> prefixes = new TreeSet<>();
        settings(
                KvConfig.class,
                KvConfig.class.getAnnotation(ConfigMapping.class).prefix(),
                exact,
                prefixes);
        settings(
                SmsConfig.class,
                SmsConfig.class.getAnnotation(ConfigMapping.class).prefix(),
                exact,
                prefixes);
        JsonNode container = Manifests.kind(Manifests.load(), "Deployment").at("/spec/template/spec/containers/0");
        List<String> names = new ArrayList<>();
        container
                .path("env")
                .forEach(variable -> names.add(variable.path("name").asText()));
        assertTrue(names.containsAll(List.of("KV_BACKEND", "KV_PATH")), names.toString());
        for (String name : names) {
            boolean known = exact.contains(name)
                    || IMAGE_VARIABLES.contains(name)
                    || name.startsWith("QUARKUS_")
                    || prefixes.stream().anyMatch(name::startsWith);
            assertTrue(known, name + " is not a setting of the application; known: " + exact + " and " + prefixes);
        }
        assertTrue(container.path("env").findValuesAsText("value").contains("/var/lib/spear/rocksdb"));
        assertEquals("/var/lib/spear", container.at("/volumeMounts/0/mountPath").asText(), "KV_PATH is on the volume");
    }

    @Test
    void theContainerRunsAsNonRootWithAReadOnlyRootAndAWritableTmp() throws Exception {
        JsonNode pod = Manifests.kind(Manifests.load(), "Deployment").at("/spec/template/spec");
        assertTrue(pod.at("/securityContext/runAsNonRoot").asBoolean());
        JsonNode container = pod.at("/containers/0");
        assertTrue(container.at("/securityContext/readOnlyRootFilesystem").asBoolean());
        assertFalse(container.at("/securityContext/allowPrivilegeEscalation").asBoolean());
        boolean tmp = false;
        for (JsonNode mount : container.path("volumeMounts")) {
            tmp |= mount.path("mountPath").asText().equals("/tmp")
                    && mount.path("name").asText().equals("tmp");
        }
        assertTrue(tmp, "/tmp is a writable emptyDir for the RocksDB JNI library");
        assertTrue(container.at("/resources/limits/memory").isTextual());
        assertTrue(container.at("/resources/requests/cpu").isTextual());
    }

    @Test
    void theImagesRunTheQuarkusAppAsANonRootUser() throws Exception {
        String jvm = Files.readString(Path.of("deployment", "docker", "Dockerfile.jvm"));
        for (String layer : List.of(
                "target/quarkus-app/lib/",
                "target/quarkus-app/app/",
                "target/quarkus-app/quarkus/",
                "quarkus-run.jar")) {
            assertTrue(jvm.contains(layer), "Dockerfile.jvm copies " + layer);
        }
        String nativeImage = Files.readString(Path.of("deployment", "docker", "Dockerfile.native"));
        assertTrue(nativeImage.contains("target/*-runner"));
        for (String dockerfile : List.of(jvm, nativeImage)) {
            assertTrue(dockerfile.lines().anyMatch(line -> line.equals("USER 1001")), "non-root user");
            assertTrue(dockerfile.contains("VOLUME /var/lib/spear"));
            assertTrue(dockerfile.contains("EXPOSE 8080"));
            assertTrue(dockerfile.contains("MALLOC_ARENA_MAX=2"), "RocksDB's RSS bounded as measured");
        }
    }

    @Test
    void theEtcdOverlayRunsThreeReplicasRolledOneAtATimeWithoutAVolume() throws Exception {
        String rendered = Manifests.kustomize(Manifests.ETCD_OVERLAY);
        List<JsonNode> documents;
        if (rendered != null) {
            documents = Manifests.parse(rendered);
            assertTrue(
                    documents.stream().noneMatch(d -> d.path("kind").asText().equals("PersistentVolumeClaim")),
                    "no RocksDB volume claim");
        } else { // without kubectl: the overlay's own files (the base is checked above)
            documents = new ArrayList<>();
            for (String file : List.of("deployment-patch.yaml", "pdb.yaml")) {
                documents.addAll(Manifests.parse(Files.readString(Manifests.ETCD_OVERLAY.resolve(file))));
            }
        }
        JsonNode deployment = Manifests.kind(documents, "Deployment");
        assertEquals(3, deployment.at("/spec/replicas").asInt());
        assertEquals("RollingUpdate", deployment.at("/spec/strategy/type").asText());
        assertEquals(
                "kubernetes.io/hostname",
                deployment
                        .at(
                                "/spec/template/spec/affinity/podAntiAffinity/preferredDuringSchedulingIgnoredDuringExecution/0/podAffinityTerm/topologyKey")
                        .asText());
        JsonNode pdb = Manifests.kind(documents, "PodDisruptionBudget");
        assertEquals(2, pdb.at("/spec/minAvailable").asInt());
        assertEquals(
                "spear-next-sms",
                pdb.at("/spec/selector/matchLabels/app.kubernetes.io~1name").asText());
        JsonNode container = deployment.at("/spec/template/spec/containers/0");
        Map<String, String> env = new java.util.HashMap<>();
        container
                .path("env")
                .forEach(v -> env.put(v.path("name").asText(), v.path("value").asText()));
        assertEquals("etcd", env.get("KV_BACKEND"));
        if (rendered != null) {
            assertFalse(env.containsKey("KV_PATH"), "no data directory in etcd mode");
            assertTrue(
                    container.path("volumeMounts").findValuesAsText("mountPath").equals(List.of("/tmp")),
                    container.path("volumeMounts").toString());
            assertEquals(8080, container.at("/ports/0/containerPort").asInt(), "the base's ports and probes stay");
            assertEquals(
                    "/q/health/ready",
                    container.at("/readinessProbe/httpGet/path").asText());
        }
        // the endpoints come from the generated ConfigMap, whose keys are settings of the application
        Set<String> exact = new TreeSet<>();
        Set<String> prefixes = new TreeSet<>();
        settings(
                KvConfig.class,
                KvConfig.class.getAnnotation(ConfigMapping.class).prefix(),
                exact,
                prefixes);
        Properties endpoints = new Properties();
        try (var in = Files.newInputStream(Manifests.ETCD_OVERLAY.resolve("etcd-endpoints.properties"))) {
            endpoints.load(in);
        }
        assertTrue(endpoints.containsKey("KV_ETCD_ENDPOINTS"));
        for (String name : endpoints.stringPropertyNames()) {
            assertTrue(exact.contains(name) || prefixes.stream().anyMatch(name::startsWith), name + " is no setting");
        }
        assertEquals(
                "configMapRef", container.path("envFrom").get(0).fieldNames().next());
    }

    private static JsonNode volume(JsonNode deployment, String name) {
        for (JsonNode volume : deployment.at("/spec/template/spec/volumes")) {
            if (volume.path("name").asText().equals(name)) {
                return volume;
            }
        }
        throw new AssertionError("no volume " + name);
    }

    private static Properties applicationProperties() throws Exception {
        Properties properties = new Properties();
        try (var in = Files.newInputStream(Path.of("src", "main", "resources", "application.properties"))) {
            properties.load(in);
        }
        return properties;
    }

    /** The environment variable of every property of a config mapping (MicroProfile Config's rule). */
    private static void settings(Class<?> mapping, String prefix, Set<String> exact, Set<String> prefixes) {
        for (Method method : mapping.getDeclaredMethods()) {
            String name = prefix + "."
                    + method.getName().replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
            Class<?> type = method.getReturnType();
            if (type.isInterface() && type.getEnclosingClass() == mapping) {
                settings(type, name, exact, prefixes);
            } else if (Map.class.isAssignableFrom(type)) {
                prefixes.add(env(name) + "_");
            } else {
                exact.add(env(name));
            }
        }
    }

    private static String env(String property) {
        return property.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
    }
}
