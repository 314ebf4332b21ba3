package dev.polyboot.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import dev.polyboot.core.api.AddOutcome;
import dev.polyboot.core.api.Json;
import dev.polyboot.core.api.Polyboot;
import dev.polyboot.core.api.ProgressListener;
import dev.polyboot.core.api.VentoyImportReport;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The JSON API: each call is one call of core's {@link Polyboot} (the same as the CLI's command of that name) and
 * renders core's own JSON document. Writing calls are jobs ({@link Jobs}); install keeps the CLI's two steps (plan,
 * then the confirmed install, which core checks again).
 */
final class Api {
    static final String WARNINGS = "X-Polyboot-Warnings";
    /** Header values are ASCII: every other character as a JSON \\u escape. */
    private static final com.fasterxml.jackson.databind.ObjectMapper ASCII_JSON = new com.fasterxml.jackson.databind.ObjectMapper()
            .enable(com.fasterxml.jackson.core.json.JsonWriteFeature.ESCAPE_NON_ASCII.mappedFeature());
    private final Polyboot polyboot;
    private final Jobs jobs;
    private final WebServer.Options options;
    private final Setup setup;

    Api(Polyboot polyboot, Jobs jobs, WebServer.Options options) {
        this.polyboot = polyboot;
        this.jobs = jobs;
        this.options = options;
        this.setup = new Setup(this);
    }

    void handle(HttpExchange ex, String route) throws Exception {
        String m = ex.getRequestMethod();
        Map<String, String> q = Http.query(ex);
        switch (m + " " + route) {
            case "GET /api/devices" -> Http.send(ex, 200, polyboot.devices(options.sysroot()).json(false));
            case "GET /api/jobs" -> {
                ObjectNode o = Http.MAPPER.createObjectNode();
                o.set("jobs", jobs.list());
                Http.send(ex, 200, o);
            }
            case "GET /api/events" -> Events.stream(ex, jobs);
            case "GET /api/list" -> list(ex, target(q.get("target")));
            case "GET /api/config" -> Http.send(ex, 200, Json.render(polyboot.config(target(q.get("target")))));
            case "POST /api/install/plan" -> Http.send(ex, 200, setup.installPlan(Http.body(ex)).json());
            case "POST /api/install" -> setup.install(ex, Http.body(ex));
            case "POST /api/update/plan" -> Http.send(ex, 200, Setup.json(setup.updatePlan(Http.body(ex))));
            case "POST /api/update" -> setup.update(ex, Http.body(ex));
            case "POST /api/add" -> Upload.add(ex, q, this);
            case "POST /api/inspect" -> Upload.inspect(ex, q, this);
            case "POST /api/remove" -> remove(ex, Http.body(ex));
            case "POST /api/config" -> setConfig(ex, Http.body(ex));
            case "POST /api/config/password" -> setPassword(ex, Http.body(ex));
            case "POST /api/config/import" -> importVentoy(ex, target(q.get("target")));
            case "POST /api/verify" -> verify(ex, Http.body(ex));
            default -> throw new WebException(404, "no such API call: " + m + " " + route, "see docs/ARCHITECTURE.md (web)");
        }
    }

    Polyboot polyboot() {
        return polyboot;
    }

    Jobs jobs() {
        return jobs;
    }

    WebServer.Options options() {
        return options;
    }

    /** TARGET as the CLI takes it; a server showing a test drive list writes to image files only. */
    String target(String t) {
        if (t == null || t.isBlank()) throw new WebException(400, "no stick chosen: 'target' is missing", "pick a drive or type an image file path");
        if (options.sysroot() != null && Path.of(t).toAbsolutePath().normalize().startsWith("/dev")) {
            throw new WebException(409, "refused: this server shows a test drive list (" + options.sysroot()
                    + "); it works on image files only", "start polyboot web without a test drive list", "refused");
        }
        return t;
    }

    /**
     * Core's {@code images} document unchanged (a client can check it against the CLI's schema); the warnings the CLI
     * prints on stderr (a broken /polyboot.json, an unreadable catalogue) go in {@value #WARNINGS}, a JSON array.
     */
    private void list(HttpExchange ex, String target) throws Exception {
        List<String> warnings = new ArrayList<>();
        String doc = Json.render(polyboot.list(target, warnings(warnings)));
        ex.getResponseHeaders().set(WARNINGS, ASCII_JSON.writeValueAsString(warnings));
        Http.send(ex, 200, doc);
    }

