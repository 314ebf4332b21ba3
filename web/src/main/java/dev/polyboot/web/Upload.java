package dev.polyboot.web;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import dev.polyboot.core.api.Inspection;
import dev.polyboot.core.api.StickReport;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * {@code POST /api/add?target=T&name=N[&to=DIR][&force=true]}, the file's bytes as the body (Content-Length
 * required; a file that fits neither the stick nor the upload directory is refused before a byte is read). The job exists from the first byte (the page sees "receiving", a second job on the stick is refused);
 * once the body is in, core's {@code add} runs on the server and the call answers 202 with the job.
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
        Path file;
        try {
            roomFor(api, target, name, length);
            file = Uploads.receive(ex.getRequestBody(), api.options().uploadDir(), name, length, job);
        } catch (Exception e) {
            api.jobs().runNow(job, j -> {
                throw e;
            });
            throw e;
        }
        api.jobs().start(job, j -> {
            try {
                return Api.addResult(api.polyboot().add(target, List.of(file), to, force, j));
            } finally {
                Uploads.delete(file);
            }
        });
        Api.accepted(ex, job);
    }

    /**
     * {@code POST /api/inspect?name=N}, the file as the body: core's {@code inspect} of it (what it is, how the menu
     * would boot it and why), answered at once; the file is deleted afterwards. No stick is involved.
     */
    static void inspect(HttpExchange ex, Map<String, String> q, Api api) throws Exception {
        String name = Uploads.checkName(q.get("name"));
        long length = length(ex);
        Path dir = api.options().uploadDir();
        hostRoom(dir, name, length);
        Path file = Uploads.receive(ex.getRequestBody(), dir, name, length, dev.polyboot.core.api.ProgressListener.NONE);
        try {
            Inspection r = api.polyboot().inspect(List.of(file));
            ObjectNode o = (ObjectNode) Api.tree(r.json());
            o.put("text", r.text().replace(file.toString(), name));
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

    /**
     * Refuses before the first byte is read when the file cannot fit: on the stick's data partition (core's
     * {@code info}; add checks again) or in the upload directory (the file waits there).
     */
    private static void roomFor(Api api, String target, String name, long length) throws Exception {
        StickReport info = api.polyboot().info(target);
        if (info.data() != null && info.data().freeBytes() < length) {
            throw new WebException(409, "refused: " + name + " needs " + length + " bytes, the data partition of " + target + " has "
                    + info.data().freeBytes() + " free", "remove images (polyboot remove) or use a bigger stick", "refused");
        }
        hostRoom(api.options().uploadDir(), name, length);
    }

    private static void hostRoom(Path dir, String name, long length) throws java.io.IOException {
        java.nio.file.Files.createDirectories(dir);
        long free = java.nio.file.Files.getFileStore(dir).getUsableSpace();
        if (free < length) {
            throw new WebException(507, "no room for the upload of " + name + " in " + dir + ": it needs " + length + " bytes, "
                    + free + " are free", "start polyboot web with --upload-dir DIR on a disk with room", "failed");
        }
    }
}
