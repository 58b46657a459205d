package io.spear.next.storage.kv.etcd;

import io.spear.next.storage.kv.KvConfigException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The typed, validated etcd parameters ({@code kv.etcd.*}), with the defaults used when one is not
 * set. Parsing fails on the first unknown parameter or bad value with a message naming it.
 *
 * @param endpoints       the members' client URLs ({@code http://} or {@code https://})
 * @param namespace       the key prefix every key of this store lives under
 * @param connectTimeout  how long opening waits for a member to answer
 * @param requestTimeout  how long one call waits for etcd; a write that times out has an unknown outcome
 * @param maxTxnOps       etcd's {@code --max-txn-ops}: operations in one transaction
 * @param maxRequestBytes etcd's {@code --max-request-bytes}: bytes in one request
 */
public record EtcdSettings(
        List<URI> endpoints,
        String namespace,
        Duration connectTimeout,
        Duration requestTimeout,
        Optional<String> user,
        Optional<String> password,
        Optional<Path> tlsCaFile,
        Optional<Path> tlsCertFile,
        Optional<Path> tlsKeyFile,
        int maxTxnOps,
        int maxRequestBytes) {

    public static final String DEFAULT_NAMESPACE = "/spear-sms/";

    /** The parameters this backend takes, as named in configuration. */
    public static final List<String> PARAMS = List.of(
            "endpoints",
            "namespace",
            "connect_timeout",
            "request_timeout",
            "user",
            "password",
            "tls_ca_file",
            "tls_cert_file",
            "tls_key_file",
            "max_txn_ops",
            "max_request_bytes");

    public static EtcdSettings parse(Map<String, String> params) {
        for (String name : params.keySet()) {
            if (!PARAMS.contains(name)) {
                throw new KvConfigException(
                        "unknown etcd parameter '" + name + "'; supported: " + String.join(", ", PARAMS));
            }
        }
        String endpoints = params.get("endpoints");
        if (endpoints == null || endpoints.isBlank()) {
            throw new KvConfigException(
                    "kv.backend=etcd needs kv.etcd.endpoints (KV_ETCD_ENDPOINTS): the members' client "
                            + "URLs, comma-separated, e.g. http://etcd-0:2379,http://etcd-1:2379,http://etcd-2:2379");
        }
        EtcdSettings settings = new EtcdSettings(
                uris(endpoints),
                params.getOrDefault("namespace", DEFAULT_NAMESPACE),
                duration(params, "connect_timeout", Duration.ofSeconds(5)),
                duration(params, "request_timeout", Duration.ofSeconds(5)),
                text(params, "user"),
                text(params, "password"),
                text(params, "tls_ca_file").map(EtcdSettings::readableFile),
                text(params, "tls_cert_file").map(EtcdSettings::readableFile),
                text(params, "tls_key_file").map(EtcdSettings::readableFile),
                integer(params, "max_txn_ops", 128, 1),
                integer(params, "max_request_bytes", 3 * (1 << 19), 4096));
        if (settings.user.isPresent() != settings.password.isPresent()) {
            throw new KvConfigException("kv.etcd.user and kv.etcd.password go together: set both or neither");
        }
        if (settings.tlsCertFile.isPresent() != settings.tlsKeyFile.isPresent()) {
            throw new KvConfigException(
                    "kv.etcd.tls-cert-file and kv.etcd.tls-key-file go together (a client certificate and its key)");
        }
        return settings;
    }

    /** Whether the members are reached over TLS. */
    public boolean tls() {
        return endpoints.get(0).getScheme().equals("https");
    }

    /** The endpoints as configured, for messages (never the password). */
    public String describe() {
        return String.join(",", endpoints.stream().map(URI::toString).toList()) + " (namespace " + namespace + ")";
    }

    private static List<URI> uris(String value) {
        List<URI> uris = new ArrayList<>();
        for (String part : value.split(",")) {
            String text = part.trim();
            if (text.isEmpty()) {
                continue;
            }
            URI uri;
            try {
                uri = URI.create(text);
            } catch (IllegalArgumentException e) {
                throw new KvConfigException("kv.etcd.endpoints: '" + text + "' is not a URL");
            }
            if (uri.getScheme() == null
                    || !List.of("http", "https").contains(uri.getScheme())
                    || uri.getHost() == null
                    || uri.getPort() < 0) {
                throw new KvConfigException("kv.etcd.endpoints: '" + text + "' is not http(s)://host:port");
            }
            uris.add(uri);
        }
        if (uris.isEmpty()) {
            throw new KvConfigException("kv.etcd.endpoints names no endpoint");
        }
        if (uris.stream().map(URI::getScheme).distinct().count() > 1) {
            throw new KvConfigException("kv.etcd.endpoints mixes http and https: use one for every member");
        }
        return List.copyOf(uris);
    }

    private static Optional<String> text(Map<String, String> params, String name) {
        return Optional.ofNullable(params.get(name)).map(String::trim).filter(value -> !value.isEmpty());
    }

    private static Path readableFile(String value) {
        Path path = Path.of(value);
        if (!Files.isReadable(path)) {
            throw new KvConfigException("etcd TLS file " + path.toAbsolutePath() + " is missing or not readable");
        }
        return path;
    }

    private static int integer(Map<String, String> params, String name, int defaultValue, int min) {
        String value = params.get(name);
        if (value == null) {
            return defaultValue;
        }
        try {
            int parsed = Integer.parseInt(value.trim());
            if (parsed < min) {
                throw new KvConfigException(
                        "kv.etcd." + name.replace('_', '-') + " must be at least " + min + ", got " + value);
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw new KvConfigException(
                    "kv.etcd." + name.replace('_', '-') + " must be a whole number, got '" + value + "'");
        }
    }

    /** {@code 5s}, {@code 500ms}, {@code 1m} or an ISO-8601 duration ({@code PT5S}), as Quarkus reads durations. */
    private static Duration duration(Map<String, String> params, String name, Duration defaultValue) {
        String value = params.get(name);
        if (value == null) {
            return defaultValue;
        }
        String text = value.trim().toLowerCase(Locale.ROOT);
        try {
            Duration parsed;
            if (text.endsWith("ms")) {
                parsed = Duration.ofMillis(Long.parseLong(text.substring(0, text.length() - 2)));
            } else if (text.matches("\\d+[smh]")) {
                parsed = Duration.parse("PT" + text.toUpperCase(Locale.ROOT));
            } else if (text.matches("\\d+")) {
                parsed = Duration.ofSeconds(Long.parseLong(text));
            } else {
                parsed = Duration.parse(text.toUpperCase(Locale.ROOT));
            }
            if (parsed.isNegative() || parsed.isZero()) {
                throw new KvConfigException("kv.etcd." + name.replace('_', '-') + " must be positive, got " + value);
            }
            return parsed;
        } catch (NumberFormatException | DateTimeParseException e) {
            throw new KvConfigException("kv.etcd." + name.replace('_', '-')
                    + " must be a duration such as 5s or 500ms, got '" + value + "'");
        }
    }
}
