package dev.polyboot.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.polyboot.core.api.ImageEntry;
import dev.polyboot.core.api.Polyboot;
import dev.polyboot.core.api.ProgressListener;
import dev.polyboot.core.device.FakeMachine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link BrowserFlowTest}'s essential flow in Firefox (issue 14: current Chromium and Firefox), driven over WebDriver
 * BiDi by {@link Firefox}: token from the address, the fake machine's drive list, install onto an image file with the
 * two steps, upload iPXE's ISO chosen in the file input and follow it to 100 %, its family, a menu title typed and
 * saved with key actions and seen by core's list, a phone-sized window without horizontal scrolling, remove with two
 * clicks. Core's state is checked after each change, a screenshot after each step.
 */
class FirefoxFlowTest {
    @TempDir
    Path tmp;

    @Test
    void installAddAliasRemoveInFirefox() throws Exception {
        assertThat(BrowserFlowTest.IPXE).as("Debian package ipxe").exists();
        Path sysroot = FakeMachine.build(Files.createDirectories(tmp.resolve("machine")));
        Path stick = tmp.resolve("stick.img");
        Polyboot core = Polyboot.system();
        try (WebServer server = WebServer.start(core, new WebServer.Options(0, sysroot, tmp.resolve("uploads")));
             Firefox f = Firefox.start("firefox")) {
            f.navigate(server.url());
            // the drive list: both USB sticks, never the system SSD, the NVMe disk, the loop device
            Object paths = f.waitFor(Duration.ofSeconds(20), "(r => r.length ? r.map(e => e.dataset.path) : null)"
                    + "([...document.querySelectorAll('#drive-rows tr.drive')])", "the drive list");
            List<String> drives = ((List<?>) paths).stream().map(String::valueOf).toList();
            assertThat(drives).contains("/dev/sdb", "/dev/sdc").doesNotContain("/dev/sda", "/dev/nvme0n1", "/dev/loop0");
            assertThat((String) f.eval("document.getElementById('drive-rows').innerText")).contains("polyboot", "ventoy", "SanDisk Cruzer Blade");
            assertThat((String) f.eval("location.href")).doesNotContain("token"); // taken out of the address bar
            f.screenshot("drives");

            // install: plan first, then the confirmed install
            f.type("#target", stick.toString());
            f.type("#size", "1G");
            f.click("#secure-boot"); // keys are not what this test is about; install's own tests cover them
            assertThat(f.eval("document.getElementById('secure-boot').checked")).isEqualTo(false);
            f.click("#plan-btn");
            String plan = (String) f.waitFor(Duration.ofSeconds(20),
                    "document.getElementById('plan').hidden ? null : document.getElementById('plan-text').textContent", "the plan");
            assertThat(plan).contains("(image file)", "Partition table: mbr").doesNotContain("REFUSED");
            assertThat(stick).doesNotExist(); // the plan wrote nothing
            f.screenshot("plan");
            f.click("#install-btn");
            assertThat(waitForJob(f, "install polyboot on " + stick, 120)).isEqualTo("done 100");
            assertThat(core.info(stick.toString()).polybootVersion()).isNotNull();
            f.waitFor(Duration.ofSeconds(10), "document.getElementById('image-rows').textContent.includes('No images')", "an empty image list");
            f.screenshot("installed");

            // add: the file chosen in the file input (what the file dialog does), then the upload button
            f.setFile("#file", BrowserFlowTest.IPXE);
            assertThat(f.eval("document.getElementById('file').files[0].name")).isEqualTo("ipxe.iso");
            f.click("#upload-btn");
            assertThat(waitForJob(f, "add ipxe.iso", 60)).isEqualTo("done 100");
            assertThat(f.eval("document.querySelector('.job[data-title=\"add ipxe.iso\"] progress').value")).isEqualTo(100);
            Object row = f.waitFor(Duration.ofSeconds(10), "(r => r && r.querySelector('.family').textContent + ' | '"
                    + " + r.querySelector('.modes').textContent)(document.querySelector('tr.image[data-path=\"/ipxe.iso\"]'))", "the image row");
            assertThat(row).isEqualTo("ipxe | bios + uefi");
            assertThat(core.list(stick.toString(), ProgressListener.NONE).images()).singleElement()
                    .satisfies(i -> assertThat(i.family()).isEqualTo("ipxe"));
            f.screenshot("added");

            // a menu title, typed and saved with the keyboard only: TAB reaches "Save title", ENTER presses it
            f.eval("(s => { s.value = '/ipxe.iso'; s.dispatchEvent(new Event('change', {bubbles: true})); })"
                    + "(document.getElementById('alias-path'))");
            f.click("#alias");
            assertThat(f.eval("document.hasFocus() && document.activeElement.id")).as("the page has the keyboard").isEqualTo("alias");
            f.keys("Network boot (iPXE)", Firefox.TAB, Firefox.ENTER);
            f.waitFor(Duration.ofSeconds(20), "[...document.querySelectorAll('tr.image[data-path=\"/ipxe.iso\"] .title')]"
                    + ".some(t => t.textContent.startsWith('Network boot (iPXE) | '))", "the new title (and the size GRUB shows after it) in the image list");
            List<ImageEntry> listed = core.list(stick.toString(), ProgressListener.NONE).images();
            assertThat(listed).singleElement().satisfies(i -> {
                assertThat(i.menuTitle()).matches(BrowserFlowTest.ALIAS_WITH_SIZE); // GRUB's title: the alias and the file's size
                assertThat(i.family()).isEqualTo("ipxe");
            });
            f.screenshot("alias");

            // readable on a phone: nothing wider than the window
            f.viewport(380, 800);
            f.screenshot("narrow");
            Object overflow = f.eval("document.documentElement.scrollWidth - window.innerWidth");
            Object wide = f.eval("[...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect()"
                    + ".right > window.innerWidth).map(e => e.tagName + '#' + e.id + '.' + e.className).join(' ')");
            assertThat(((Number) overflow).longValue()).as("wider than the window: %s", wide).isLessThanOrEqualTo(0);
            f.viewport(1100, 3000);

            // remove: a second press confirms
            String remove = "tr.image[data-path='/ipxe.iso'] button.remove";
            f.click(remove);
            assertThat(f.eval("document.querySelector(" + Firefox.js(remove) + ").textContent")).isEqualTo("Really remove?");
            assertThat(core.list(stick.toString(), ProgressListener.NONE).images()).hasSize(1); // one press removes nothing
            f.click(remove);
            f.waitFor(Duration.ofSeconds(20), "document.querySelectorAll('tr.image').length === 0", "an empty image list");
            assertThat(core.list(stick.toString(), ProgressListener.NONE).images()).isEmpty();
            f.screenshot("removed");
        }
    }

    /** Waits for the job box titled {@code title} to leave "running"; its state and percent, e.g. "done 100". */
    private static Object waitForJob(Firefox f, String title, int seconds) throws InterruptedException {
        String box = "document.querySelector(" + Firefox.js(".job[data-title=\"" + title + "\"]") + ")";
        return f.waitFor(Duration.ofSeconds(seconds), "(j => j && j.dataset.state !== 'running' ? j.dataset.state + ' ' + j.dataset.percent"
                + " : null)(" + box + ")", "the job " + title + " to end");
    }
}
