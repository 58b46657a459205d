package io.spear.next.sms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * No native toolchain runs here, so the native configuration is checked for what can be checked:
 * everything it names exists, and it covers what rocksdbjni needs.
 */
class NativeImageConfigTest {

    private static Properties application() throws Exception {
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(Path.of("src/main/resources/application.properties"))) {
            properties.load(in);
        }
        return properties;
    }

    @Test
    void theRocksDbLibrariesItShipsAreInTheRocksDbJar() throws Exception {
        String includes = application().getProperty("quarkus.native.resources.includes");
        assertNotNull(includes);
        assertTrue(includes.contains("librocksdbjni-linux64.so"));
        for (String resource : includes.split(",")) {
            assertNotNull(getClass().getClassLoader().getResource(resource.trim()), resource + " is on the classpath");
        }
    }

    @Test
    void everyRecordTheRegistryEncodesIsRegisteredForReflection() {
        var targets = java.util.List.of(io.spear.next.sms.config.NativeImageSupport.class
                .getAnnotation(io.quarkus.runtime.annotations.RegisterForReflection.class)
                .targets());
        for (Class<?> stored : java.util.List.of(
                io.spear.next.registry.Node.class,
                io.spear.next.registry.NodeResource.class,
                io.spear.next.registry.GpuInfo.class,
                io.spear.next.registry.NodeStatus.class,
                io.spear.next.registry.RegistryEvent.class,
                io.spear.next.registry.RegistryEvent.Type.class)) {
            assertTrue(targets.contains(stored), stored + " is registered for reflection");
        }
    }

    @Test
    void theClassesInitialisedAtRunTimeExist() throws Exception {
        String args = application().getProperty("quarkus.native.additional-build-args");
        assertTrue(args.startsWith("--initialize-at-run-time="), args);
        String[] classes = args.substring("--initialize-at-run-time=".length()).split("\\\\?,");
        assertTrue(java.util.List.of(classes).contains("org.rocksdb.RocksDB"), args);
        for (String name : classes) {
            Class.forName(name, false, getClass().getClassLoader());
        }
    }

    @Test
    void rocksDbsExceptionAndStatusAreReachableFromJni() throws Exception {
        JsonNode config;
        try (InputStream in = getClass()
                .getClassLoader()
                .getResourceAsStream("META-INF/native-image/io.spear.next/spear-next-sms/jni-config.json")) {
            assertNotNull(in, "jni-config.json is packaged");
            config = new ObjectMapper().readTree(in);
        }
        java.util.Set<String> names = new java.util.HashSet<>();
        for (JsonNode entry : config) {
            String name = entry.path("name").asText();
            Class<?> type = Class.forName(name, false, getClass().getClassLoader());
            names.add(name);
            for (JsonNode method : entry.path("methods")) {
                Class<?>[] parameters =
                        new Class<?>[method.path("parameterTypes").size()];
                for (int i = 0; i < parameters.length; i++) {
                    parameters[i] =
                            Class.forName(method.path("parameterTypes").get(i).asText());
                }
                assertEquals("<init>", method.path("name").asText());
                type.getDeclaredConstructor(parameters);
            }
        }
        assertTrue(
                names.containsAll(java.util.List.of(
                        "org.rocksdb.RocksDBException",
                        "org.rocksdb.Status",
                        "org.rocksdb.Status$Code",
                        "org.rocksdb.Status$SubCode")),
                names.toString());
    }
}
