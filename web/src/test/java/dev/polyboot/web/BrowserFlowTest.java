package dev.polyboot.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.polyboot.core.api.ImageEntry;
import dev.polyboot.core.api.Polyboot;
import dev.polyboot.core.api.ProgressListener;
import dev.polyboot.core.device.FakeMachine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The whole page in a real browser: token from the address, the fake machine's drive list (core's test seam), install
 * onto an image file with the two steps, upload iPXE's ISO and follow it to 100 %, see it with its family, give it a
 * menu title that core's list (what {@code polyboot list} prints) shows, hide it and show it again, timeout and default,
 * folders view, boot mode, listed images only (and back), update, verify, a ventoy.json imported, remove it; two files in one upload; keyboard only for the title; a phone-sized window without horizontal scrolling. A
 * screenshot after each step.
 */
class BrowserFlowTest {
    /** The alias typed below as the menu shows it: then the size, as the CLI prints sizes. */
    static final String ALIAS_WITH_SIZE = "Network boot \\(iPXE\\) \\| \\d+(\\.\\d)? (KiB|MiB)";

    static final Path IPXE = Path.of("/usr/lib/ipxe/ipxe.iso");

    @TempDir
    Path tmp;

    @Test
    void installAddAliasRemoveInTheBrowser() throws Exception {
        assertThat(IPXE).as("Debian package ipxe").exists();
        Path sysroot = FakeMachine.build(Files.createDirectories(tmp.resolve("machine")));
        Path stick = tmp.resolve("stick.img");
        Polyboot core = Polyboot.system();
        try (WebServer server = WebServer.start(core, new WebServer.Options(0, sysroot, tmp.resolve("uploads")));
             Browser b = Browser.start("flow")) {
            b.driver.get(server.url());
            // the drive list: both USB sticks, never the system SSD, the NVMe disk, the loop device
            List<WebElement> rows = b.waitFor(Duration.ofSeconds(20), d -> {
                List<WebElement> r = d.findElements(By.cssSelector("#drive-rows tr.drive"));
                return r.isEmpty() ? null : r;
            });
            List<String> drives = rows.stream().map(r -> r.getAttribute("data-path")).toList();
            assertThat(drives).contains("/dev/sdb", "/dev/sdc").doesNotContain("/dev/sda", "/dev/nvme0n1", "/dev/loop0");
            assertThat(b.el("drive-rows").getText()).contains("polyboot", "ventoy", "SanDisk Cruzer Blade");
            assertThat(b.driver.getCurrentUrl()).doesNotContain("token"); // taken out of the address bar
            b.screenshot("drives");

            // install: plan first, then the confirmed install, as the CLI
            b.el("target").sendKeys(stick.toString());
            b.el("size").sendKeys("1G");
            b.el("secure-boot").click(); // keys are not what this test is about; install's own tests cover them
            b.el("plan-btn").click();
            b.waitFor(Duration.ofSeconds(20), d -> b.el("plan").isDisplayed());
            assertThat(b.el("plan-text").getText()).contains("(image file)", "Partition table: mbr").doesNotContain("REFUSED");
            assertThat(stick).doesNotExist(); // the plan wrote nothing
            b.screenshot("plan");
            b.el("install-btn").click();
            WebElement job = b.job("install polyboot on " + stick);
            b.waitFor(Duration.ofSeconds(120), d -> "done".equals(job.getAttribute("data-state")) ? true : null);
            assertThat(job.getAttribute("data-percent")).isEqualTo("100");
            assertThat(core.info(stick.toString()).polybootVersion()).isNotNull();
            b.waitFor(Duration.ofSeconds(10), d -> b.el("image-rows").getText().contains("No images") ? true : null);
            b.screenshot("installed");

            // inspect a file of this computer: core's report, no stick involved
            b.el("inspect-file").sendKeys(IPXE.toString());
            b.el("inspect-btn").click();
            String report = b.waitFor(Duration.ofSeconds(30), d -> {
                String t = b.el("inspect-result").getText();
                return t.isEmpty() || t.startsWith("reading") ? null : t;
            });
            assertThat(report).isEqualTo(core.inspect(List.of(IPXE)).text().strip().replace(IPXE.toString(), "ipxe.iso"));
            assertThat(tmp.resolve("uploads")).isEmptyDirectory();

            // add by upload, progress followed to 100 %
            b.el("file").sendKeys(IPXE.toString());
            b.el("upload-btn").click();
            WebElement add = b.job("add ipxe.iso");
            List<String> seen = new ArrayList<>();
            b.waitFor(Duration.ofSeconds(60), d -> {
                seen.add(add.getAttribute("data-percent") + " " + add.findElement(By.className("job-text")).getText());
                return "done".equals(add.getAttribute("data-state")) ? true : null;
            });
            assertThat(add.getAttribute("data-percent")).isEqualTo("100");
            assertThat(add.findElement(By.tagName("progress")).getAttribute("value")).isEqualTo("100");
            System.out.println("add ipxe.iso as the page showed it: " + seen.stream().distinct().toList());
            // the table is drawn again after each change: read it in one look
            String row = b.<String>waitFor(Duration.ofSeconds(10), d -> {
                List<WebElement> r = d.findElements(By.cssSelector("tr.image[data-path='/ipxe.iso']"));
                return r.isEmpty() ? null : r.get(0).findElement(By.className("family")).getText() + " | "
                        + r.get(0).findElement(By.className("modes")).getText();
            });
            assertThat(row).isEqualTo("ipxe | bios + uefi");
            assertThat(b.el("status").getText()).startsWith("add ipxe.iso: done. "); // core's title and reason follow
            b.screenshot("added");

            // a menu title, typed and saved with the keyboard only
            new Select(b.el("alias-path")).selectByValue("/ipxe.iso");
            b.el("alias").sendKeys("Network boot (iPXE)", Keys.TAB, Keys.ENTER); // TAB reaches "Save title"
            b.waitFor(Duration.ofSeconds(20), d -> d.findElements(By.cssSelector("tr.image[data-path='/ipxe.iso'] .title")).stream()
                    .anyMatch(t -> t.getText().startsWith("Network boot (iPXE) | ")) ? true : null);
            List<ImageEntry> listed = core.list(stick.toString(), ProgressListener.NONE).images();
            assertThat(listed).singleElement().satisfies(i -> {
                assertThat(i.menuTitle()).matches(ALIAS_WITH_SIZE); // GRUB's title: the alias and the file's size
                assertThat(i.family()).isEqualTo("ipxe");
            });
            // hidden: gone from the page and from core's list, then shown again
            new Select(b.el("alias-path")).selectByValue("/ipxe.iso");
            b.el("hide-btn").click();
            b.waitFor(Duration.ofSeconds(20), d -> d.findElements(By.cssSelector("tr.image")).isEmpty()
                    && !d.findElements(By.cssSelector("li.hidden-image[data-path='/ipxe.iso']")).isEmpty() ? true : null);
            assertThat(core.list(stick.toString(), ProgressListener.NONE).images()).isEmpty();
            b.screenshot("hidden");
            b.driver.findElement(By.cssSelector("li.hidden-image[data-path='/ipxe.iso'] button.unhide")).click();
            b.waitFor(Duration.ofSeconds(20), d -> d.findElements(By.cssSelector("tr.image[data-path='/ipxe.iso']")).isEmpty() ? null : true);
            assertThat(core.list(stick.toString(), ProgressListener.NONE).images()).extracting(ImageEntry::menuTitle)
                    .singleElement().asString().matches(ALIAS_WITH_SIZE);

            // how it boots: memdisk under BIOS, in core's configuration; then polyboot's choice again
            new Select(b.el("alias-path")).selectByValue("/ipxe.iso");
            new Select(b.el("mode")).selectByValue("memdisk");
            b.el("mode-save").click();
            b.waitFor(Duration.ofSeconds(20), d -> b.el("status").getText().equals("How /ipxe.iso boots is saved") ? true : null);
            assertThat(core.config(stick.toString()).images()).singleElement().satisfies(i -> assertThat(i.mode()).isEqualTo("memdisk"));
            new Select(b.el("mode")).selectByValue("");
            b.el("mode-save").click();
            b.waitFor(Duration.ofSeconds(20), d -> b.el("status").getText().equals("How /ipxe.iso boots is saved")
                    && "".equals(new Select(b.el("mode")).getFirstSelectedOption().getAttribute("value")) ? true : null);
            assertThat(core.config(stick.toString()).images()).allSatisfy(i -> assertThat(i.mode()).isNull());

            // listed: the image is kept when the menu shows listed images only
            new Select(b.el("alias-path")).selectByValue("/ipxe.iso");
            b.el("list-btn").click();
            b.waitFor(Duration.ofSeconds(20), d -> d.findElements(By.cssSelector("li.listed-image[data-path='/ipxe.iso']")).isEmpty() ? null : true);

            // menu timeout, default entry, folders as submenus and listed images only
            b.el("timeout").sendKeys("7");
            new Select(b.el("default")).selectByValue("/ipxe.iso");
            new Select(b.el("view")).selectByValue("folders");
            new Select(b.el("show")).selectByValue("listed");
            b.el("menu-save").click();
            b.waitFor(Duration.ofSeconds(20), d -> b.el("status").getText().equals("Timeout, default and layout saved") ? true : null);
            assertThat(core.config(stick.toString())).satisfies(c -> {
                assertThat(c.timeoutSeconds()).isEqualTo(7);
                assertThat(c.defaultImage()).isEqualTo("/ipxe.iso");
                assertThat(c.view()).isEqualTo("folders");
                assertThat(c.show()).isEqualTo("listed");
                assertThat(c.images()).singleElement().satisfies(i -> assertThat(i.listed()).isTrue());
            });
            assertThat(core.list(stick.toString(), ProgressListener.NONE).images()).extracting(ImageEntry::path).containsExactly("/ipxe.iso");
            b.driver.navigate().refresh(); // what the page shows comes from the stick
            b.waitFor(Duration.ofSeconds(20), d -> "folders".equals(new Select(b.el("view")).getFirstSelectedOption().getAttribute("value"))
                    && "listed".equals(new Select(b.el("show")).getFirstSelectedOption().getAttribute("value")) ? true : null);
            b.screenshot("alias");
            // back to all images (the uploads below must show), and off the list again
            new Select(b.el("show")).selectByValue("");
            b.el("menu-save").click();
            b.waitFor(Duration.ofSeconds(20), d -> b.el("status").getText().equals("Timeout, default and layout saved") ? true : null);
            b.waitFor(Duration.ofSeconds(20), d -> { // the list is drawn again after each change: click the current button
                try {
                    d.findElement(By.cssSelector("li.listed-image[data-path='/ipxe.iso'] button.unlist")).click();
                    return true;
                } catch (org.openqa.selenium.StaleElementReferenceException | org.openqa.selenium.NoSuchElementException e) {
                    return null;
                }
            });
            b.waitFor(Duration.ofSeconds(20), d -> d.findElements(By.cssSelector("li.listed-image")).isEmpty() ? true : null);
            assertThat(core.config(stick.toString())).satisfies(c -> {
                assertThat(c.show()).isNull();
                assertThat(c.images()).allSatisfy(i -> assertThat(i.listed()).isFalse());
            });

            // a password on the image: only its GRUB hash reaches the stick; then taken away again
            new Select(b.el("password-scope")).selectByValue("password./ipxe.iso");
            b.el("password").sendKeys("correct horse", Keys.TAB, Keys.ENTER); // TAB reaches "Set password"
            b.waitFor(Duration.ofSeconds(20), d -> d.findElements(By.cssSelector("li.password-set[data-key='password./ipxe.iso']")).isEmpty() ? null : true);
            assertThat(b.el("password").getAttribute("value")).as("the field is cleared").isEmpty();
            assertThat(core.config(stick.toString()).images()).singleElement().satisfies(i -> assertThat(i.passwordUser()).isEqualTo("ipxe.iso"));
            assertThat(core.configText(stick.toString()).orElseThrow()).contains("grub.pbkdf2.sha512.10000.").doesNotContain("correct horse");
            b.screenshot("password");
            b.el("password-remove").click();
            b.waitFor(Duration.ofSeconds(20), d -> d.findElements(By.cssSelector("li.password-set")).isEmpty() ? true : null);
            assertThat(core.config(stick.toString()).images()).singleElement().satisfies(i -> assertThat(i.passwordUser()).isNull());

            // update (menu to serial) with its own plan step; the image and its title stay
            new Select(b.el("update-console")).selectByValue("serial");
            b.el("update-plan-btn").click();
            b.waitFor(Duration.ofSeconds(20), d -> b.el("update-plan").isDisplayed());
            assertThat(b.el("update-plan-text").getText()).contains("(image file)", "Boot menu on: serial").doesNotContain("REFUSED");
            b.el("update-btn").click();
            WebElement upd = b.job("update polyboot on " + stick);
            b.waitFor(Duration.ofSeconds(120), d -> "running".equals(upd.getAttribute("data-state")) ? null : true);
            assertThat(upd.getAttribute("data-state")).as(upd.getText()).isEqualTo("done");
            assertThat(core.info(stick.toString()).console()).isEqualTo("serial");
            assertThat(core.list(stick.toString(), ProgressListener.NONE).images()).extracting(ImageEntry::menuTitle)
                    .singleElement().asString().matches(ALIAS_WITH_SIZE);

            // verify, every file read back
            b.el("verify-full").click();
            b.el("verify-btn").click();
            b.waitFor(Duration.ofSeconds(60), d -> b.el("verify-result").getText().startsWith("OK") ? true : null);
            b.screenshot("updated-verified");

            // a Ventoy user's ventoy.json: what converts lands in polyboot.json, the rest is listed with why
            Path ventoyJson = Files.writeString(tmp.resolve("ventoy.json"), """
                    {"control": [{"VTOY_MENU_TIMEOUT": "12"}],
                     "menu_alias": [{"image": "/ipxe.iso", "alias": "iPXE (from Ventoy)"}],
                     "theme": {"file": "/ventoy/theme/blur/theme.txt"}}
                    """);
            b.el("ventoy-file").sendKeys(ventoyJson.toString());
            b.el("import-btn").click();
            String imported = b.waitFor(Duration.ofSeconds(20), d -> b.el("import-result").getText().isEmpty() ? null : b.el("import-result").getText());
            assertThat(imported).contains("Converted:", "/ipxe.iso", "Not converted:", "theme: ");
            assertThat(core.config(stick.toString())).satisfies(c -> {
                assertThat(c.timeoutSeconds()).isEqualTo(12);
                assertThat(c.images()).filteredOn(i -> i.path().equals("/ipxe.iso")).singleElement()
                        .satisfies(i -> assertThat(i.alias()).isEqualTo("iPXE (from Ventoy)"));
            });
            b.waitFor(Duration.ofSeconds(20), d -> d.findElements(By.cssSelector("tr.image[data-path='/ipxe.iso'] .title")).stream()
                    .anyMatch(t -> t.getText().startsWith("iPXE (from Ventoy) | ")) ? true : null); // the alias, then the size
            b.screenshot("imported");

            // readable on a phone: nothing wider than the window
            b.driver.manage().window().setSize(new Dimension(380, 800));
            b.screenshot("narrow");
            Object overflow = b.driver.executeScript("return document.documentElement.scrollWidth - window.innerWidth");
            Object wide = b.driver.executeScript("return [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect()"
                    + ".right > window.innerWidth).map(e => e.tagName + '#' + e.id + '.' + e.className).join(' ')");
            assertThat(((Number) overflow).longValue()).as("wider than the window: %s", wide).isLessThanOrEqualTo(0);
            b.driver.manage().window().setSize(new Dimension(1100, 3000));

            // remove: a second press confirms
            WebElement rm = b.driver.findElement(By.cssSelector("tr.image[data-path='/ipxe.iso'] button.remove"));
            rm.click();
            assertThat(rm.getText()).isEqualTo("Really remove?");
            rm.click();
            b.waitFor(Duration.ofSeconds(20), d -> d.findElements(By.cssSelector("tr.image")).isEmpty() ? true : null);
            assertThat(core.list(stick.toString(), ProgressListener.NONE).images()).isEmpty();
            b.screenshot("removed");

            // a file dropped on the page that only looks like an image: copied, found to be none, removed again
            b.driver.executeScript("const dt = new DataTransfer();"
                    + "dt.items.add(new File(['this is no ISO\\n'.repeat(1000)], 'notes.iso'));"
                    + "document.getElementById('drop').dispatchEvent(new DragEvent('drop', {dataTransfer: dt, bubbles: true}));");
            WebElement dropped = b.job("add notes.iso");
            b.waitFor(Duration.ofSeconds(30), d -> "failed".equals(dropped.getAttribute("data-state")) ? true : null);
            assertThat(b.el("error").getText()).contains("notes.iso: not a bootable image", "the copy was removed",
                    "add --force to copy files that are not bootable images");
            assertThat(core.list(stick.toString(), ProgressListener.NONE).images()).isEmpty();
            b.screenshot("dropped-refused");

            // two files chosen at once: sent one after the other, each its own job; the non-image is refused alone
            Path notes = Files.writeString(tmp.resolve("notes.img"), "no image either\n".repeat(100));
            b.el("file").sendKeys(IPXE + "\n" + notes);
            b.el("upload-btn").click();
            WebElement second = b.job("add notes.img");
            b.waitFor(Duration.ofSeconds(60), d -> "failed".equals(second.getAttribute("data-state")) ? true : null);
            assertThat(b.job("add ipxe.iso").getAttribute("data-state")).isEqualTo("done");
            assertThat(core.list(stick.toString(), ProgressListener.NONE).images()).extracting(ImageEntry::path).containsExactly("/ipxe.iso");
            b.screenshot("two-files");
        }
    }
}
