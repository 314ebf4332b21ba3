package dev.polyboot.web;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Map;

/**
 * The page: a fixed set of files from the jar ({@code dev/polyboot/web/static/}); no other path is looked up, so no
 * request can name a file of its own. No CDN, no build step: plain HTML, CSS and JavaScript.
 */
final class StaticFiles {
    private static final String BASE = "/dev/polyboot/web/static/";
    private static final Map<String, String> FILES = Map.of(
            "/", "index.html text/html",
            "/index.html", "index.html text/html",
            "/app.js", "app.js text/javascript",
            "/app.css", "app.css text/css");
    /** Only our own scripts and styles; the page may not be framed (clickjacking) nor leak its address (the token). */
    static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:;"
            + " base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    private StaticFiles() {}

    static boolean serves(String path) {
        return FILES.containsKey(path);
    }

    static void send(HttpExchange ex, String path) throws IOException {
        String[] f = FILES.get(path).split(" ");
        byte[] body;
        try (InputStream in = StaticFiles.class.getResourceAsStream(BASE + f[0])) {
            if (in == null) throw new IOException("page file missing from the jar: " + f[0]);
            body = in.readAllBytes();
        }
        var h = ex.getResponseHeaders();
        h.set("Content-Type", f[1] + "; charset=utf-8");
        h.set("Cache-Control", "no-store");
        h.set("Content-Security-Policy", CSP);
        h.set("X-Content-Type-Options", "nosniff");
        h.set("Referrer-Policy", "no-referrer");
        boolean head = "HEAD".equals(ex.getRequestMethod());
        ex.sendResponseHeaders(200, head ? -1 : body.length);
        try (OutputStream out = ex.getResponseBody()) {
            if (!head) out.write(body);
        }
    }
}
