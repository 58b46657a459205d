package io.spear.next.storage.kv.transfer;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import io.spear.next.storage.kv.KvPair;
import io.spear.next.storage.kv.KvWrites;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * Reads an NDJSON stream written by {@link KvExport} and writes it in atomic batches. A line that
 * cannot be read stops the import with a {@link KvImportException} naming the line; the lines
 * before it are imported (the batch in progress is written first), none after it.
 */
public final class KvImport {

    static final int BATCH_PAIRS = 1000;
    static final long BATCH_BYTES = 8L << 20;

    private KvImport() {}

    public static TransferStats importFrom(KvWrites store, InputStream in) {
        return importFrom(store, in, (key, value) -> {});
    }

    /**
     * As {@link #importFrom(KvWrites, InputStream)}, with {@code check} called on every pair first:
     * an {@link IllegalArgumentException} from it stops the import at that line, like a line that
     * does not parse. How a caller refuses pairs its own layer could not read.
     */
    public static TransferStats importFrom(KvWrites store, InputStream in, BiConsumer<String, byte[]> check) {
        Progress progress = new Progress("imported");
        List<KvPair> batch = new ArrayList<>();
        long batchBytes = 0;
        long bytes = 0;
        long lineNumber = 0;
        BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16);
        try {
            String line;
            while ((line = lines.readLine()) != null) {
                lineNumber++;
                bytes += line.length() + 1;
                if (line.isBlank()) {
                    continue;
                }
                KvPair pair;
                try {
                    pair = parse(line);
                    check.accept(pair.key(), pair.value());
                } catch (IllegalArgumentException | JsonProcessingException e) {
                    store.batchPut(batch);
                    throw new KvImportException(lineNumber, progress.pairs(), reason(e));
                }
                batch.add(pair);
                batchBytes += line.length();
                progress.add(line.length() + 1);
                if (batch.size() >= BATCH_PAIRS || batchBytes >= BATCH_BYTES) {
                    store.batchPut(batch);
                    batch = new ArrayList<>();
                    batchBytes = 0;
                }
            }
        } catch (IOException e) {
            store.batchPut(batch);
            throw new UncheckedIOException(
                    "import stopped at line " + lineNumber + " after " + progress.pairs() + " pairs: " + e.getMessage(),
                    e);
        }
        store.batchPut(batch);
        return new TransferStats(progress.done().pairs(), bytes);
    }

    private static KvPair parse(String line) throws IOException {
        try (JsonParser json = KvExport.JSON.createParser(line)) {
            json.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
            expect(json.nextToken() == JsonToken.START_OBJECT, "expected a JSON object {\"key\": ..., \"value\": ...}");
            String key = null;
            byte[] value = null;
            while (json.nextToken() == JsonToken.FIELD_NAME) {
                String field = json.currentName();
                expect(json.nextToken() == JsonToken.VALUE_STRING, "\"" + field + "\" must be a string");
                switch (field) {
                    case KvExport.KEY -> key = json.getText();
                    case KvExport.VALUE -> value = json.getBinaryValue();
                    default -> throw new IllegalArgumentException("unknown field \"" + field + "\"");
                }
            }
            expect(json.currentToken() == JsonToken.END_OBJECT, "malformed object");
            expect(json.nextToken() == null, "text after the object");
            expect(key != null && !key.isEmpty(), "\"key\" is missing or empty");
            expect(value != null, "\"value\" is missing");
            return new KvPair(key, value);
        }
    }

    private static void expect(boolean condition, String problem) {
        if (!condition) {
            throw new IllegalArgumentException(problem);
        }
    }

    private static String reason(Exception e) {
        return e instanceof JsonProcessingException json ? json.getOriginalMessage() : e.getMessage();
    }
}
