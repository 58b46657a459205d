package io.spear.next.storage.kv.transfer;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.spear.next.storage.kv.KvCursor;
import io.spear.next.storage.kv.KvReads;
import io.spear.next.storage.kv.RangeOptions;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;

/**
 * Writes every pair of a store as NDJSON, one {@code {"key": "...", "value": "<base64>"}} per line,
 * in key order, from one consistent snapshot (a cursor), without loading the store into memory.
 * {@link KvImport} reads the same format into any backend.
 */
public final class KvExport {

    // No separator between root values: each line ends with its own newline.
    static final JsonFactory JSON = new JsonFactory().setRootValueSeparator(null);
    static final String KEY = "key";
    static final String VALUE = "value";

    private KvExport() {}

    public static TransferStats exportTo(KvReads store, OutputStream out) {
        Progress progress = new Progress("exported");
        CountingOutputStream counted = new CountingOutputStream(out);
        try (KvCursor cursor = store.cursor(RangeOptions.all());
                JsonGenerator json = JSON.createGenerator(counted, JsonEncoding.UTF8)) {
            json.configure(JsonGenerator.Feature.AUTO_CLOSE_TARGET, false);
            long before = 0;
            while (cursor.next()) {
                json.writeStartObject();
                json.writeStringField(KEY, cursor.key());
                json.writeBinaryField(VALUE, cursor.value());
                json.writeEndObject();
                json.writeRaw('\n');
                json.flush();
                progress.add(counted.count - before);
                before = counted.count;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("export failed after " + progress.pairs() + " pairs: " + e.getMessage(), e);
        }
        return new TransferStats(progress.done().pairs(), counted.count);
    }

    /** Counts bytes on their way out, for the progress log and the result. */
    private static final class CountingOutputStream extends OutputStream {
        private final OutputStream out;
        private long count;

        CountingOutputStream(OutputStream out) {
            this.out = out;
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            count += len;
        }

        @Override
        public void flush() throws IOException {
            out.flush();
        }
    }
}
