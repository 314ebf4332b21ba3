package dev.polyboot.web;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * {@code GET /api/events}: server-sent events. First {@code event: jobs} with every job the server holds (what a
 * reloaded page re-attaches to), then {@code event: job} for each change; a comment every 15 s finds closed pages.
 */
final class Events {
    private Events() {}

    static void stream(HttpExchange ex, Jobs jobs) throws IOException {
        ex.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
        ex.getResponseHeaders().set("Cache-Control", "no-store");
        ex.sendResponseHeaders(200, 0);
        BlockingQueue<String> q = jobs.subscribe();
        try (OutputStream out = ex.getResponseBody()) {
            write(out, "event: jobs\ndata: " + Http.MAPPER.writeValueAsString(jobs.list()) + "\n\n");
            while (true) {
                String data = q.poll(15, TimeUnit.SECONDS);
                write(out, data == null ? ": keep-alive\n\n" : "event: job\ndata: " + data + "\n\n");
            }
        } catch (IOException | InterruptedException e) {
            // the page went away, or the server stops
        } finally {
            jobs.unsubscribe(q);
        }
    }

    private static void write(OutputStream out, String s) throws IOException {
        out.write(s.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }
}
