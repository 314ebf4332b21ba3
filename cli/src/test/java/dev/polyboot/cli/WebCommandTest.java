package dev.polyboot.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** {@code polyboot web} as a user runs it: prints the address with its token, serves, and Ctrl-C (SIGINT) stops it. */
class WebCommandTest {
    private static final Pattern URL = Pattern.compile("polyboot web: open (http://127\\.0\\.0\\.1:(\\d+)/\\?token=([\\w-]+))");

    @Test
    void printsTheAddressWithATokenServesAndStopsOnCtrlC() throws Exception {
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        // SIGINT as at a terminal: a suite started in the background (nohup, `&` without job control) inherits SIGINT
        // ignored, and the JVM then never installs its Ctrl-C handler (measured: the server ran on for 20 s)
        Process p = new ProcessBuilder(List.of("env", "--default-signal=INT", Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", cp, Main.class.getName(), "web", "--port", "0")).redirectErrorStream(true).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line = out.readLine();
            Matcher m = URL.matcher(line == null ? "" : line);
            assertThat(m.find()).as(line).isTrue();
            int port = Integer.parseInt(m.group(2));
            HttpClient http = HttpClient.newHttpClient();
            assertThat(http.send(HttpRequest.newBuilder(URI.create(m.group(1))).build(), HttpResponse.BodyHandlers.ofString())
                    .body()).contains("<title>polyboot</title>");
            URI jobs = URI.create("http://127.0.0.1:" + port + "/api/jobs");
            assertThat(http.send(HttpRequest.newBuilder(jobs).build(), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(401);
            assertThat(http.send(HttpRequest.newBuilder(jobs).header("X-Polyboot-Token", m.group(3)).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);

            new ProcessBuilder(List.of("kill", "-INT", Long.toString(p.pid()))).start().waitFor();
            assertThat(p.waitFor(20, TimeUnit.SECONDS)).as("stopped by SIGINT").isTrue();
            assertThatThrownBy(() -> {
                try (Socket s = new Socket()) {
                    s.connect(new InetSocketAddress("127.0.0.1", port), 2000);
                }
            }).isInstanceOf(ConnectException.class);
        } finally {
            p.destroyForcibly();
        }
    }

    @Test
    void aPortOutOfRangeIsAUsageError() {
        CliRun r = CliRun.of("web", "--port", "70000");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains("--port must be 0..65535");
    }
}