    private void remove(HttpExchange ex, JsonNode b) throws Exception {
        String target = target(Http.text(b, "target", null));
        String path = Http.required(b, "path");
        Job job = jobs.claim("remove", target, "remove " + path);
        sync(ex, job, j -> tree(Json.render(polyboot.remove(target, path, j))));
    }

    private void setConfig(HttpExchange ex, JsonNode b) throws Exception {
        String target = target(Http.text(b, "target", null));
        String key = Http.required(b, "key");
        String value = Http.text(b, "value", "");
        Job job = jobs.claim("config", target, "config set " + key);
        sync(ex, job, j -> tree(Json.render(polyboot.setConfig(target, key, value, j))));
    }

    /**
     * {@code config set TARGET password[./PATH] -}: the password arrives in the request body (never in the address, so
     * it is in no log), core stores only its GRUB PBKDF2 hash; removing one is {@code /api/config} with an empty value.
     */
    private void setPassword(HttpExchange ex, JsonNode b) throws Exception {
        String target = target(Http.text(b, "target", null));
        String key = Http.required(b, "key");
        String password = Http.required(b, "password");
        if (!key.equals("password") && !key.startsWith("password./")) {
            throw new WebException(400, "\"" + key + "\" is not a password key", "use password (the whole menu) or password./PATH", "usage");
        }
        Job job = jobs.claim("config", target, "config set " + key);
        sync(ex, job, j -> tree(Json.render(polyboot.setConfigPassword(target, key, password.toCharArray(), j))));
    }

    /**
     * {@code config import TARGET ventoy.json}: the body is the ventoy.json itself (the page reads the chosen file);
     * the answer is core's import report (converted, unconverted with why, notes).
     */
    private void importVentoy(HttpExchange ex, String target) throws Exception {
        byte[] ventoyJson = Http.bytes(ex, VentoyImportReport.MAX_BYTES);
        if (ventoyJson.length == 0) throw new WebException(400, "the ventoy.json is empty", "choose the stick's /ventoy/ventoy.json", "usage");
        Job job = jobs.claim("config", target, "config import ventoy.json");
        sync(ex, job, j -> tree(Json.render(polyboot.importVentoy(target, ventoyJson, j))));
    }

    private void verify(HttpExchange ex, JsonNode b) throws Exception {
        String target = target(Http.text(b, "target", null));
        boolean full = b.path("full").asBoolean(false);
        Job job = jobs.claim("verify", target, "verify " + target + (full ? " (every file)" : ""));
        jobs.start(job, j -> tree(Json.render(polyboot.verify(target, full, j))));
        accepted(ex, job);
    }

    /** A short writing call: claimed like a job (one per stick), answered when done, with core's status mapping. */
    private void sync(HttpExchange ex, Job job, Jobs.Work work) throws Exception {
        JsonNode done = jobs.runNow(job, work);
        if (done.has("error")) {
            throw new WebException(status(done.path("errorKind").asText()), done.path("error").asText(), done.path("hint").asText(),
                    done.path("errorKind").asText());
        }
        Http.send(ex, 200, done.get("result"));
    }

    /** A job run on the request's thread: its error as the answer's status, else {@code {"job": ...}}. */
    static void answer(HttpExchange ex, JsonNode done) throws Exception {
        if (done.has("error")) {
            throw new WebException(status(done.path("errorKind").asText()), done.path("error").asText(), done.path("hint").asText(),
                    done.path("errorKind").asText());
        }
        ObjectNode o = Http.MAPPER.createObjectNode();
        o.set("job", done);
        Http.send(ex, 200, o);
    }

    private static int status(String kind) {
        return switch (kind) {
            case "refused" -> 409;
            case "usage" -> 400;
            default -> 500;
        };
    }

    static void accepted(HttpExchange ex, Job job) throws IOException {
        ObjectNode o = Http.MAPPER.createObjectNode();
        o.set("job", job.json());
        Http.send(ex, 202, o);
    }

    static JsonNode tree(String json) throws IOException {
        return Http.MAPPER.readTree(json);
    }

    static JsonNode addResult(AddOutcome r) throws IOException {
        if (!r.notAdded().isEmpty()) throw new IOException(r.notAdded().get(0).reason());
        return tree(Json.render(r));
    }

    private static ProgressListener warnings(List<String> into) {
        return new ProgressListener() {
            @Override
            public void progress(String phase, long done, long total) {}

            @Override
            public void warning(String message) {
                into.add(message);
            }
        };
    }
}
