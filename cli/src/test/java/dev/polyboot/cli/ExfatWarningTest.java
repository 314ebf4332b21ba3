package dev.polyboot.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.polyboot.core.catalog.FamilyLayouts;
import dev.polyboot.core.catalog.InitrdMaker;
import dev.polyboot.formats.testing.Tools;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * add and refresh warn about a live ISO whose initrd cannot read the exFAT data partition, for a family that still
 * boots by its "ISO file" parameter (Alpine; GNU cpio + gzip made the initrd, xorriso the ISO); inspect shows the same
 * as a note. A family polyboot's initramfs helper serves (Debian live-boot) gets no such warning: its initrd needs
 * no exFAT driver, and list shows the route.
 */
class ExfatWarningTest {
    static final String WARNING = "  warning: its initrd has no exFAT driver (exfat.ko): the live system will not find"
            + " this ISO on polyboot's exFAT data partition";
    @TempDir Path tmp;

    @Test
    void addRefreshAndInspectWarnOfAnInitrdWithoutExfat() throws Exception {
        Tools.require("xorriso");
        Tools.require("gzip");
        Path tree = Files.createDirectories(tmp.resolve("tree"));
        FamilyLayouts.write(FamilyLayouts.named("alpine"), tree);
        Path initrd = InitrdMaker.Compressor.GZIP.compress(InitrdMaker.cpio(tmp, "main",
                Map.of("lib/modules/6.1.0-x/kernel/fs/fat/vfat.ko", InitrdMaker.bytes(5000, 1))));
        Files.copy(initrd, tree.resolve("boot/initramfs-lts"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Path iso = tmp.resolve("alpine.iso");
        Tools.run("xorriso", "-as", "mkisofs", "-quiet", "-R", "-J", "-V", "alpine-std 3.19.0 x86_64", "-o", iso.toString(), tree.toString()).assertOk();
        Path liveTree = Files.createDirectories(tmp.resolve("live-tree"));
        FamilyLayouts.write(FamilyLayouts.named("debian-live"), liveTree);
        Files.copy(initrd, liveTree.resolve("live/initrd.img"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Path live = tmp.resolve("debian-live.iso");
        Tools.run("xorriso", "-as", "mkisofs", "-quiet", "-R", "-J", "-V", "d-live 12.2.0 gn amd64", "-o", live.toString(), liveTree.toString()).assertOk();

        String img = tmp.resolve("stick.img").toString();
        assertThat(CliRun.of("install", img, "--size", "1G").exitCode()).isZero();
        CliRun add = CliRun.of("add", img, iso.toString(), live.toString());
        assertThat(add.exitCode()).as(add.toString()).isZero();
        assertThat(add.out()).contains("  menu: Alpine Linux 3.19.0 (amd64) - ").contains(WARNING + "\n");
        assertThat(add.out()).containsOnlyOnce(WARNING);
        CliRun refresh = CliRun.of("refresh", img, "--yes");
        assertThat(refresh.exitCode()).as(refresh.toString()).isZero();
        assertThat(refresh.out()).contains("/alpine.iso").contains(WARNING + "\n").containsOnlyOnce(WARNING);
        assertThat(CliRun.of("inspect", iso.toString()).out()).contains("note:           " + WARNING.substring("  warning: ".length()));
        assertThat(CliRun.of("inspect", live.toString()).out()).doesNotContain("exFAT driver (exfat.ko)")
                .contains("initrd (boot partition)/polyboot/pbinit.cpio (loop)/live/initrd.img");
        String list = CliRun.of("list", img).out();
        assertThat(list.lines().filter(l -> l.contains("/debian-live.iso"))).singleElement().asString().contains(" loop ");
        assertThat(list.lines().filter(l -> l.contains("/alpine.iso"))).singleElement().asString().contains(" iso-file ");
    }
}
