package dev.polyboot.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import dev.polyboot.core.api.Inspection;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * {@code POST /api/add?target=T&name=N[&to=DIR][&force=true]}, the file's bytes as the body (Content-Length required):
 * core's {@code add} from a stream, as a job claimed before the first byte is read (the page follows "copying",
 * "verifying"; a second job on the stick is refused). What needs no content (name, space, already there) is refused
 * before the body is read. The call answers when the job ends; a page reloaded meanwhile finds the job in the events.
 */
final class Upload {
    private Upload() {}

    static void add(HttpExchange ex, Map<String, String> q, Api api) throws Exception {
        String target = api.target(q.get("target"));
        String name = Uploads.checkName(q.get("name"));
        String to = q.getOrDefault("to", "/");
        boolean force = "true".equals(q.get("force"));
        long length = length(ex);
        Job job = api.jobs().claim("add", target, "add " + name);
        // the request body goes straight into core's add: on the stick as it arrives, never whole in memory
        JsonNode done = api.jobs().runNow(job, j -> Api.addResult(api.polyboot().add(target, ex.getRequestBody(), name, length, to,
                force, j)));
        Api.answer(ex, done);
    }

    /**
     * {@code POST /api/inspect?name=N[&format=text]}, the file as the body: core's {@code inspect} of it (what it is,
     * how the menu would boot it and why) as {@code inspect --json}'s document, or its text; the file is deleted
     * afterwards. No stick is involved.
     */
    static void inspect(HttpExchange ex, Map<String, String> q, Api api) throws Exception {
        String name = Uploads.checkName(q.get("name"));
        long length = length(ex);
        Path dir = api.options().uploadDir();
        hostRoom(dir, name, length);
        Path file = Uploads.receive(ex.getRequestBody(), dir, name, length, dev.polyboot.core.api.ProgressListener.NONE);
        try {
            Inspection r = api.polyboot().inspect(List.of(file));
            if ("text".equals(q.get("format"))) { // what `polyboot inspect FILE` prints
                byte[] text = r.text().replace(file.toString(), name).getBytes(java.nio.charset.StandardCharsets.UTF_8);
                ex.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
                ex.sendResponseHeaders(200, text.length);
                try (var out = ex.getResponseBody()) {
                    out.write(text);
                }
                return;
            }
            ObjectNode o = (ObjectNode) Api.tree(r.json()); // core's inspect document (`inspect --json`)
            for (var img : o.path("images")) if (img instanceof ObjectNode n && n.has("name")) n.put("name", name);
            Http.send(ex, 200, o);
        } finally {
            Uploads.delete(file);
        }
    }

    private static long length(HttpExchange ex) {
        try {
            long n = Long.parseLong(ex.getRequestHeaders().getFirst("Content-Length"));
            if (n < 0) throw new NumberFormatException();
            return n;
        } catch (NumberFormatException e) {
            throw new WebException(411, "the upload needs a Content-Length", "send the file as the request body");
        }
    }

    /** Refuses before the first byte is read when the file cannot wait in the upload directory. */
    private static void hostRoom(Path dir, String name, long length) throws java.io.IOException {
        java.nio.file.Files.createDirectories(dir);
        long free = java.nio.file.Files.getFileStore(dir).getUsableSpace();
        if (free < length) {
            throw new WebException(507, "no room for the upload of " + name + " in " + dir + ": it needs " + length + " bytes, "
                    + free + " are free", "start polyboot web with --upload-dir DIR on a disk with room", "failed");
        }
    }
}
