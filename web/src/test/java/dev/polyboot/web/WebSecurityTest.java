package dev.polyboot.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.polyboot.core.api.Polyboot;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Who may call the server: token (401), Host and Origin (403), loopback only, upload names that stay plain. */
class WebSecurityTest {
    @TempDir
    Path tmp;
    WebServer server;
    int port;

    @BeforeEach
    void start() throws IOException {
        server = WebServer.start(Polyboot.system(), new WebServer.Options(0, null, tmp.resolve("uploads")));
        port = server.port();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private Map<String, String> token() {
        return Map.of(Access.HEADER, server.token());
    }

    @Test
    void everyApiCallNeedsTheToken() throws IOException {
        assertThat(RawHttp.get(port, "/api/jobs", Map.of()).status()).isEqualTo(401);
        assertThat(RawHttp.get(port, "/api/jobs", Map.of()).body()).contains("no token");
        assertThat(RawHttp.get(port, "/api/devices", Map.of(Access.HEADER, "x" + server.token())).status()).isEqualTo(401);
        assertThat(RawHttp.get(port, "/api/jobs?token=wrong", Map.of()).status()).isEqualTo(401);
        assertThat(RawHttp.send(port, "POST", "/api/install/plan", Map.of(), "{}".getBytes(StandardCharsets.UTF_8)).status())
                .isEqualTo(401);
        assertThat(RawHttp.get(port, "/api/jobs", token()).status()).isEqualTo(200);
        assertThat(RawHttp.get(port, "/api/jobs?token=" + server.token(), Map.of()).status()).isEqualTo(200);
    }

    @Test
    void theTokenIsNewAtEveryStartAndLongEnough() throws IOException {
        try (WebServer other = WebServer.start(Polyboot.system(), WebServer.Options.port(0))) {
            assertThat(other.token()).isNotEqualTo(server.token()).hasSizeGreaterThanOrEqualTo(43); // 256 bits
            assertThat(other.url()).isEqualTo("http://127.0.0.1:" + other.port() + "/?token=" + other.token());
        }
    }

    @Test
    void aForeignHostIsRefusedEvenWithTheToken() throws IOException {
        // DNS rebinding: evil.example resolves to 127.0.0.1, the browser sends Host: evil.example:PORT
        Map<String, String> h = new java.util.HashMap<>(token());
        h.put("Host", "evil.example:" + port);
        assertThat(RawHttp.get(port, "/api/jobs", h).status()).isEqualTo(403);
        assertThat(RawHttp.get(port, "/", Map.of("Host", "evil.example:" + port)).status()).isEqualTo(403);
        assertThat(RawHttp.get(port, "/api/jobs", Map.of(Access.HEADER, server.token(), "Host", "127.0.0.1:1")).status()).isEqualTo(403);
        assertThat(RawHttp.get(port, "/api/jobs", Map.of(Access.HEADER, server.token(), "Host", "localhost:" + port)).status())
                .isEqualTo(200);
    }

    @Test
    void anotherSitesOriginIsRefusedEvenWithTheToken() throws IOException {
        Map<String, String> evil = Map.of(Access.HEADER, server.token(), "Origin", "http://evil.example");
        assertThat(RawHttp.send(port, "POST", "/api/install/plan", evil, "{}".getBytes(StandardCharsets.UTF_8)).status())
                .isEqualTo(403);
        assertThat(RawHttp.get(port, "/api/jobs", Map.of(Access.HEADER, server.token(), "Origin", "http://127.0.0.1:" + (port + 1)))
                .status()).isEqualTo(403);
        assertThat(RawHttp.get(port, "/api/jobs", Map.of(Access.HEADER, server.token(), "Origin", "http://127.0.0.1:" + port))
                .status()).isEqualTo(200);
    }

    @Test
    void thePageItselfNeedsNoTokenButIsNotFramableAndLeaksNoReferrer() throws IOException {
        RawHttp.Response r = RawHttp.get(port, "/", Map.of());
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body()).contains("<title>polyboot</title>").doesNotContain("http://", "https://");
        assertThat(RawHttp.get(port, "/app.js", Map.of()).body()).doesNotContain("http://", "https://"); // no CDN
        assertThat(RawHttp.get(port, "/../../etc/passwd", Map.of()).status()).isEqualTo(404);
        assertThat(RawHttp.get(port, "/dev/polyboot/web/static/app.js", Map.of()).status()).isEqualTo(404);
    }

