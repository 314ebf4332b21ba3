package dev.polyboot.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import dev.polyboot.core.api.Failure;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/** Small helpers over the JDK's exchange: query parameters, JSON bodies and answers, errors as one JSON shape. */
final class Http {
    static final ObjectMapper MAPPER = new ObjectMapper();
    /** JSON request bodies are small forms; anything bigger is refused rather than read. */
    static final int MAX_JSON_BODY = 64 * 1024;

    private Http() {}

    /** An answer that is not a success: {@code {"error": MESSAGE, "hint": HINT, "kind": KIND}}. */
    record Error(int status, String message, String hint, String kind) {
        Error(int status, String message, String hint) {
            this(status, message, hint, status == 401 || status == 403 ? "refused" : "usage");
        }

        /** A core failure, mapped as the CLI maps it to exit codes: refusal 409, caller's mistake 400, the rest 500. */
        static Error of(Throwable e) {
            Failure f = Failure.of(e);
            int status = switch (f.kind()) {
                case REFUSED -> 409;
                case USAGE -> 400;
                default -> 500;
            };
            return new Error(status, f.message(), f.hint(), f.kind().name().toLowerCase(java.util.Locale.ROOT));
        }

        ObjectNode json() {
            ObjectNode o = MAPPER.createObjectNode();
            o.put("error", message);
            o.put("hint", hint);
            o.put("kind", kind);
            return o;
        }
    }

    static Map<String, String> query(HttpExchange ex) {
        Map<String, String> out = new HashMap<>();
        String q = ex.getRequestURI().getRawQuery();
        if (q == null) return out;
        for (String part : q.split("&")) {
            if (part.isEmpty()) continue;
            int eq = part.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? part : part.substring(0, eq), StandardCharsets.UTF_8);
            String v = eq < 0 ? "" : URLDecoder.decode(part.substring(eq + 1), StandardCharsets.UTF_8);
            out.putIfAbsent(k, v);
        }
        return out;
    }

    /** The raw request body, at most {@code max} bytes (more is a 400 naming the limit). */
    static byte[] bytes(HttpExchange ex, int max) throws IOException {
        try (InputStream in = ex.getRequestBody()) {
            byte[] b = in.readNBytes(max + 1);
            if (b.length > max) throw new IllegalArgumentException("request body over " + max + " bytes");
            return b;
        }
    }

    static JsonNode body(HttpExchange ex) throws IOException {
        try (InputStream in = ex.getRequestBody()) {
            byte[] b = in.readNBytes(MAX_JSON_BODY + 1);
            if (b.length > MAX_JSON_BODY) throw new IllegalArgumentException("request body over " + MAX_JSON_BODY + " bytes");
            if (b.length == 0) return MAPPER.createObjectNode();
            try {
                return MAPPER.readTree(b);
            } catch (IOException e) {
                throw new IllegalArgumentException("request body is not JSON: " + e.getMessage().lines().findFirst().orElse(""));
            }
        }
    }

    static String text(JsonNode o, String field, String fallback) {
        JsonNode n = o.get(field);
        return n == null || n.isNull() ? fallback : n.asText();
    }

    static String required(JsonNode o, String field) {
        String v = text(o, field, null);
        if (v == null || v.isBlank()) throw new IllegalArgumentException("'" + field + "' is missing");
        return v;
    }

    static void send(HttpExchange ex, int status, String json) throws IOException {
        byte[] b = json.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        ex.getResponseHeaders().set("Cache-Control", "no-store");
        ex.sendResponseHeaders(status, b.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(b);
        }
    }

    static void send(HttpExchange ex, int status, JsonNode json) throws IOException {
        send(ex, status, MAPPER.writeValueAsString(json));
    }

    static void send(HttpExchange ex, Error e) throws IOException {
        send(ex, e.status(), e.json());
    }
}
