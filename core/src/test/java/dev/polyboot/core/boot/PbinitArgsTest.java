package dev.polyboot.core.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.polyboot.formats.io.FileBlockDevice;
import dev.polyboot.formats.testing.Tools;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The helper's kernel parameters (payload/src/helper/README.md) and the values in them, against independent
 * tools: the by-label name as blkid encodes it for udev, the fingerprint as dd + sha256sum compute it.
 */
class PbinitArgsTest {
    static final String FP = "ab".repeat(32);
    static final DataPartition DATA = new DataPartition("12ab-cd34", "0A1B2C3D-01", 8_000_000_000L);

    @Test
    void contiguousImage() {
        List<String> a = new PbinitArgs(DATA, new IsoMapping(List.of(new IsoMapping.Run(1 << 20, 3_000_000_000L)), FP),
                "/linux/debian.iso", "d-live 12.8.0 st amd64").render();
        assertThat(a).containsExactly("rdinit=/polyboot/init", "polyboot.fsuuid=12AB-CD34", "polyboot.part=0a1b2c3d-01",
                "polyboot.size=8000000000", "polyboot.ext=1048576+3000000000", "polyboot.iso=/linux/debian.iso", "polyboot.fp=" + FP,
                "polyboot.label=d-live\\x2012.8.0\\x20st\\x20amd64");
    }

    @Test
    void withoutMappingTheHelperLooksTheFileUpByItsPercentEncodedPath() {
        List<String> a = new PbinitArgs(DataPartition.ofFsUuid("1234-ABCD"), null, "/Live Systems/fedora+x_1.0 (€).iso", null).render();
        assertThat(a).containsExactly("rdinit=/polyboot/init", "polyboot.fsuuid=1234-ABCD",
                "polyboot.iso=/Live%20Systems/fedora%2Bx_1.0%20%28%E2%82%AC%29.iso");
        assertThat(String.join(" ", a).split(" ")).as("one word each on the kernel command line").hasSize(a.size());
    }

    @Test
    void aFileTooFragmentedForTheCommandLineTravelsByPathWithItsFingerprint() {
        List<IsoMapping.Run> runs = new java.util.ArrayList<>();
        for (int i = 0; i < 200; i++) runs.add(new IsoMapping.Run((1L << 30) + i * (2L << 20), 1 << 20));
        List<String> a = new PbinitArgs(DATA, new IsoMapping(runs, FP), "/a.iso", "A").render();
        assertThat(a).contains("polyboot.iso=/a.iso", "polyboot.fp=" + FP).noneMatch(x -> x.startsWith("polyboot.ext="));
        assertThat(String.join(" ", a).length()).isLessThan(400);
    }

    @Test
    void badIdentitiesAreRefused() {
        assertThatThrownBy(() -> new DataPartition("12345678", null, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new DataPartition("1234-ABCD", "sda1", 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new IsoMapping.Run(1000, 2048)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new IsoMapping(List.of(new IsoMapping.Run(0, 2048)), "XYZ")).isInstanceOf(IllegalArgumentException.class);
    }

    /** blkid (util-linux) is what udev uses to name /dev/disk/by-label/: ID_FS_LABEL_ENC must equal our encoding. */
    @Test
    void labelEncodingMatchesBlkid(@TempDir Path tmp) throws Exception {
        Tools.require("xorriso");
        Tools.require("blkid");
        for (String label : List.of("POLYBOOT_DRACUT", "d-live 12.8.0 st amd64", "Fedora-WS-Live-39-1-5", "a/b#c+d=e@f:g.h", "CD ROM  ")) {
            Path tree = Files.createDirectories(tmp.resolve("t" + label.hashCode()));
            Files.writeString(tree.resolve("f"), "x");
            Path iso = tmp.resolve(label.hashCode() + ".iso");
            Tools.run("xorriso", "-as", "mkisofs", "-quiet", "-V", label, "-o", iso.toString(), tree.toString()).assertOk();
            String udev = Tools.run("blkid", "-p", "-o", "udev", iso.toString()).assertOk().stdout();
            String enc = udev.lines().filter(l -> l.startsWith("ID_FS_LABEL_ENC=")).findFirst().orElseThrow().substring(16);
            assertThat(PbinitArgs.udevLabel(label)).as(label).isEqualTo(enc);
        }
    }

    /** The fingerprint of README's definition, computed by dd and sha256sum over the same nine ranges. */
    @Test
    void fingerprintMatchesDdAndSha256sum(@TempDir Path tmp) throws Exception {
        Tools.require("sha256sum");
        for (long length : new long[] {36_864, 1_050_624, 7_340_032 + 2048}) {
            Path img = tmp.resolve("img-" + length);
            byte[] bytes = new byte[(int) length];
            new Random(length).nextBytes(bytes);
            Files.write(img, bytes);
            StringBuilder sh = new StringBuilder("{ dd if=" + img + " bs=2048 skip=16 count=1 status=none;");
            for (int i = 0; i < 8; i++) {
                long off = (length - 4096) * i / 7 / 2048;
                sh.append(" dd if=").append(img).append(" bs=2048 skip=").append(off).append(" count=2 status=none;");
            }
            sh.append(" } | sha256sum");
            String expected = Tools.run("sh", "-c", sh.toString()).assertOk().stdout().substring(0, 64);
            try (FileBlockDevice dev = FileBlockDevice.open(img, true)) {
                assertThat(IsoFingerprint.of(dev)).as("length %d", length).isEqualTo(expected);
            }
        }
        Path small = tmp.resolve("small");
        Files.write(small, new byte[36_863]);
        try (FileBlockDevice dev = FileBlockDevice.open(small, true)) {
            assertThatThrownBy(() -> IsoFingerprint.of(dev)).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
