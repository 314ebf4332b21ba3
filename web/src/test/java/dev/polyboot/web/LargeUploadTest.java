package dev.polyboot.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.polyboot.core.api.ImageEntry;
import dev.polyboot.core.api.Polyboot;
import dev.polyboot.core.api.ProgressListener;
import dev.polyboot.core.install.TestSticks;
import dev.polyboot.core.layout.PartitionStyle;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.RandomAccessFile;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A 2 GiB upload through a server whose JVM has 256 MiB of heap: it streams onto the stick (a buffered upload could
 * not even be held: 2 GiB is more than a Java array), and nothing is kept on this computer's disk either. The file is sparse with random 1 MiB blocks every 256 MiB, so the copy
 * on the stick is checked against real bytes (core's add verifies the SHA-256 read back from the stick).
 */
@Tag("slow")
class LargeUploadTest {
    static final long GIB = 1L << 30;
    static final long MIB = 1L << 20;

    @TempDir
    Path tmp;

    @Test
    void twoGibibytesThroughA256MibHeap() throws Exception {
        Path stick = tmp.resolve("stick.img");
        TestSticks.install(stick, 3 * GIB, PartitionStyle.MBR, 5);
        Path big = tmp.resolve("big.img");
        byte[] block = new byte[(int) MIB];
        Random r = new Random(42);
        try (RandomAccessFile f = new RandomAccessFile(big.toFile(), "rw")) {
            f.setLength(2 * GIB);
            for (long at = 0; at < 2 * GIB; at += 256 * MIB) {
                r.nextBytes(block);
                f.seek(at + 4096);
                f.write(block, 0, block.length - 4096);
            }
        }
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Process child = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:+ExitOnOutOfMemoryError", "-cp", cp, ChildServer.class.getName(), tmp.resolve("uploads").toString()))
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String[] hello = out.readLine().split(" ");
            String token = hello[1];
            int port = Integer.parseInt(hello[2]);
            HttpClient http = HttpClient.newHttpClient();
            String q = "target=" + URLEncoder.encode(stick.toString(), StandardCharsets.UTF_8) + "&name=big.img&force=true";
            long t0 = System.nanoTime();
            HttpResponse<String> resp = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/add?" + q))
                    .header(Access.HEADER, token).POST(HttpRequest.BodyPublishers.ofFile(big)).build(), HttpResponse.BodyHandlers.ofString());
            double totalSeconds = (System.nanoTime() - t0) / 1e9;
            assertThat(resp.statusCode()).as(resp.body()).isEqualTo(200);
            JsonNode job = jobs(http, port, token, Http.MAPPER.readTree(resp.body()).path("job").path("id").asText());
            assertThat(job.path("state").asText()).as(job.toString()).isEqualTo("done");
            assertThat(job.path("result").path("added").get(0).path("image").path("sizeBytes").asLong()).isEqualTo(2 * GIB);
            child.getOutputStream().close();
            String peak = out.readLine();
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(child.exitValue()).isZero();
            long peakHeap = Long.parseLong(peak.split(" ")[1]);
            assertThat(peakHeap).isLessThan(256 * MIB);
            System.out.printf("2 GiB: upload onto the stick + verify + catalogue %.1f s, peak heap %d MiB%n", totalSeconds,
                    peakHeap / MIB);
        } finally {
            child.destroyForcibly();
        }
        assertThat(Polyboot.system().list(stick.toString(), ProgressListener.NONE).images()).extracting(ImageEntry::path)
                .containsExactly("/big.img");
        assertThat(tmp.resolve("uploads")).as("nothing waits on this computer's disk").doesNotExist();
    }

    private static JsonNode jobs(HttpClient http, int port, String token, String id) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/jobs"))
                .header(Access.HEADER, token).build(), HttpResponse.BodyHandlers.ofString());
        for (JsonNode j : Http.MAPPER.readTree(r.body()).path("jobs")) if (j.path("id").asText().equals(id)) return j;
        throw new AssertionError("job " + id + " is gone: " + r.body());
    }
}
