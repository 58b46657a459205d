package io.spear.next.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * A generated corpus of requests that must all be refused with a 4xx problem: broken and truncated
 * JSON, wrong types, out-of-range and non-finite numbers, overlong strings and maps, invalid
 * unicode, duplicate keys, oversized bodies, wrong content types, odd methods, malformed and
 * path-traversal uuids, bad paging parameters. Every body starts from a valid one and breaks one
 * thing, so each case tests the one defence it names.
 */
public final class MalformedRequests {

    public record BadRequest(String name, String method, String path, String contentType, byte[] body) {
        @Override
        public String toString() {
            return name + " (" + method + " " + path + ")";
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String LONG_KEY = "k".repeat(129);
    private static final String LONG_VALUE = "v".repeat(1025);

    private MalformedRequests() {}

    /** Every case, against a registry where {@code uuid} is a registered node. */
    public static List<BadRequest> corpus(String uuid) {
        String node = "/api/v1/nodes/" + uuid;
        Map<String, String> bodies = Map.of(
                "POST /api/v1/nodes",
                """
                        {"name": "w", "ip_address": "10.0.0.9", "port": 7000, "http_port": 8080,
                         "metadata": {"zone": "a"}}""",
                "PUT " + node,
                """
                        {"name": "x", "ip_address": "10.0.0.8", "port": 7001, "http_port": 8081, "status": "active",
                         "metadata": {"zone": "b"}}""",
                "POST " + node + "/heartbeat",
                "{\"health_info\": {\"disk\": \"ok\"}, \"resource\": " + report() + "}",
                "PUT " + node + "/resource",
                report());
        List<BadRequest> out = new ArrayList<>();
        bodies.forEach((route, valid) -> {
            String method = route.substring(0, route.indexOf(' '));
            String path = route.substring(route.indexOf(' ') + 1);
            broken(out, method, path, valid);
            wrongValues(out, method, path, (ObjectNode) read(valid), "");
            encodings(out, method, path, valid);
            contentTypes(out, method, path, valid);
        });
        paths(out, uuid);
        paging(out);
        return out;
    }

    private static String report() {
        return """
                {"cpu_usage_percent": 37.5, "memory_usage_percent": 52.0, "total_memory_bytes": 1000,
                 "used_memory_bytes": 520, "available_memory_bytes": 480, "disk_usage_percent": 41.0,
                 "total_disk_bytes": 2000, "used_disk_bytes": 820, "network_rx_bytes_per_sec": 10,
                 "network_tx_bytes_per_sec": 20, "load_average_1m": 2.5, "load_average_5m": 1.5,
                 "load_average_15m": 1.0, "resource_metadata": {"rack": "r1"},
                 "gpus": [{"index": 0, "model": "A100", "memory_total_bytes": 80, "memory_used_bytes": 8,
                           "utilization_percent": 12.5}]}""";
    }

    /** Truncations at many points, and syntax errors. */
    private static void broken(List<BadRequest> out, String method, String path, String valid) {
        String compact = read(valid).toString();
        int step = Math.max(1, compact.length() / 40);
        for (int cut = optionalBody(path) ? 1 : 0; cut < compact.length() - 1; cut += step) {
            out.add(json("truncated at " + cut, method, path, compact.substring(0, cut)));
        }
        String inner = compact.substring(1, compact.length() - 1);
        for (String bad : List.of(
                "{" + inner + ",}",
                "{" + inner + "}}",
                "[" + compact + "]",
                compact + compact,
                compact + " x",
                "{" + inner.replaceFirst(":", "") + "}",
                "{" + inner.replaceFirst("\"", "'") + "}",
                compact.replace("\"", ""),
                "{" + inner.replaceFirst(",", ",,") + "}",
                "true",
                "42",
                "\"text\"",
                "[]",
                "{/* comment */" + inner + "}",
                "{" + inner + "} // trailing",
                "\u0000" + compact)) {
            out.add(json("syntax: " + abbreviate(bad), method, path, bad));
        }
        // every top-level key given twice
        Iterator<String> names = read(valid).fieldNames();
        while (names.hasNext()) {
            String field = names.next();
            String value = read(valid).get(field).toString();
            out.add(json("duplicate key " + field, method, path, "{" + inner + ", \"" + field + "\": " + value + "}"));
        }
    }

    /**
     * Each field of the object at {@code pointer} set to values of the wrong type or out of range,
     * and an unknown field added; then the same inside nested objects and array elements.
     */
    private static void wrongValues(List<BadRequest> out, String method, String path, ObjectNode root, String pointer) {
        ObjectNode here = (ObjectNode) root.at(pointer);
        List<String> fields = new ArrayList<>();
        here.fieldNames().forEachRemaining(fields::add);
        for (String field : fields) {
            JsonNode value = here.get(field);
            String where = pointer + "/" + field;
            for (String wrong : wrongFor(field, value)) {
                out.add(json(where + " = " + abbreviate(wrong), method, path, with(root, pointer, field, read(wrong))));
            }
            if (value.isObject() && !isMap(field)) {
                wrongValues(out, method, path, root, where);
            }
            if (value.isArray() && value.get(0) instanceof ObjectNode element) {
                ArrayNode many = JSON.createArrayNode();
                for (int i = 0; i < 65; i++) {
                    many.add(element.deepCopy().put("index", i));
                }
                out.add(json(where + " with 65 entries", method, path, with(root, pointer, field, many)));
                for (String wrong : List.of("[null]", "[1]", "[\"gpu\"]", "[[]]")) {
                    out.add(json(where + " = " + wrong, method, path, with(root, pointer, field, read(wrong))));
                }
                wrongValues(out, method, path, root, where + "/0");
            }
        }
        out.add(json(pointer + "/no_such_field", method, path, with(root, pointer, "no_such_field", read("1"))));
        fields.stream()
                .filter(field -> field.contains("_") && !isMap(field))
                .findFirst()
                .ifPresent(snake -> out.add(json(
                        pointer + "/" + toCamel(snake) + " (camelCase)",
                        method,
                        path,
                        with(root, pointer, toCamel(snake), here.get(snake)))));
    }

    /** The root body with one field of the object at {@code pointer} replaced. */
    private static String with(ObjectNode root, String pointer, String field, JsonNode value) {
        ObjectNode copy = root.deepCopy();
        ((ObjectNode) copy.at(pointer)).set(field, value);
        return copy.toString();
    }

    private static List<String> wrongFor(String field, JsonNode value) {
        if (isMap(field)) {
            return List.of(
                    "\"zone=a\"",
                    "5",
                    "[\"a\"]",
                    "true",
                    "{\"k\": 5}",
                    "{\"k\": {}}",
                    "{\"k\": [\"v\"]}",
                    "{\"k\": true}",
                    "{\"\": \"v\"}",
                    "{\"   \": \"v\"}",
                    "{\"" + LONG_KEY + "\": \"v\"}",
                    "{\"k\": \"" + LONG_VALUE + "\"}",
                    manyEntries(65));
        }
        if (value.isTextual()) {
            List<String> wrong = new ArrayList<>(
                    List.of("5", "true", "[]", "{}", "[\"" + value.asText() + "\"]", "\"" + "n".repeat(254) + "\""));
            if (field.equals("ip_address")) {
                wrong.addAll(List.of(
                        "\"\"",
                        "\"10.0.0\"",
                        "\"256.1.1.1\"",
                        "\"10.0.0.1/24\"",
                        "\"host_1.example\"",
                        "\"-host.example\"",
                        "\"::g\"",
                        "\"10.0.0.1 \"",
                        "\"1.2.3.4.5\""));
            }
            if (field.equals("status")) {
                wrong.addAll(List.of("\"ACTIVE \"", "\"deleted\"", "\"\"", "\"removed\""));
            }
            return wrong;
        }
        if (value.isArray()) {
            return List.of("{}", "\"gpus\"", "5", "true");
        }
        if (value.isObject()) {
            return List.of("[]", "\"x\"", "5", "true");
        }
        if (value.isIntegralNumber()) {
            List<String> wrong = new ArrayList<>(List.of(
                    "\"" + value + "\"",
                    "1.5",
                    "-1",
                    "1e3",
                    "true",
                    "[]",
                    "{}",
                    "99999999999999999999",
                    "-99999999999999999999",
                    "1e400",
                    "NaN",
                    "Infinity",
                    "-Infinity",
                    "0x10",
                    "+5",
                    "01"));
            if (field.contains("port")) {
                wrong.addAll(List.of("0", "65536", "2147483648"));
            }
            return wrong;
        }
        if (value.isNumber()) {
            List<String> wrong = new ArrayList<>(List.of(
                    "\"" + value + "\"",
                    "-0.5",
                    "true",
                    "[]",
                    "{}",
                    "1e400",
                    "-1e400",
                    "NaN",
                    "Infinity",
                    "-Infinity",
                    "\"NaN\"",
                    ".5",
                    "5.",
                    "1e",
                    "--1"));
            if (field.endsWith("percent")) {
                wrong.addAll(List.of("100.0001", "101", "1e308"));
            } else {
                wrong.add("1000001");
            }
            return wrong;
        }
        return List.of();
    }

    /** Invalid UTF-8 and unicode: lone surrogates, overlong encodings, bytes that are not UTF-8 at all. */
    private static void encodings(List<BadRequest> out, String method, String path, String valid) {
        String compact = read(valid).toString();
        int quote = compact.indexOf(":\"") + 2; // the first string value
        String before = compact.substring(0, quote);
        String after = compact.substring(quote);
        for (String escape : List.of(
                "\\ud800", "\\udfff", "\\ud800\\u0041", "\\udc00\\ud800", "\\u12", "\\x41", "\\U0001F600", "\\q")) {
            out.add(json("escape " + escape, method, path, before + escape + after));
        }
        byte[][] raw = {
            {(byte) 0xff},
            {(byte) 0xc0, (byte) 0xaf},
            {(byte) 0xe0, (byte) 0x80, (byte) 0xaf},
            {(byte) 0xed, (byte) 0xa0, (byte) 0x80},
            {(byte) 0xf8, (byte) 0x88, (byte) 0x80, (byte) 0x80},
            {(byte) 0x80},
            {(byte) 0xc3}
        };
        for (byte[] bytes : raw) {
            byte[] head = before.getBytes(StandardCharsets.UTF_8);
            byte[] tail = after.getBytes(StandardCharsets.UTF_8);
            byte[] body = new byte[head.length + bytes.length + tail.length];
            System.arraycopy(head, 0, body, 0, head.length);
            System.arraycopy(bytes, 0, body, head.length, bytes.length);
            System.arraycopy(tail, 0, body, head.length + bytes.length, tail.length);
            out.add(new BadRequest("invalid UTF-8 " + hex(bytes), method, path, "application/json", body));
        }
        out.add(new BadRequest(
                "UTF-16 body", method, path, "application/json", compact.getBytes(StandardCharsets.UTF_16)));
        out.add(new BadRequest(
                "over the body limit",
                method,
                path,
                "application/json",
                ("{\"name\": \"" + "x".repeat(300_000) + "\"}").getBytes(StandardCharsets.UTF_8)));
        if (!optionalBody(path)) {
            for (String nothing : List.of("", " \n\t ", "null")) {
                out.add(json("no body: '" + nothing + "'", method, path, nothing));
            }
        }
    }

    private static void contentTypes(List<BadRequest> out, String method, String path, String valid) {
        for (String type : List.of(
                "text/plain",
                "application/xml",
                "application/x-www-form-urlencoded",
                "multipart/form-data; boundary=x",
                "application/jsonx",
                "application/octet-stream",
                "*/*",
                "",
                "application/x-ndjson")) {
            out.add(new BadRequest("content type " + type, method, path, type, valid.getBytes(StandardCharsets.UTF_8)));
        }
        out.add(new BadRequest("no content type", method, path, null, valid.getBytes(StandardCharsets.UTF_8)));
    }

    private static void paths(List<BadRequest> out, String uuid) {
        List<String> bad = List.of(
                "not-a-uuid",
                "12345",
                uuid + "x",
                uuid.substring(1),
                uuid.replace('-', '_'),
                "%2e%2e",
                "..%2fadmin%2fexport",
                "%2e%2e%2f%2e%2e%2fq%2fhealth",
                "%00",
                "%ff",
                uuid + "%00",
                "x".repeat(300),
                "%20" + uuid,
                "%7Buuid%7D",
                "null",
                "%E2%80%AE" + uuid.substring(3));
        for (String segment : bad) {
            for (String suffix : List.of("", "/heartbeat", "/resource", "/with-resource")) {
                String path = "/api/v1/nodes/" + segment + suffix;
                out.add(new BadRequest("uuid " + abbreviate(segment) + suffix, "GET", path, null, null));
                String body = suffix.equals("/resource") ? report() : "{}";
                String method = suffix.equals("/heartbeat") ? "POST" : "PUT";
                if (!suffix.equals("/with-resource")) {
                    out.add(new BadRequest(
                            "uuid " + abbreviate(segment) + suffix,
                            method,
                            path,
                            "application/json",
                            body.getBytes(StandardCharsets.UTF_8)));
                }
            }
            out.add(new BadRequest("uuid " + abbreviate(segment), "DELETE", "/api/v1/nodes/" + segment, null, null));
        }
        String node = "/api/v1/nodes/" + uuid;
        for (String method : List.of("PATCH", "TRACE", "PROPFIND", "BREW")) {
            for (String path : List.of(
                    "/api/v1/nodes",
                    node,
                    node + "/heartbeat",
                    node + "/resource",
                    "/api/v1/cluster/stats",
                    "/api/v1/resources",
                    "/api/v1/admin/backups",
                    "/api/v1/admin/export")) {
                out.add(new BadRequest(
                        "method " + method, method, path, "application/json", "{}".getBytes(StandardCharsets.UTF_8)));
            }
        }
        for (String path : List.of(
                "/api/v1/nodes/" + uuid + "/heartbeat",
                "/api/v1/cluster/stats/x",
                "/api/v2/nodes",
                "/api/v1/node",
                "/api/v1/nodes/" + uuid + "/resource/x")) {
            out.add(new BadRequest("wrong route", "GET", path, null, null));
        }
        out.add(new BadRequest("DELETE the collection", "DELETE", "/api/v1/nodes", null, null));
        out.add(new BadRequest(
                "PUT the collection",
                "PUT",
                "/api/v1/nodes",
                "application/json",
                "[]".getBytes(StandardCharsets.UTF_8)));
    }

    private static void paging(List<BadRequest> out) {
        List<String> queries = new ArrayList<>();
        for (String limit : List.of(
                "0", "-1", "1001", "abc", "1e3", "1.5", "%205", "99999999999", "0x10", "%00", "5,6", "NaN", "+1")) {
            queries.add("limit=" + limit);
        }
        for (String token : List.of(
                "garbage",
                "%25%25",
                "AAAA",
                "eyJ1dWlkIjoiIn0",
                "bm9kZTo",
                "..%2F..%2F",
                "x".repeat(600),
                "bm9kZTp6enp6",
                "%ff%fe",
                "dGhpcyBpcyBub3QgYSB0b2tlbg")) {
            queries.add("page_token=" + token);
        }
        for (String status : List.of("bogus", "ACTIVE%20", "active,unhealthy", "%00")) {
            queries.add("status=" + status);
        }
        for (String label : List.of("novalue", "=x", "%3D%3D", "%3Dv")) {
            queries.add("label=" + label);
        }
        for (String selector : MalformedGrpcRequests.BAD_SELECTORS) {
            queries.add("selector=" + URLEncoder.encode(selector, StandardCharsets.UTF_8));
        }
        for (String path : List.of("/api/v1/nodes", "/api/v1/resources")) {
            for (String query : queries) {
                if (path.equals("/api/v1/resources") && query.startsWith("status")) {
                    continue;
                }
                out.add(new BadRequest("query " + abbreviate(query), "GET", path + "?" + query, null, null));
            }
        }
        List<String> reportQueries = new ArrayList<>();
        MalformedGrpcRequests.BAD_FILTERS.forEach(
                filter -> reportQueries.add("filter=" + URLEncoder.encode(filter, StandardCharsets.UTF_8)));
        MalformedGrpcRequests.BAD_SORTS.forEach(
                sort -> reportQueries.add("sort=" + URLEncoder.encode(sort, StandardCharsets.UTF_8)));
        reportQueries.add("sort=cpu_usage_percent&page_token=bm9kZTo");
        for (String query : reportQueries) {
            out.add(new BadRequest("query " + abbreviate(query), "GET", "/api/v1/resources?" + query, null, null));
        }
    }

    private static BadRequest json(String name, String method, String path, String body) {
        return new BadRequest(name, method, path, "application/json", body.getBytes(StandardCharsets.UTF_8));
    }

    /** A heartbeat's body is optional: without one (empty, or JSON null) it is a bare heartbeat. */
    private static boolean optionalBody(String path) {
        return path.endsWith("/heartbeat");
    }

    private static boolean isMap(String field) {
        return field.equals("metadata") || field.equals("health_info") || field.equals("resource_metadata");
    }

    /** A JSON value; what is not JSON (NaN, 01, a truncated object...) goes into the body as written. */
    private static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (Exception notJson) {
            return JSON.getNodeFactory().rawValueNode(new com.fasterxml.jackson.databind.util.RawValue(json));
        }
    }

    private static String manyEntries(int n) {
        StringBuilder map = new StringBuilder("{");
        for (int i = 0; i < n; i++) {
            map.append(i == 0 ? "" : ",").append("\"k").append(i).append("\": \"v\"");
        }
        return map.append('}').toString();
    }

    private static String toCamel(String snake) {
        StringBuilder out = new StringBuilder();
        boolean up = false;
        for (char c : snake.toCharArray()) {
            if (c == '_') {
                up = true;
            } else {
                out.append(up ? Character.toUpperCase(c) : c);
                up = false;
            }
        }
        return out.toString();
    }

    private static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 37) + "...";
    }

    private static String hex(byte[] bytes) {
        StringBuilder out = new StringBuilder();
        for (byte b : bytes) {
            out.append(String.format("%02x", b));
        }
        return out.toString();
    }
}
