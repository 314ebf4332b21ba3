package dev.polyboot.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.polyboot.core.api.ImageEntry;
import dev.polyboot.core.api.Polyboot;
import dev.polyboot.core.api.ProgressListener;
import dev.polyboot.core.device.FakeMachine;
import dev.polyboot.core.install.TestSticks;
import dev.polyboot.core.layout.PartitionStyle;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The server owns a job: while a 1 GiB upload goes onto the stick, an install on that stick from the page is refused;
 * once every byte is on the stick (core reads the copy back) the page is reloaded, and the new page finds the same
 * job (same id, still running) and follows it to its end; the stick then holds the added file (nothing was erased).
 */
class ReloadDuringUploadTest {
    static final long GIB = 1L << 30;

    @TempDir
    Path tmp;

    @Test
    void aReloadedPageFollowsTheSameJobAndASecondInstallIsRefused() throws Exception {
        Path sysroot = FakeMachine.build(Files.createDirectories(tmp.resolve("machine")));
        Path stick = tmp.resolve("stick.img");
        TestSticks.install(stick, 2 * GIB + 512L * FakeMachine.MIB, PartitionStyle.MBR, 11);
        Path big = tmp.resolve("big.img");
        try (RandomAccessFile f = new RandomAccessFile(big.toFile(), "rw")) {
            f.setLength(GIB); // sparse: the test writes nothing, the browser reads zeros
        }
        Polyboot core = Polyboot.system();
        try (WebServer server = WebServer.start(core, new WebServer.Options(0, sysroot, tmp.resolve("uploads")));
             Browser b = Browser.start("reload")) {
            b.driver.get(server.url());
            b.el("target").sendKeys(stick.toString());
            b.el("open-btn").click();
            b.waitFor(Duration.ofSeconds(20), d -> b.el("image-rows").getText().contains("No images") ? true : null);
            b.el("file").sendKeys(big.toString());
            b.el("add-force").click();
            long t0 = System.nanoTime();
            b.el("upload-btn").click();
            WebElement job = b.job("add big.img");
            String id = job.getAttribute("data-id");
            b.waitFor(Duration.ofSeconds(60), d -> job.findElement(By.className("job-text")).getText().startsWith("copying big.img")
                    ? true : null);

            // a second write job on the same stick while the upload goes onto it: the page's install is refused
            b.el("force").click();
            b.el("secure-boot").click();
            b.el("plan-btn").click();
            b.waitFor(Duration.ofSeconds(20), d -> b.el("plan").isDisplayed());
            b.el("install-btn").click();
            WebElement error = b.waitFor(Duration.ofSeconds(20), d -> b.el("error").isDisplayed() ? b.el("error") : null);
            assertThat(error.getText()).contains("refused: another job is using " + stick, "add: add big.img");
            assertThat(job.getAttribute("data-state")).as("the add goes on").isEqualTo("running");
            b.screenshot("second-install-refused");

            // all bytes are on the stick once core reads them back: a reload now cannot cut the upload short
            b.waitFor(Duration.ofSeconds(120), d -> job.findElement(By.className("job-text")).getText().startsWith("verifying big.img")
                    ? true : null);
            b.screenshot("verifying");
            b.driver.navigate().refresh();
            WebElement again = b.waitFor(Duration.ofSeconds(20), d -> d.findElements(By.cssSelector(".job[data-id='" + id + "']"))
                    .stream().findFirst().orElse(null));
            String stateOnReattach = again.getAttribute("data-state");
            String textOnReattach = again.findElement(By.className("job-text")).getText();
            assertThat(again.findElement(By.className("job-title")).getText()).isEqualTo("add big.img");
            assertThat(b.driver.findElements(By.cssSelector(".job"))).hasSize(1); // re-attached, not a new job
            b.screenshot("reattached");
            System.out.println("after the reload: " + stateOnReattach + ", " + textOnReattach);
            assertThat(stateOnReattach).as("still running when the reloaded page re-attached").isEqualTo("running");

            b.waitFor(Duration.ofSeconds(240), d -> "running".equals(again.getAttribute("data-state")) ? null : true);
            double seconds = (System.nanoTime() - t0) / 1e9;
            assertThat(again.getAttribute("data-state")).as(again.getText()).isEqualTo("done");
            assertThat(again.getAttribute("data-percent")).isEqualTo("100");
            assertThat(core.list(stick.toString(), ProgressListener.NONE).images()).extracting(ImageEntry::path).containsExactly("/big.img");
            assertThat(core.info(stick.toString()).polybootVersion()).isEqualTo("0.1.0-test"); // not installed again
            b.waitFor(Duration.ofSeconds(20), d -> d.findElements(By.cssSelector("tr.image[data-path='/big.img']")).isEmpty() ? null : true);
            b.screenshot("done");
            System.out.printf("1 GiB upload + add (copy, verify) through the page: %.1f s%n", seconds);
        }
        assertThat(tmp.resolve("uploads")).as("nothing waited on this computer's disk").doesNotExist();
    }
}