    @Test
    void listensOnLoopbackOnlyAndIsNotReachableOnAnyOtherAddress() throws IOException {
        assertThat(server.address().getAddress().isLoopbackAddress()).isTrue();
        List<InetAddress> others = new ArrayList<>();
        for (NetworkInterface n : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (!n.isUp()) continue;
            for (InetAddress a : Collections.list(n.getInetAddresses())) if (!a.isLoopbackAddress()) others.add(a);
        }
        for (InetAddress a : others) {
            assertThatThrownBy(() -> {
                try (Socket s = new Socket()) {
                    s.connect(new InetSocketAddress(a, port), 2000);
                }
            }).as("connect to %s:%d", a, port).isInstanceOf(ConnectException.class);
        }
        System.out.println("non-loopback addresses tried: " + others);
    }

    @Test
    void anUploadTooBigForTheStickIsRefusedBeforeItsBodyIsRead() throws Exception {
        Path stick = tmp.resolve("small.img");
        dev.polyboot.core.install.TestSticks.install(stick, 256L << 20, dev.polyboot.core.layout.PartitionStyle.MBR, 3);
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
            s.setSoTimeout(10_000);
            // 1 GiB announced, nothing sent: the answer must come without waiting for the body
            String req = "POST /api/add?target=" + stick + "&name=big.iso HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\n"
                    + Access.HEADER + ": " + server.token() + "\r\nContent-Length: " + (1L << 30) + "\r\n\r\n";
            s.getOutputStream().write(req.getBytes(StandardCharsets.ISO_8859_1));
            s.getOutputStream().flush();
            String head = new String(s.getInputStream().readNBytes(12), StandardCharsets.ISO_8859_1);
            assertThat(head).isEqualTo("HTTP/1.1 409");
        }
        assertThat(tmp.resolve("uploads")).doesNotExist(); // not one byte was received
        assertThat(RawHttp.get(port, "/api/jobs", token()).body()).contains("the file needs 1073741824 bytes, the data partition has");
    }

    @Test
    void anUploadNameWithADirectoryPartIsRefusedBeforeAnythingIsWritten() throws IOException {
        byte[] body = "not an image".getBytes(StandardCharsets.UTF_8);
        String x = "pb-escape-" + System.nanoTime(); // a name nobody else uses: it must appear nowhere
        for (String name : List.of("..%2F" + x, "..", "a%2F..%2F..%2F" + x, "..%5C" + x, "%2Fetc%2Fpasswd", x + "%00y", "%2F" + x)) {
            RawHttp.Response r = RawHttp.send(port, "POST", "/api/add?target=" + tmp.resolve("stick.img") + "&name=" + name,
                    token(), body);
            assertThat(r.status()).as(name).isEqualTo(400);
            assertThat(r.body()).as(name).contains("not a plain file name");
        }
        assertThat(tmp.resolve(x)).doesNotExist();
        assertThat(tmp.getParent().resolve(x)).doesNotExist();
        assertThat(Path.of("/", x)).doesNotExist();
        try (Stream<Path> left = Files.exists(tmp.resolve("uploads")) ? Files.list(tmp.resolve("uploads")) : Stream.empty()) {
            assertThat(left).isEmpty();
        }
        assertThat(RawHttp.get(port, "/api/jobs", token()).body()).doesNotContain("\"add\"");
    }
}
