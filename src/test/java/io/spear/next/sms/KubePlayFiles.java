package io.spear.next.sms;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Rendered Kubernetes manifests turned into what podman 4.3's {@code kube play} runs: it takes Pods,
 * Deployments and PersistentVolumeClaims, with ConfigMaps in files of their own
 * ({@code --configmap}). A StatefulSet of one replica becomes what its controller would leave:
 * a Deployment of the same pod template, and a claim named {@code TEMPLATE-STATEFULSET-0} for each
 * of its volume claim templates, mounted under the template's name. Each container port is
 * published on the loopback host port given for its name, standing in for the pod's IP.
 *
 * @param configMaps the ConfigMaps, for {@code --configmap}
 * @param workloads the claims and workloads, for {@code kube play}
 */
record KubePlayFiles(List<JsonNode> configMaps, List<JsonNode> workloads) {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    static KubePlayFiles of(Path manifests, Map<String, Integer> hostPorts) throws IOException {
        List<JsonNode> configMaps = new ArrayList<>();
        List<JsonNode> workloads = new ArrayList<>();
        try (var documents = YAML.readerFor(JsonNode.class).<JsonNode>readValues(manifests.toFile())) {
            while (documents.hasNext()) {
                JsonNode document = documents.next();
                switch (document.path("kind").asText()) {
                    case "" -> {}
                    case "ConfigMap" -> configMaps.add(document);
                    case "StatefulSet" -> workloads.addAll(asDeployment((ObjectNode) document));
                    default -> workloads.add(document);
                }
            }
        }
        for (JsonNode workload : workloads) {
            for (JsonNode container :
                    workload.path("spec").path("template").path("spec").path("containers")) {
                for (JsonNode port : container.path("ports")) {
                    String name = port.path("name").asText();
                    Integer hostPort = hostPorts.get(name);
                    if (hostPort == null) {
                        throw new IllegalArgumentException("no host port given for the container port " + name);
                    }
                    ((ObjectNode) port).put("hostIP", "127.0.0.1").put("hostPort", hostPort);
                }
            }
        }
        return new KubePlayFiles(configMaps, workloads);
    }

    private static List<JsonNode> asDeployment(ObjectNode statefulSet) {
        if (statefulSet.path("spec").path("replicas").asInt(1) != 1) {
            throw new IllegalArgumentException("only a StatefulSet of one replica has a Deployment's behaviour");
        }
        String name = statefulSet.path("metadata").path("name").asText();
        ObjectNode spec = (ObjectNode) statefulSet.get("spec");
        spec.remove("serviceName");
        JsonNode templates = spec.remove("volumeClaimTemplates");
        ArrayNode volumes = ((ObjectNode) spec.path("template").path("spec")).withArray("volumes");
        List<JsonNode> documents = new ArrayList<>();
        for (JsonNode template : templates == null ? YAML.createArrayNode() : templates) {
            String volume = template.path("metadata").path("name").asText();
            String claim = volume + "-" + name + "-0";
            ObjectNode pvc = YAML.createObjectNode().put("apiVersion", "v1").put("kind", "PersistentVolumeClaim");
            pvc.set("metadata", ((ObjectNode) template.get("metadata").deepCopy()).put("name", claim));
            pvc.set("spec", template.get("spec"));
            documents.add(pvc);
            volumes.addObject()
                    .put("name", volume)
                    .putObject("persistentVolumeClaim")
                    .put("claimName", claim);
        }
        statefulSet.put("kind", "Deployment");
        documents.add(statefulSet);
        return documents;
    }

    /** Names of the claims. */
    List<String> claims() {
        return names(workloads.stream()
                .filter(document ->
                        "PersistentVolumeClaim".equals(document.path("kind").asText())));
    }

    /**
     * Volumes podman makes and keeps after {@code kube down}: a claim's, and one of each ConfigMap's
     * name, which a later {@code kube play} mounts again without writing the ConfigMap into it.
     */
    List<String> volumes() {
        List<String> volumes = new ArrayList<>(claims());
        volumes.addAll(names(configMaps.stream()));
        return volumes;
    }

    private static List<String> names(Stream<JsonNode> documents) {
        return documents
                .map(document -> document.path("metadata").path("name").asText())
                .toList();
    }

    /** Writes the ConfigMaps to {@code configMapFile} and the rest to {@code kubeFile}. */
    void write(Path configMapFile, Path kubeFile) throws IOException {
        YAML.writer().writeValues(configMapFile.toFile()).writeAll(configMaps).close();
        YAML.writer().writeValues(kubeFile.toFile()).writeAll(workloads).close();
    }
}
