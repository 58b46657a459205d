package io.spear.next.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.ConfigMappingInterface.Property;
import io.smallrye.config.ConfigMappings;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.smallrye.jwt.config.JWTAuthContextInfoProvider;
import io.spear.next.sms.config.KvConfig;
import io.spear.next.sms.config.SmsConfig;
import io.spear.next.storage.kv.etcd.EtcdSettings;
import io.spear.next.storage.kv.rocksdb.RocksDbParam;
import io.spear.next.storage.kv.rocksdb.RocksDbSettings;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.reflect.Field;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * README's configuration table against what the service reads: every setting of {@code kv.*} and
 * {@code sms.*} is in it, every row names a setting something reads, its variable is the one
 * MicroProfile Config maps onto the setting, and its default is the one in effect when nothing is
 * set (application.properties in the prod profile, else the declaring mapping's default). The same
 * for docs/STORAGE.md's table of RocksDB parameters.
 */
class ConfigurationTableTest {

    private static final Markdown README = Markdown.read(Path.of("README.md"));
    private static final String ETCD_ENDPOINTS = "http://127.0.0.1:2379";

    /** A row: the settings it names, their variables and their defaults (none when the row says unset). */
    private record Row(List<String> settings, List<String> variables, List<String> defaults) {}

    private static List<Row> rows() {
        List<Row> rows = new ArrayList<>();
        for (List<String> cells : README.tableUnder("## Configuration")) {
            String defaults = cells.get(2);
            int note = defaults.indexOf('(');
            rows.add(new Row(
                    Markdown.codeSpans(cells.get(0)),
                    Markdown.codeSpans(cells.get(1)),
                    Markdown.codeSpans(note < 0 ? defaults : defaults.substring(0, note))));
        }
        assertFalse(rows.isEmpty(), "README's configuration table has rows");
        return rows;
    }

    private static List<String> documented() {
        return rows().stream().flatMap(row -> row.settings().stream()).toList();
    }

    /** The settings of this service's own mappings, RocksDB's and etcd's parameters among them. */
    private static Map<String, Optional<String>> ownSettings() {
        Map<String, Optional<String>> settings = new LinkedHashMap<>();
        for (Class<?> mapping : List.of(KvConfig.class, SmsConfig.class)) {
            mappingDefaults(mapping).forEach((name, value) -> {
                if (!name.endsWith(".*")) {
                    settings.put(name, value);
                }
            });
        }
        for (RocksDbParam param : RocksDbParam.values()) {
            settings.put("kv.rocksdb." + param.paramName().replace('_', '-'), Optional.empty());
        }
        for (String param : EtcdSettings.PARAMS) {
            settings.put("kv.etcd." + param.replace('_', '-'), Optional.empty());
        }
        return settings;
    }

    /** Every setting the application's libraries declare, with its default: Quarkus' config roots and SmallRye JWT's. */
    private static Map<String, Optional<String>> librarySettings() throws IOException {
        Map<String, Optional<String>> settings = new HashMap<>();
        for (URL list : Collections.list(
                ConfigurationTableTest.class.getClassLoader().getResources("META-INF/quarkus-config-roots.list"))) {
            try (BufferedReader reader =
                    new BufferedReader(new InputStreamReader(list.openStream(), StandardCharsets.UTF_8))) {
                reader.lines().map(String::trim).filter(line -> !line.isEmpty()).forEach(root -> {
                    try {
                        settings.putAll(mappingDefaults(Class.forName(root)));
                    } catch (ClassNotFoundException | LinkageError e) {
                        // a root of a build step: not on the application's class path
                    }
                });
            }
        }
        for (Field field : JWTAuthContextInfoProvider.class.getDeclaredFields()) {
            ConfigProperty property = field.getAnnotation(ConfigProperty.class);
            if (property != null) {
                // SmallRye JWT's default for "not set" is the word NONE
                settings.put(
                        property.name(),
                        Optional.of(property.defaultValue())
                                .filter(v -> !v.equals(ConfigProperty.UNCONFIGURED_VALUE) && !v.equals("NONE")));
            }
        }
        return settings;
    }

    private static Map<String, Optional<String>> mappingDefaults(Class<?> type) {
        ConfigMapping mapping = type.getAnnotation(ConfigMapping.class);
        if (mapping == null) {
            return Map.of();
        }
        Map<String, Optional<String>> defaults = new HashMap<>();
        Map<String, Property> properties =
                ConfigMappings.getProperties(ConfigMappings.ConfigClass.configClass(type, mapping.prefix()));
        properties.forEach((name, property) -> defaults.put(
                name, property.hasDefaultValue() ? Optional.of(property.getDefaultValue()) : Optional.empty()));
        return defaults;
    }

    /** A declared name ({@code quarkus.http.auth.permission.*.policy}) as a pattern of the names it covers. */
    private static boolean covers(String declared, String name) {
        String regex = Arrays.stream(declared.replace("[*]", "").split("\\*", -1))
                .map(Pattern::quote)
                .reduce((a, b) -> a + "[^.]+" + b)
                .orElseThrow();
        return name.matches(regex);
    }

    private static Optional<Optional<String>> declared(Map<String, Optional<String>> settings, String name) {
        if (settings.containsKey(name)) {
            return Optional.of(settings.get(name));
        }
        return settings.entrySet().stream()
                .filter(e -> covers(e.getKey(), name))
                .map(Map.Entry::getValue)
                .findFirst();
    }

    @Test
    void everySettingOfTheServiceIsInTheTable() {
        List<String> documented = documented();
        List<String> missing = ownSettings().keySet().stream()
                .filter(name -> !documented.contains(name))
                .toList();
        assertEquals(List.of(), missing, "settings the service reads that README's table leaves out");
    }

    @Test
    void everyRowNamesASettingThatIsRead() throws IOException {
        Map<String, Optional<String>> own = ownSettings();
        Map<String, Optional<String>> libraries = librarySettings();
        List<String> unknown = documented().stream()
                .filter(name ->
                        !own.containsKey(name) && declared(libraries, name).isEmpty())
                .toList();
        assertEquals(List.of(), unknown, "README's table names settings nothing reads (misspelt?)");
    }

    @Test
    void everyVariableIsTheOneMicroProfileConfigMapsOntoItsSetting() {
        List<String> wrong = new ArrayList<>();
        for (Row row : rows()) {
            for (int i = 0; i < row.settings().size(); i++) {
                String setting = row.settings().get(i);
                String expected = setting.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
                String variable =
                        row.variables().get(Math.min(i, row.variables().size() - 1));
                boolean matches = variable.endsWith("...")
                        ? expected.startsWith(variable.substring(0, variable.length() - 3))
                        : variable.equals(expected);
                if (!matches) {
                    wrong.add(setting + " is " + expected + ", the table says " + variable);
                }
            }
        }
        assertEquals(List.of(), wrong);
    }

    @Test
    void everyDefaultIsTheOneInEffect() throws IOException {
        SmallRyeConfig prod = new SmallRyeConfigBuilder()
                .addDefaultInterceptors()
                .withProfile("prod")
                .withSources(new PropertiesConfigSource(
                        ConfigurationTableTest.class.getClassLoader().getResource("application.properties"), 250))
                .build();
        Map<String, Optional<String>> declared = new HashMap<>(librarySettings());
        declared.putAll(ownSettings());
        List<String> wrong = new ArrayList<>();
        for (Row row : rows()) {
            if (!row.defaults().isEmpty()
                    && row.defaults().size() != row.settings().size()) {
                wrong.add(row.settings() + ": " + row.defaults().size() + " defaults for "
                        + row.settings().size() + " settings");
                continue;
            }
            for (int i = 0; i < row.settings().size(); i++) {
                String setting = row.settings().get(i);
                Optional<String> documented = row.defaults().isEmpty()
                        ? Optional.empty()
                        : Optional.of(row.defaults().get(i));
                String problem = setting.startsWith("kv.rocksdb.") || setting.startsWith("kv.etcd.")
                        ? storeParameterDefault(setting, documented)
                        : configDefault(prod, declared, setting, documented);
                if (problem != null) {
                    wrong.add(problem);
                }
            }
        }
        assertEquals(List.of(), wrong);
    }

    private static String configDefault(
            SmallRyeConfig prod, Map<String, Optional<String>> declared, String setting, Optional<String> documented) {
        Optional<String> inEffect = Optional.ofNullable(
                        prod.getConfigValue(setting).getValue())
                .or(() -> declared(declared, setting).flatMap(value -> value));
        return inEffect.equals(documented)
                ? null
                : setting + ": the table says " + documented.orElse("unset") + ", in effect "
                        + inEffect.orElse("unset");
    }

    /** RocksDB's and etcd's parameters are parsed by the store: setting the documented default changes nothing. */
    private static String storeParameterDefault(String setting, Optional<String> documented) {
        boolean rocksdb = setting.startsWith("kv.rocksdb.");
        String param = setting.substring(rocksdb ? "kv.rocksdb.".length() : "kv.etcd.".length())
                .replace('-', '_');
        if (documented.isEmpty()) {
            return null; // unset or required: the parameter has no value of its own
        }
        boolean same = rocksdb
                ? RocksDbSettings.parse(Map.of(param, documented.get())).equals(RocksDbSettings.DEFAULTS)
                : param.equals("endpoints")
                        || EtcdSettings.parse(Map.of("endpoints", ETCD_ENDPOINTS, param, documented.get()))
                                .equals(EtcdSettings.parse(Map.of("endpoints", ETCD_ENDPOINTS)));
        return same ? null : setting + ": the table's default " + documented.get() + " is not the store's";
    }

    @Test
    void theStorageLibrarysParameterTableListsEveryParameterWithItsDefault() {
        List<String> wrong = new ArrayList<>();
        List<String> documented = new ArrayList<>();
        for (List<String> cells : Markdown.read(Path.of("docs/STORAGE.md")).tableUnder("## RocksDB parameters")) {
            String param = Markdown.codeSpans(cells.get(0)).get(0);
            documented.add(param);
            String problem = storeParameterDefault(
                    "kv.rocksdb." + param,
                    Optional.of(Markdown.codeSpans(cells.get(1)).get(0)));
            if (problem != null) {
                wrong.add(problem);
            }
        }
        Arrays.stream(RocksDbParam.values())
                .map(RocksDbParam::paramName)
                .filter(param -> !documented.contains(param))
                .forEach(param -> wrong.add(param + " is missing from docs/STORAGE.md"));
        assertEquals(List.of(), wrong);
    }

    @Test
    void theTableListsEachSettingOnce() {
        List<String> documented = documented();
        assertEquals(new TreeSet<>(documented).size(), documented.size(), "a setting in two rows: " + documented);
    }
}
