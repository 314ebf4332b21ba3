package dev.polyboot.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One job per stick, whatever the path's spelling; the stick is free again after any end; progress is published. */
class JobsTest {
    @TempDir
    Path tmp;

    @Test
    void aSecondJobOnTheSameStickIsRefusedUnderAnyNameUntilTheFirstEnds() throws Exception {
        Path stick = Files.createFile(tmp.resolve("stick.img"));
        Path link = Files.createSymbolicLink(tmp.resolve("link.img"), stick);
        try (Jobs jobs = new Jobs()) {
            Job first = jobs.claim("add", stick.toString(), "add big.img");
            assertThatThrownBy(() -> jobs.claim("install", link.toString(), "install"))
                    .isInstanceOf(WebException.class).hasMessage("refused: another job is using " + link + " (add: add big.img)")
                    .satisfies(e -> assertThat(((WebException) e).error.status()).isEqualTo(409));
            assertThatThrownBy(() -> jobs.claim("remove", tmp.resolve("./stick.img").toString(), "remove"))
                    .isInstanceOf(WebException.class);
            Job other = jobs.claim("verify", Files.createFile(tmp.resolve("other.img")).toString(), "verify other");
            jobs.runNow(other, j -> Http.MAPPER.createObjectNode());

            CountDownLatch release = new CountDownLatch(1);
            jobs.start(first, j -> {
                release.await();
                throw new java.io.IOException("the stick went away");
            });
            release.countDown();
            JsonNode done = null;
            for (int i = 0; i < 100 && (done == null || "running".equals(done.path("state").asText())); i++) {
                Thread.sleep(20);
                done = jobs.get(first.id).json();
            }
            assertThat(done.path("state").asText()).isEqualTo("failed");
            assertThat(done.path("error").asText()).isEqualTo("the stick went away");
            assertThat(jobs.claim("install", link.toString(), "install")).isNotNull(); // free again after a failure
        }
    }

    @Test
    void progressIsPublishedWithPercentRateAndTimeLeft() throws Exception {
        try (Jobs jobs = new Jobs()) {
            BlockingQueue<String> events = jobs.subscribe();
            Job job = jobs.claim("add", tmp.resolve("s.img").toString(), "add x.iso");
            job.progress("copying x.iso", 0, 1000);
            Thread.sleep(300);
            job.progress("copying x.iso", 500, 1000);
            JsonNode last = null;
            for (String e; (e = events.poll(1, TimeUnit.SECONDS)) != null; ) last = Http.MAPPER.readTree(e);
            assertThat(last.path("phase").asText()).isEqualTo("copying x.iso");
            assertThat(last.path("percent").asInt()).isEqualTo(50);
            assertThat(last.path("bytesPerSecond").asLong()).isPositive();
            assertThat(last.path("etaSeconds").asLong()).isPositive();
        }
    }
}
