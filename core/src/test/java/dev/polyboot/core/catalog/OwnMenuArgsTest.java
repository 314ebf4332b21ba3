package dev.polyboot.core.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.polyboot.core.boot.BootRecipe;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The recipe keeps the ISO's own kernel arguments and offers its other entries: only the medium parameters are
 * polyboot's (the helper's device), the family's missing ones are added, the ISO's default entry is the main one.
 */
class OwnMenuArgsTest {
    @TempDir
    Path tmp;

    BootRecipe.Linux classify(String layout, String cfgPath, String cfg) throws Exception {
        FamilyLayouts.Layout l = FamilyLayouts.named(layout);
        Path dir = Files.createDirectories(tmp.resolve(layout));
        FamilyLayouts.write(l, dir);
        Path c = dir.resolve(cfgPath.substring(1));
        Files.createDirectories(c.getParent());
        Files.writeString(c, cfg);
        IsoClassifier.Result r = IsoClassifier.classify(layout + ".iso", 100_000_000L, new DirectoryContent(dir, l.volumeId()), false);
        return (BootRecipe.Linux) r.recipe();
    }

    @Test
    void dracutOverlayArgumentsOfTheIsoAreKept() throws Exception {
        BootRecipe.Linux l = classify("fedora-live", "/boot/grub/grub.cfg", """
                set default="0"
                menuentry "Start Fedora" {
                  linux /images/pxeboot/vmlinuz root=live:CDLABEL=Fedora-WS-Live-39-1-5 rd.live.image rd.live.overlay.overlayfs=1 quiet
                  initrd /images/pxeboot/initrd.img
                }
                menuentry "Start Fedora (safe graphics)" {
                  linux /images/pxeboot/vmlinuz root=live:CDLABEL=Fedora-WS-Live-39-1-5 rd.live.image rd.live.overlay.overlayfs=1 nomodeset quiet
                  initrd /images/pxeboot/initrd.img
                }
                """);
        assertThat(l.isoDevice()).isTrue();
        assertThat(l.args()).containsExactly("root=live:CDLABEL=Fedora-WS-Live-39-1-5", "rd.live.image", "rd.live.overlay.overlayfs=1", "quiet");
        assertThat(l.more()).singleElement().satisfies(e -> {
            assertThat(e.title()).isEqualTo("Start Fedora (safe graphics)");
            assertThat(e.args()).contains("nomodeset", "rd.live.overlay.overlayfs=1");
        });
    }

    @Test
    void liveBootIsoFileParameterGivesWayToTheHelpersDevice() throws Exception {
        BootRecipe.Linux l = classify("debian-live", "/boot/grub/loopback.cfg", """
                menuentry "Live system (amd64)" --hotkey=l {
                  linux /live/vmlinuz boot=live components quiet splash findiso=${iso_path}
                  initrd /live/initrd.img
                }
                menuentry "Live system (amd64 fail-safe mode)" {
                  linux /live/vmlinuz boot=live components memtest noapic noapm nodma nomce nolapic nosmp nosplash vga=788 findiso=${iso_path}
                  initrd /live/initrd.img
                }
                """);
        assertThat(l.args()).containsExactly("boot=live", "components", "quiet", "splash", "live-media=/dev/polyboot/iso");
        assertThat(l.more()).singleElement().satisfies(e -> assertThat(e.args()).contains("vga=788", "live-media=/dev/polyboot/iso")
                .doesNotContain("findiso=${iso_path}"));
    }

    @Test
    void familyArgumentsGoBeforeUbuntusSeparator() {
        assertThat(IsoKernelArgs.merge(List.of("file=/cdrom/preseed/ubuntu.seed", "maybe-ubiquity", "quiet", "splash", "---"),
                List.of("boot=casper", "live-media=/dev/polyboot/iso")))
                .containsExactly("file=/cdrom/preseed/ubuntu.seed", "maybe-ubiquity", "quiet", "splash", "boot=casper",
                        "live-media=/dev/polyboot/iso", "---");
        // the ISO's own label wins over the family template's; an ISO's medium parameter never survives
        assertThat(IsoKernelArgs.merge(List.of("archisobasedir=arch", "archisolabel=ARCH_X", "archisodevice=/dev/sr0", "BOOT_IMAGE=/x"),
                List.of("archisobasedir=arch", "archisodevice=/dev/polyboot/iso")))
                .containsExactly("archisobasedir=arch", "archisolabel=ARCH_X", "archisodevice=/dev/polyboot/iso");
    }

    @Test
    void unreadableMenuFallsBackToTheFamilysArgumentsWithANote() throws Exception {
        BootRecipe.Linux l = classify("debian-live", "/boot/grub/grub.cfg", "if [ x ]; then\nmenuentry a {\n linux /live/vmlinuz x\n}\nfi\n");
        assertThat(l.args()).containsExactly("boot=live", "components", "live-media=/dev/polyboot/iso");
        assertThat(l.more()).isEmpty();
    }

    /** The helper is x86_64: a 32-bit live system keeps its own ISO-file route (BIOS only), with a note. */
    @Test
    void a32BitSystemDoesNotGetTheHelper() throws Exception {
        FamilyLayouts.Layout l = FamilyLayouts.named("debian-live");
        Path dir = Files.createDirectories(tmp.resolve("i386"));
        FamilyLayouts.write(l, dir);
        Files.writeString(dir.resolve(".disk/info"), "Debian GNU/Linux 12 \"Bookworm\" - Official Snapshot i386 LIVE/INSTALL Binary");
        Files.delete(dir.resolve("EFI/boot/bootx64.efi")); // an x64 EFI loader would make it amd64
        IsoClassifier.Result r = IsoClassifier.classify("old.iso", 100_000_000L, new DirectoryContent(dir, "d-live 12.2.0 gn i386"), false);
        BootRecipe.Linux recipe = (BootRecipe.Linux) r.recipe();
        assertThat(recipe.isoDevice()).isFalse();
        assertThat(recipe.args()).contains("findiso=${iso}").doesNotContain("live-media=/dev/polyboot/iso");
        assertThat(recipe.modes()).containsExactly(dev.polyboot.core.boot.BootMode.BIOS);
        assertThat(r.notes()).anyMatch(n -> n.contains("x86_64 only"));
    }
}
