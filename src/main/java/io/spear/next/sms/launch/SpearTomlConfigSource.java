package io.spear.next.sms.launch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import io.smallrye.config.common.MapBackedConfigSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The TOML file of Spear's own SMS ({@code [grpc] addr}, {@code [http] addr},
 * {@code heartbeat_timeout}, {@code cleanup_interval}, {@code [database] db_type} and
 * {@code path}, {@code enable_tls} with {@code cert_path} and {@code key_path}) as a configuration
 * source, read when {@code spear.config} names it ({@code -c},
 * or the {@code SPEAR_CONFIG} environment variable the chart sets), else from the home file
 * ({@link SpearConfigSourceFactory}). It ranks above application.properties and below the
 * environment and the command line. Keys with no
 * counterpart here are listed in {@link #IGNORED}, for one startup warning.
 */
public final class SpearTomlConfigSource extends MapBackedConfigSource {

    /** The setting that names the file. */
    public static final String LOCATION = "spear.config";
    /** The setting listing the file's keys this service ignores. */
    public static final String IGNORED = "spear.config.ignored";
    /** The file read: the one {@link #LOCATION} names, or the home file. */
    public static final String FILE = "spear.config.file";
    /** Between application.properties (250) and environment variables (300). */
    static final int ORDINAL = 275;

    SpearTomlConfigSource(Path file) {
        super("Spear TOML " + file, read(file), ORDINAL);
    }

    /** The settings {@code file} holds, and the keys it ignores under {@link #IGNORED}. */
    static Map<String, String> read(Path file) {
        JsonNode toml;
        try {
            toml = new TomlMapper().readTree(Files.readString(file));
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the configuration file " + file + " (" + e.getMessage()
                    + "): check " + LOCATION + ", -c or SPEAR_CONFIG");
        }
        Map<String, String> settings = new LinkedHashMap<>();
        List<String> ignored = new ArrayList<>();
        String where = file + ": ";
        for (Iterator<Map.Entry<String, JsonNode>> it = toml.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            switch (entry.getKey()) {
                case "grpc" -> listener(where + "[grpc]", entry.getValue(), "quarkus.grpc.server", settings, ignored);
                case "http" -> listener(where + "[http]", entry.getValue(), "quarkus.http", settings, ignored);
                case "database" -> database(where, entry.getValue(), settings, ignored);
                case "logging" -> logging(where, entry.getValue(), settings, ignored);
                default -> {
                    if (!topLevel(where, entry.getKey(), entry.getValue(), settings)) {
                        ignored.add(entry.getKey());
                    }
                }
            }
        }
        if (!ignored.isEmpty()) {
            settings.put(IGNORED, String.join(", ", ignored));
        }
        settings.put(FILE, file.toString());
        return settings;
    }

    /** A top-level setting this service has; false for any other key. */
    private static boolean topLevel(String where, String key, JsonNode value, Map<String, String> settings) {
        switch (key) {
            case "heartbeat_timeout" ->
                settings.put("sms.heartbeat.timeout", SpearSettings.seconds(where + key, value.asText()));
            case "cleanup_interval" ->
                settings.put("sms.heartbeat.check-interval", SpearSettings.seconds(where + key, value.asText()));
            default -> {
                return false;
            }
        }
        return true;
    }

    /**
     * {@code addr} of a listener table, and TLS when {@code enable_tls} is on ({@link #tls}).
     * Spear's own file writes its top-level settings after {@code [http]}, where TOML puts them in
     * that table: they are read as the top-level settings they are meant to be.
     */
    private static void listener(
            String what, JsonNode table, String prefix, Map<String, String> settings, List<String> ignored) {
        String name = what.substring(what.lastIndexOf('['));
        boolean tls = false;
        String cert = "";
        String key = "";
        for (Iterator<Map.Entry<String, JsonNode>> it = table.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            switch (entry.getKey()) {
                case "addr" ->
                    SpearSettings.address(
                            what + " addr", entry.getValue().asText(), prefix + ".host", prefix + ".port", settings);
                case "enable_tls" -> tls = entry.getValue().asBoolean();
                case "cert_path" -> cert = entry.getValue().asText();
                case "key_path" -> key = entry.getValue().asText();
                default -> {
                    if (!topLevel(what + " ", entry.getKey(), entry.getValue(), settings)) {
                        ignored.add(name + " " + entry.getKey());
                    }
                }
            }
        }
        if (tls) {
            tls(what, prefix, cert, key, settings);
        }
    }

    /**
     * TLS on a listener, from the certificate and key files Spear's file names (PEM): HTTP through
     * Quarkus' TLS registry on the listener's own port, with no plaintext port beside it; gRPC through
     * its server's own TLS settings. Without both files the boot stops: a client that asked for TLS
     * must not be served plaintext.
     */
    private static void tls(String what, String prefix, String cert, String key, Map<String, String> settings) {
        if (cert.isBlank() || key.isBlank()) {
            throw new IllegalArgumentException(what + " enable_tls = true needs cert_path and key_path (the PEM files "
                    + "of the certificate and its private key); or terminate TLS in front of the service and set "
                    + "enable_tls = false");
        }
        for (String[] file : new String[][] {{"cert_path", cert}, {"key_path", key}}) {
            if (!Files.isReadable(Path.of(file[1]))) {
                throw new IllegalArgumentException(
                        what + " " + file[0] + " " + Path.of(file[1]).toAbsolutePath()
                                + " is missing or not readable: point it at a PEM file this process can read");
            }
        }
        if (prefix.equals("quarkus.http")) {
            settings.put("quarkus.tls.spear-http.key-store.pem.0.cert", cert);
            settings.put("quarkus.tls.spear-http.key-store.pem.0.key", key);
            settings.put("quarkus.http.tls-configuration-name", "spear-http");
            // HTTPS on the port the listener is given (by the file, SMS_HTTP_ADDR or --http-addr), and no plain port
            settings.put("quarkus.http.ssl-port", "${quarkus.http.port}");
            settings.put("quarkus.http.insecure-requests", "disabled");
        } else {
            settings.put("quarkus.grpc.server.plain-text", "false");
            settings.put("quarkus.grpc.server.ssl.certificate", cert);
            settings.put("quarkus.grpc.server.ssl.key", key);
        }
    }

    /** {@code [logging] level} is the log level; its format and file have no counterpart here. */
    private static void logging(String where, JsonNode table, Map<String, String> settings, List<String> ignored) {
        for (Iterator<Map.Entry<String, JsonNode>> it = table.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            if (entry.getKey().equals("level")) {
                settings.put(
                        "quarkus.log.level",
                        SpearSettings.logLevel(
                                where + "[logging] level", entry.getValue().asText()));
            } else if (!entry.getValue().asText().isEmpty()) {
                ignored.add("[logging] " + entry.getKey());
            }
        }
    }

    private static void database(String where, JsonNode table, Map<String, String> settings, List<String> ignored) {
        for (Iterator<Map.Entry<String, JsonNode>> it = table.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            switch (entry.getKey()) {
                case "db_type" ->
                    SpearSettings.backend(
                            where + "[database] db_type", entry.getValue().asText(), settings);
                case "path" -> settings.put("kv.path", entry.getValue().asText());
                default -> ignored.add("[database] " + entry.getKey());
            }
        }
    }
}
