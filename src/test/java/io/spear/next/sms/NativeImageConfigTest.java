package io.spear.next.sms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
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
    void everyTypeFormatV1ReadsWithJacksonIsRegisteredForReflection() {
        Set<Class<?>> registered = Set.of(io.spear.next.sms.config.NativeImageSupport.class
                .getAnnotation(io.quarkus.runtime.annotations.RegisterForReflection.class)
                .targets());
        // what FormatV1 hands its mapper, and every registry type their components reach
        Set<Class<?>> reached = new LinkedHashSet<>();
        for (Class<?> read : List.of(
                io.spear.next.registry.Node.class,
                io.spear.next.registry.NodeResource.class,
                io.spear.next.registry.RegistryEvent.class)) {
            reach(read, reached);
        }
        assertTrue(reached.size() > 3, "the walk reaches the components' types: " + reached);
        List<String> missing = reached.stream()
                .filter(type -> !registered.contains(type))
                .map(Class::getName)
                .toList();
        assertEquals(List.of(), missing, "registered in NativeImageSupport");
    }

    /** {@code type} and, through record components (and their type arguments), the registry's types it holds. */
    private static void reach(Type type, Set<Class<?>> reached) {
        if (type instanceof ParameterizedType generic) {
            for (Type argument : generic.getActualTypeArguments()) {
                reach(argument, reached);
            }
            return;
        }
        if (!(type instanceof Class<?> plain)
                || !plain.getPackageName().equals("io.spear.next.registry")
                || !reached.add(plain)) {
            return;
        }
        if (plain.isRecord()) {
            for (RecordComponent component : plain.getRecordComponents()) {
                reach(component.getGenericType(), reached);
            }
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
