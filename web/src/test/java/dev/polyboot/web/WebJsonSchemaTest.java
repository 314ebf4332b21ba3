package dev.polyboot.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.polyboot.core.api.Polyboot;
import dev.polyboot.core.install.TestSticks;
import dev.polyboot.core.layout.PartitionStyle;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The API answers with core's own documents, the ones {@code --json} prints: each is checked against the CLI's JSON
 * Schema of its concept (install-plan, add, images, config, verify, remove, inspect), on a stick this test makes.
 */
class WebJsonSchemaTest {
    private static final SchemaRegistry SCHEMAS = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
            b -> b.schemaIdResolvers(r -> r.mapPrefix("https://polyboot.dev/schema/", "classpath:dev/polyboot/core/api/")));
    private static final Path IPXE = Path.of("/usr/lib/ipxe/ipxe.iso");

    @TempDir
    Path tmp;

    @Test
    void everyAnswerIsCoresDocumentOfItsConcept() throws Exception {
        Path stick = tmp.resolve("stick.img");
        TestSticks.install(stick, 256L << 20, PartitionStyle.MBR, 13);
        String t = URLEncoder.encode(stick.toString(), StandardCharsets.UTF_8);
        try (WebServer server = WebServer.start(Polyboot.system(), new WebServer.Options(0, null, tmp.resolve("uploads")))) {
            HttpClient http = HttpClient.newHttpClient();
            String base = "http://127.0.0.1:" + server.port();
            Call call = (method, path, body) -> {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + path)).header(Access.HEADER, server.token())
                        .method(method, body).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(r.statusCode()).as(method + " " + path + ": " + r.body()).isBetween(200, 299);
                return Http.MAPPER.readTree(r.body());
            };
            valid("install-plan", call.send("POST", "/api/install/plan", json("{\"target\": \"" + tmp.resolve("new.img")
                    + "\", \"size\": \"1G\"}")));
            valid("add", call.send("POST", "/api/add?target=" + t + "&name=ipxe.iso", HttpRequest.BodyPublishers.ofFile(IPXE))
                    .path("job").path("result"));
            valid("images", call.send("GET", "/api/list?target=" + t, HttpRequest.BodyPublishers.noBody()));
            valid("config", call.send("POST", "/api/config", json("{\"target\": \"" + stick + "\", \"key\": \"alias./ipxe.iso\","
                    + " \"value\": \"Net\"}")));
            valid("config", call.send("GET", "/api/config?target=" + t, HttpRequest.BodyPublishers.noBody()));
            // a password goes only through its own call and only as a hash; a plain one through config set is refused
            JsonNode pw = call.send("POST", "/api/config/password", json("{\"target\": \"" + stick + "\", \"key\": \"password./ipxe.iso\","
                    + " \"password\": \"pa55 word\"}"));
            valid("config", pw);
            assertThat(pw.toString()).doesNotContain("pa55 word", "pbkdf2");
            HttpResponse<String> plain = http.send(HttpRequest.newBuilder(URI.create(base + "/api/config")).header(Access.HEADER, server.token())
                    .POST(json("{\"target\": \"" + stick + "\", \"key\": \"password\", \"value\": \"pa55 word\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(plain.statusCode()).as(plain.body()).isBetween(400, 499);
            assertThat(plain.body()).doesNotContain("pa55 word");
            HttpResponse<String> notAKey = http.send(HttpRequest.newBuilder(URI.create(base + "/api/config/password")).header(Access.HEADER, server.token())
                    .POST(json("{\"target\": \"" + stick + "\", \"key\": \"alias./ipxe.iso\", \"password\": \"x\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(notAKey.statusCode()).as(notAKey.body()).isEqualTo(400);
            assertThat(new String(Files.readAllBytes(stick), StandardCharsets.ISO_8859_1)).doesNotContain("pa55 word").contains("grub.pbkdf2.sha512.");
            valid("inspect", call.send("POST", "/api/inspect?name=ipxe.iso", HttpRequest.BodyPublishers.ofFile(IPXE)));
            String id = call.send("POST", "/api/verify", json("{\"target\": \"" + stick + "\", \"full\": true}")).path("job")
                    .path("id").asText();
            JsonNode job;
            do {
                Thread.sleep(100);
                job = null;
                for (JsonNode j : call.send("GET", "/api/jobs", HttpRequest.BodyPublishers.noBody()).path("jobs")) {
                    if (j.path("id").asText().equals(id)) job = j;
                }
            } while (job != null && "running".equals(job.path("state").asText()));
            assertThat(job.path("state").asText()).as(job.toString()).isEqualTo("done");
            valid("verify", job.path("result"));
            valid("remove", call.send("POST", "/api/remove", json("{\"target\": \"" + stick + "\", \"path\": \"/ipxe.iso\"}")));
        }
        assertThat(Files.list(tmp.resolve("uploads"))).isEmpty();
    }

    private interface Call {
        JsonNode send(String method, String path, HttpRequest.BodyPublisher body) throws Exception;
    }

    private static HttpRequest.BodyPublisher json(String s) {
        return HttpRequest.BodyPublishers.ofString(s);
    }

    private static void valid(String concept, JsonNode doc) {
        assertThat(doc.path("schemaVersion").asInt()).as(concept + ": " + doc).isEqualTo(1);
        assertThat(SCHEMAS.getSchema(SchemaLocation.of("https://polyboot.dev/schema/" + concept + ".schema.json")).validate(doc))
                .as(concept + ":\n" + doc.toPrettyString()).isEmpty();
    }
}
