package io.spear.next.sms.launch;

import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** How the original's values become this service's settings, shared by its flags and its TOML. */
final class SpearSettings {

    private SpearSettings() {}

    /** {@code HOST:PORT} (an IPv6 host in brackets) as a host and a port setting. */
    static void address(String what, String value, String hostKey, String portKey, Map<String, String> properties) {
        int colon = value.lastIndexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException(what + " must be HOST:PORT, e.g. 0.0.0.0:8080; got '" + value + "'");
        }
        String host = value.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port;
        try {
            port = Integer.parseInt(value.substring(colon + 1));
        } catch (NumberFormatException e) {
            port = -1;
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException(what + " needs a port from 0 to 65535; got '" + value + "'");
        }
        properties.put(hostKey, host);
        properties.put(portKey, Integer.toString(port));
    }

    /** A whole number of seconds, as a duration setting. */
    static String seconds(String what, String value) {
        try {
            long seconds = Long.parseLong(value.trim());
            if (seconds > 0) {
                return seconds + "s";
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new IllegalArgumentException(what + " must be a whole number of seconds above 0; got '" + value + "'");
    }

    /** One of the original's log levels, as this service's. */
    static String logLevel(String what, String value) {
        String level = value.trim().toLowerCase(Locale.ROOT);
        if (!Set.of("trace", "debug", "info", "warn", "error").contains(level)) {
            throw new IllegalArgumentException(
                    what + " must be one of trace, debug, info, warn, error; got '" + value + "'");
        }
        return level.toUpperCase(Locale.ROOT);
    }

    /** The setting that says where sled was asked for, for one startup warning. */
    static final String SLED = "spear.sled";

    /**
     * The original's storage type {@code value} as {@code kv.backend}; sled, the original's default,
     * is served by the embedded RocksDB store, and {@link #SLED} names where it was asked for.
     */
    static void backend(String what, String value, Map<String, String> settings) {
        String type = value.trim().toLowerCase(Locale.ROOT);
        if (type.equals("sled")) {
            settings.put(SLED, what);
            type = "rocksdb";
        }
        settings.put("kv.backend", type);
    }
}
