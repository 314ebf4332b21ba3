package dev.polyboot.web;

import com.sun.net.httpserver.HttpExchange;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * {@code POST /api/add?target=T&name=N[&to=DIR][&force=true]}, the file's bytes as the body (Content-Length
 * required). The job exists from the first byte (the page sees "receiving", a second job on the stick is refused);
 * once the body is in, core's {@code add} runs on the server and the call answers 202 with the job.
 */
final class Upload {
    private Upload() {}

    static void add(HttpExchange ex, Map<String, String> q, Api api) throws Exception {
        String target = api.target(q.get("target"));
        String name = Uploads.checkName(q.get("name"));
        String to = q.getOrDefault("to", "/");
        boolean force = "true".equals(q.get("force"));
        String len = ex.getRequestHeaders().getFirst("Content-Length");
        long length;
        try {
            length = Long.parseLong(len);
        } catch (NumberFormatException e) {
            throw new WebException(411, "the upload needs a Content-Length", "send the file as the request body");
        }
        if (length < 0) throw new WebException(400, "negative Content-Length", "");
        Job job = api.jobs().claim("add", target, "add " + name);
        Path file;
        try {
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
}
