package io.spear.next.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The Kubernetes manifests in deployment/kubernetes, as kubectl kustomize renders them when kubectl
 * is installed, or file by file otherwise.
 */
public final class Manifests {

    public static final Path DIR = Path.of("deployment", "kubernetes");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private Manifests() {}

    /** The etcd-mode overlay on top of {@link #DIR}. */
    public static final Path ETCD_OVERLAY = Path.of("deployment", "kubernetes-etcd");

    public static List<JsonNode> load() throws IOException, InterruptedException {
        String rendered = kustomize(DIR);
        if (rendered != null) {
            return parse(rendered);
        }
        List<JsonNode> documents = new ArrayList<>();
        try (Stream<Path> files = Files.list(DIR)) {
            for (Path file :
                    files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
                if (!file.getFileName().toString().equals("kustomization.yaml")) {
                    documents.addAll(parse(Files.readString(file)));
                }
            }
        }
        return documents;
    }

    public static JsonNode kind(List<JsonNode> documents, String kind) {
        return documents.stream()
                .filter(d -> kind.equals(d.path("kind").asText()))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + " in " + DIR));
    }

    /** What kubectl kustomize prints, or null when kubectl is not installed. */
    public static String kustomize(Path dir) throws IOException, InterruptedException {
        Command.Result result;
        try {
            result = Command.run(Path.of("."), Map.of(), null, List.of("kubectl", "kustomize", dir.toString()));
        } catch (IOException notInstalled) {
            return null;
        }
        if (result.exit() != 0) {
            throw new AssertionError("kubectl kustomize " + dir + " failed:\n" + result.output());
        }
        return result.output();
    }

    public static List<JsonNode> parse(String yaml) throws IOException {
        List<JsonNode> documents = new ArrayList<>();
        try (YAMLParser parser = new YAMLFactory().createParser(yaml)) {
            var values = YAML.readValues(parser, JsonNode.class);
            while (values.hasNext()) {
                JsonNode document = values.next();
                if (document != null && !document.isNull()) {
                    documents.add(document);
                }
            }
        }
        return documents;
    }
}
