package dev.polyboot.core.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.polyboot.core.boot.BootMode;
import dev.polyboot.core.boot.BootRecipe;
import dev.polyboot.formats.io.FileBlockDevice;
import dev.polyboot.formats.testing.Tools;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The classifier on real ISOs made by xorriso (Rock Ridge + Joliet) from each family's layout: it reaches the
 * same family, title and recipe as on the plain directory tree, so the ISO reader adapter adds nothing and loses
 * nothing; El Torito entries become the image's own firmware.
 */
class IsoClassifierTest {
    @TempDir
    static Path tmp;

    static Stream<String> layouts() {
        return FamilyLayouts.ALL.stream().map(FamilyLayouts.Layout::name);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("layouts")
    void isoClassifiesLikeItsTree(String name) throws Exception {
        Tools.require("xorriso");
        FamilyLayouts.Layout l = FamilyLayouts.named(name);
        Path dir = Files.createDirectories(tmp.resolve(name));
        Path iso = FamilyLayouts.iso(l, dir);
        ImageReport r = ImageClassifier.classify(iso);
        IsoClassifier.Result tree = IsoClassifier.classify(name + ".iso", Files.size(iso),
                new DirectoryContent(dir.resolve(name + "-tree"), l.volumeId()), false);
        assertThat(r.type()).isEqualTo(ImageType.ISO);
        assertThat(r.volumeId()).isEqualTo(l.volumeId());
        assertThat(r.family()).isEqualTo(tree.family() == null ? null : tree.family().id());
        assertThat(r.title()).isEqualTo(tree.title());
        assertThat(r.recipe()).isEqualTo(tree.recipe());
        assertThat(r.reason()).isEqualTo(tree.reason());
    }

    @Test
    void elToritoBiosAndUefiEntriesAreTheImagesOwnFirmware() throws Exception {
        Tools.require("xorriso");
        Path tree = Files.createDirectories(tmp.resolve("eltorito-tree"));
        Files.write(tree.resolve("boot.bin"), new byte[2048]);
        Files.write(tree.resolve("efi.img"), new byte[64 * 1024]);
        Path iso = tmp.resolve("eltorito.iso");
        Tools.run("xorriso", "-as", "mkisofs", "-quiet", "-R", "-V", "TOOL", "-o", iso.toString(),
                "-b", "boot.bin", "-no-emul-boot", "-boot-load-size", "4",
                "-eltorito-alt-boot", "-e", "efi.img", "-no-emul-boot", tree.toString()).assertOk();
        ImageReport r = ImageClassifier.classify(iso);
        assertThat(r.firmware()).containsExactly(BootMode.BIOS, BootMode.UEFI);
        assertThat(r.family()).isNull();
        // no family: the runtime routes, BIOS by memdisk, UEFI through the EFI image's loader
        assertThat(r.recipe()).isEqualTo(new BootRecipe.Program(java.util.List.of(BootMode.BIOS, BootMode.UEFI)));
        assertThat(r.reason()).isEqualTo("no known family; BIOS: the whole image in RAM through memdisk; "
                + "UEFI: chainloader of the EFI loader inside /efi.img");
    }

    @Test
    void notAnImageAtAll() throws Exception {
        Path f = Files.writeString(tmp.resolve("notes.img"), "hello");
        ImageReport r = ImageClassifier.classify(f);
        assertThat(r.type()).isEqualTo(ImageType.UNKNOWN);
        assertThat(r.recipe()).isInstanceOf(BootRecipe.Message.class);
        try (FileBlockDevice dev = FileBlockDevice.open(f, true)) {
            assertThat(ImageClassifier.classify("notes.img", dev, d -> java.util.Optional.empty())).isEqualTo(r);
        }
    }
}
