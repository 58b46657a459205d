package io.spear.next.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;

/**
 * A Server-Sent Events client for tests: connects, then parses events ({@code id}, {@code event},
 * {@code data} lines up to a blank line) on a thread of its own into a queue, or, when asked not
 * to read, leaves the stream alone so that the server sees a consumer that does not keep up.
 */
public final class SseClient implements AutoCloseable {

    public record Event(String id, String name, String data) {}

    private static final Event END = new Event(null, null, null);
    private static final HttpClient HTTP =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private final HttpResponse<InputStream> response;
    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    private Thread reader;

    private SseClient(HttpResponse<InputStream> response) {
        this.response = response;
    }

    public static SseClient connect(String url, Map<String, String> headers) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).header("Accept", "text/event-stream");
        headers.forEach(request::header);
        return new SseClient(HTTP.send(request.build(), HttpResponse.BodyHandlers.ofInputStream()));
    }

    public int status() {
        return response.statusCode();
    }

    public String contentType() {
        return response.headers().firstValue("Content-Type").orElse("");
    }

    public String contentEncoding() {
        return response.headers().firstValue("Content-Encoding").orElse("");
    }

    /** The whole body, for a response that is not a stream (an error). */
    public String body() throws IOException {
        return new String(response.body().readAllBytes(), StandardCharsets.UTF_8);
    }

    /** Starts reading events in the background. */
    public SseClient read() {
        reader = new Thread(
                () -> {
                    try (InputStream lines = decoded()) {
                        String id = null;
                        String name = null;
                        StringBuilder data = new StringBuilder();
                        for (String line = readLine(lines); line != null; line = readLine(lines)) {
                            if (line.isEmpty()) {
                                if (!data.isEmpty() || name != null) {
                                    events.add(new Event(id, name, data.toString()));
                                }
                                id = null;
                                name = null;
                                data.setLength(0);
                            } else if (line.startsWith("id:")) {
                                id = line.substring(3).strip();
                            } else if (line.startsWith("event:")) {
                                name = line.substring(6).strip();
                            } else if (line.startsWith("data:")) {
                                data.append(data.isEmpty() ? "" : "\n")
                                        .append(line.substring(5).strip());
                            }
                        }
                    } catch (IOException closed) {
                        // the stream ended
                    } finally {
                        events.add(END);
                    }
                },
                "sse-client");
        reader.setDaemon(true);
        reader.start();
        return this;
    }

    // a gzip stream (asked for with Accept-Encoding) is read as it comes: the server flushes each event
    private InputStream decoded() throws IOException {
        return contentEncoding().equals("gzip") ? new GZIPInputStream(response.body(), 512) : response.body();
    }

    // Byte by byte: a Reader would wait for more once it has a line, since an inflating stream
    // always claims to have bytes available
    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b == -1) {
                return line.size() == 0 ? null : line.toString(StandardCharsets.UTF_8);
            }
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.UTF_8);
    }

    /** The next event, or null when none came within {@code timeout} or the stream ended. */
    public Event next(Duration timeout) throws InterruptedException {
        Event event = events.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        return event == END ? null : event;
    }

    /** The next {@code n} events; fails when they do not come within {@code timeout} each. */
    public List<Event> next(int n, Duration timeout) throws InterruptedException {
        List<Event> received = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Event event = next(timeout);
            if (event == null) {
                throw new AssertionError("only " + received.size() + " of " + n + " events came: " + received);
            }
            received.add(event);
        }
        return received;
    }

    /** Every event until the server ends the stream. */
    public List<Event> untilEnd(Duration timeout) throws InterruptedException {
        List<Event> received = new ArrayList<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            Event event = events.poll(100, TimeUnit.MILLISECONDS);
            if (event == END) {
                return received;
            }
            if (event != null) {
                received.add(event);
            }
        }
        throw new AssertionError("the stream did not end within " + timeout + " after " + received.size() + " events");
    }

    @Override
    public void close() throws IOException {
        response.body().close();
    }
}
