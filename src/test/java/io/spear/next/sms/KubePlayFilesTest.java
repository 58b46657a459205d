package io.spear.next.sms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Spear's rendered chart turned into what podman's {@code kube play} runs (ContainerIT plays it). */
class KubePlayFilesTest {

    private static final Path CHART = Path.of("src/test/resources/spear-chart/sms.yaml");
    private static final Map<String, Integer> PORTS = Map.of("grpc", 40001, "http", 40002, "admin", 40003);

    @TempDir
    Path work;

    @Test
    void theStatefulSetBecomesTheClaimAndDeploymentItsControllerWouldLeave() throws Exception {
        KubePlayFiles files = KubePlayFiles.of(CHART, PORTS);

        assertEquals(List.of("data-spear-spear-sms-0"), files.claims());
        assertEquals(List.of("data-spear-spear-sms-0", "spear-spear-sms"), files.volumes());
        JsonNode claim = files.workloads().get(0);
        assertEquals("PersistentVolumeClaim", claim.path("kind").asText());
        assertEquals("10Gi", claim.at("/spec/resources/requests/storage").asText());

        JsonNode deployment = files.workloads().get(1);
        assertEquals("Deployment", deployment.path("kind").asText());
        assertTrue(deployment.at("/spec/serviceName").isMissingNode());
        assertTrue(deployment.at("/spec/volumeClaimTemplates").isMissingNode());
        JsonNode pod = deployment.at("/spec/template/spec");
        assertEquals(10001, pod.at("/securityContext/runAsUser").asInt(), "the pod spec is the chart's");
        JsonNode data = pod.at("/volumes/2");
        assertEquals("data", data.path("name").asText());
        assertEquals(
                "data-spear-spear-sms-0",
                data.at("/persistentVolumeClaim/claimName").asText());
        for (JsonNode port : pod.at("/containers/0/ports")) {
            assertEquals("127.0.0.1", port.path("hostIP").asText());
            assertEquals(
                    PORTS.get(port.path("name").asText()), port.path("hostPort").asInt());
        }
    }

    @Test
    void theConfigMapGoesToItsOwnFileAndTheRestToTheKubeFile() throws Exception {
        Path configMap = work.resolve("configmap.yaml");
        Path kube = work.resolve("kube.yaml");
        KubePlayFiles.of(CHART, PORTS).write(configMap, kube);

        List<JsonNode> configMaps = documents(configMap);
        assertEquals(List.of("ConfigMap"), kinds(configMaps));
        assertTrue(configMaps.get(0).at("/data/config.toml").asText().contains("db_type = \"rocksdb\""));
        assertEquals(List.of("PersistentVolumeClaim", "Deployment"), kinds(documents(kube)));
    }

    private static List<JsonNode> documents(Path file) throws Exception {
        try (var documents =
                new ObjectMapper(new YAMLFactory()).readerFor(JsonNode.class).<JsonNode>readValues(file.toFile())) {
            return documents.readAll();
        }
    }

    private static List<String> kinds(List<JsonNode> documents) {
        return documents.stream()
                .map(document -> document.path("kind").asText())
                .toList();
    }

    @Test
    void aPortWithoutAHostPortOrAStatefulSetOfSeveralReplicasIsRefused() throws Exception {
        assertThrows(
                IllegalArgumentException.class, () -> KubePlayFiles.of(CHART, Map.of("grpc", 40001, "http", 40002)));
        Path twoReplicas = work.resolve("two.yaml");
        Files.writeString(twoReplicas, Files.readString(CHART).replace("replicas: 1", "replicas: 2"));
        assertThrows(IllegalArgumentException.class, () -> KubePlayFiles.of(twoReplicas, PORTS));
    }
}
