package dev.polyboot.web;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.polyboot.core.api.Polyboot;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * {@code polyboot web}: the page and its JSON API on 127.0.0.1 only, on the JDK's own HTTP server. Every request
 * passes {@link Access} (Host, Origin, token); {@code /api/} goes to {@link Api}, the rest to {@link StaticFiles}.
 */
public final class WebServer implements AutoCloseable {
    /**
     * @param port      0: a free port
     * @param sysroot   a copy of /sys, /dev, /proc for the drive list (tests); null: this machine. With one, the
     *                  server refuses every target under /dev (it works on image files only)
     * @param uploadDir where uploads wait for core's add (a private directory each)
     */
    public record Options(int port, Path sysroot, Path uploadDir) {
        public Options {
            if (port < 0 || port > 65535) throw new IllegalArgumentException("--port must be 0..65535, not " + port);
            if (uploadDir == null) uploadDir = Path.of(System.getProperty("java.io.tmpdir"));
        }

        public static Options port(int port) {
            return new Options(port, null, null);
        }
    }

    private final HttpServer server;
    private final ExecutorService threads;
    private final Jobs jobs;
    private final Access access;

    private WebServer(HttpServer server, ExecutorService threads, Jobs jobs, Access access) {
        this.server = server;
        this.threads = threads;
        this.jobs = jobs;
        this.access = access;
    }

    /** Binds to 127.0.0.1 and starts serving; a busy port is an IOException naming it. */
    public static WebServer start(Polyboot polyboot, Options o) throws IOException {
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), o.port()), 50);
        } catch (java.net.BindException e) {
            throw new IOException("port " + o.port() + " on 127.0.0.1 is in use (" + e.getMessage() + "); choose another with --port", e);
        }
        ExecutorService threads = Executors.newFixedThreadPool(32, r -> {
            Thread t = new Thread(r, "polyboot-web-http");
            t.setDaemon(true);
            return t;
        });
        Jobs jobs = new Jobs();
        Access access = new Access(Access.newToken(), server.getAddress().getPort());
        Api api = new Api(polyboot, jobs, o);
        server.createContext("/", ex -> handle(ex, access, api));
        server.setExecutor(threads);
        server.start();
        return new WebServer(server, threads, jobs, access);
    }

    private static void handle(HttpExchange ex, Access access, Api api) throws IOException {
        try (ex) {
            String path = ex.getRequestURI().getPath();
            boolean isApi = path.startsWith("/api/");
            Http.Error refused = access.check(ex, isApi);
            if (refused != null) {
                Http.send(ex, refused);
            } else if (isApi) {
                try {
                    api.handle(ex, path);
                } catch (WebException e) {
                    Http.send(ex, e.error);
                } catch (Exception e) {
                    Http.send(ex, Http.Error.of(e));
                }
            } else if (StaticFiles.serves(path) && ("GET".equals(ex.getRequestMethod()) || "HEAD".equals(ex.getRequestMethod()))) {
                StaticFiles.send(ex, path);
            } else {
                Http.send(ex, new Http.Error(404, "not found: " + path, "open the address polyboot web printed"));
            }
        } catch (IOException e) {
            // the browser went away mid-answer
        }
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public InetSocketAddress address() {
        return server.getAddress();
    }

    public String token() {
        return access.token();
    }

    /** The page's address with the token: what {@code polyboot web} prints. */
    public String url() {
        return "http://127.0.0.1:" + port() + "/?token=" + access.token();
    }

    @Override
    public void close() {
        server.stop(0);
        jobs.close();
        threads.shutdownNow();
    }
}
