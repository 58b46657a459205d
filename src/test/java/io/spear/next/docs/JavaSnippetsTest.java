package io.spear.next.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.spear.next.storage.KvStoreFactory;
import io.spear.next.storage.kv.KvStore;
import io.spear.next.storage.kv.KvStoreConfig;
import java.io.IOException;
import java.io.StringWriter;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every {@code java} block of README.md and docs/ compiles and runs as written. A block is the body of
 * a method that may use, without declaring them, an open {@code store}, a {@code memoryStore} and a
 * {@code rocksdbStore} (for the migration example) and a directory {@code dir}; an absolute path in a
 * string literal ({@code "/var/lib/spear/rocksdb"}) is taken under that directory.
 */
class JavaSnippetsTest {

    private static final String PREAMBLE = """
            import io.spear.next.registry.*;
            import io.spear.next.storage.*;
            import io.spear.next.storage.kv.*;
            import io.spear.next.storage.kv.transfer.*;
            import java.nio.charset.StandardCharsets;
            import java.nio.file.*;
            import java.util.*;

            public class Snippet {
                public static KvStore store, memoryStore, rocksdbStore;
                public static String dir;

                public static void run() throws Exception {
            """;

    @TempDir
    Path dir;

    record Snippet(String where, String code) {
        @Override
        public String toString() {
            return where;
        }
    }

    static List<Snippet> snippets() throws IOException {
        List<Path> files;
        try (Stream<Path> docs = Files.list(Path.of("docs"))) {
            files = Stream.concat(
                            Stream.of(Path.of("README.md")),
                            docs.filter(f -> f.toString().endsWith(".md")))
                    .sorted()
                    .toList();
        }
        List<Snippet> snippets = files.stream()
                .flatMap(file -> Markdown.read(file).blocks("java").stream()
                        .map(block -> new Snippet(block.where(file), block.text())))
                .toList();
        assertFalse(snippets.isEmpty(), "the docs show Java");
        return snippets;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("snippets")
    void compilesAndRuns(Snippet snippet) throws Exception {
        Path sources = Files.createDirectories(dir.resolve("src"));
        Path classes = Files.createDirectories(dir.resolve("classes"));
        String body = snippet.code().replaceAll("\"(/[^\"]*)\"", "(dir + \"$1\")");
        Files.writeString(sources.resolve("Snippet.java"), PREAMBLE + body + "    }\n}\n");

        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        assertNotNull(javac, "the tests run on a JDK");
        StringWriter errors = new StringWriter();
        boolean compiled = javac.getTask(
                        errors,
                        null,
                        null,
                        List.of("-d", classes.toString(), "-classpath", System.getProperty("java.class.path")),
                        null,
                        javac.getStandardFileManager(null, null, StandardCharsets.UTF_8)
                                .getJavaFileObjects(sources.resolve("Snippet.java")))
                .call();
        assertEquals("", compiled ? "" : errors.toString(), snippet.where() + " compiles");

        Path data = Files.createDirectories(dir.resolve("data"));
        try (URLClassLoader loader = new URLClassLoader(
                        new URL[] {classes.toUri().toURL()}, getClass().getClassLoader());
                KvStore store = KvStoreFactory.open(KvStoreConfig.memory());
                KvStore memoryStore = KvStoreFactory.open(KvStoreConfig.memory());
                KvStore rocksdbStore = KvStoreFactory.open(
                        KvStoreConfig.rocksdb(data.resolve("rocksdb-store").toString()))) {
            memoryStore.put("node:1", "a node".getBytes(StandardCharsets.UTF_8));
            Class<?> compiledSnippet = loader.loadClass("Snippet");
            set(compiledSnippet, "store", store);
            set(compiledSnippet, "memoryStore", memoryStore);
            set(compiledSnippet, "rocksdbStore", rocksdbStore);
            set(compiledSnippet, "dir", data.toString());
            try {
                compiledSnippet.getMethod("run").invoke(null);
            } catch (InvocationTargetException e) {
                throw new AssertionError(snippet.where() + " runs", e.getCause());
            }
        }
    }

    private static void set(Class<?> type, String name, Object value) throws ReflectiveOperationException {
        Field field = type.getField(name);
        field.set(null, value);
    }
}
