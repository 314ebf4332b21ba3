package dev.polyboot.formats.iso;

import static org.assertj.core.api.Assertions.assertThat;

import dev.polyboot.formats.io.FileBlockDevice;
import dev.polyboot.formats.testing.Tools;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The ISOs Debian packages ship (memtest86+, ipxe, grub-rescue-pc): identifiers as isoinfo reads them, the whole
 * Rock Ridge tree as xorriso lists it, every file's bytes as xorriso extracts them, El Torito as xorriso reports it.
 */
class DebianShippedIsoTest {
    static final Path MEMTEST = Path.of("/usr/lib/memtest86+/memtest86+x64.iso");
    static final Path IPXE = Path.of("/usr/lib/ipxe/ipxe.iso");
    static final Path GRUB_RESCUE = Path.of("/usr/lib/grub-rescue/grub-rescue-cdrom.iso");

    @TempDir Path tmp;

    static Stream<Path> isos() {
        return Stream.of(MEMTEST, IPXE, GRUB_RESCUE);
    }

    static void requireIso(Path iso) {
        if (!Files.isRegularFile(iso)) {
            String msg = iso + " missing (packages memtest86+, ipxe, grub-rescue-pc in scripts/debian-packages.txt)";
            if (Tools.inCi()) throw new AssertionError(msg);
            Assumptions.assumeTrue(false, msg);
        }
    }

    @ParameterizedTest
    @MethodSource("isos")
    void matchesIsoinfoAndXorriso(Path iso) throws Exception {
        requireIso(iso);
        Map<String, String> info = new LinkedHashMap<>();
        for (String line : Tools.run("isoinfo", "-d", "-i", iso.toString()).assertOk().stdout().split("\n")) {
            int colon = line.indexOf(": ");
            if (colon > 0) info.putIfAbsent(line.substring(0, colon), line.substring(colon + 2).strip());
        }
        Path extracted = tmp.resolve("x");
        Tools.run("xorriso", "-osirrox", "on", "-indev", iso.toString(), "-extract", "/", extracted.toString()).assertOk();
        try (FileBlockDevice dev = FileBlockDevice.open(iso, true)) {
            IsoImage image = IsoImage.read(dev);
            assertThat(image.volumeId()).isEqualTo(info.get("Volume id"));
            assertThat(image.publisherId()).isEqualTo(blankToEmpty(info.get("Publisher id")));
            assertThat(image.applicationId()).isEqualTo(blankToEmpty(info.get("Application id")));
            assertThat(image.volumeSpaceBytes()).isEqualTo(Long.parseLong(info.get("Volume size is")) * 2048);
            assertThat(image.nameSet()).isEqualTo(NameSet.ROCK_RIDGE);
            assertThat(image.findings()).isEmpty();
            assertThat(IsoImage.isHybrid(dev)).isTrue();

            Map<String, IsoFixtures.Listed> ours = new TreeMap<>();
            int files = 0;
            for (IsoEntry e : image.walk()) {
                ours.put(e.path(), new IsoFixtures.Listed(e.directory(), e.directory() ? -1 : e.size(), e.symlinkTarget()));
                Path x = extracted.resolve(e.path().substring(1));
                if (!e.directory() && !e.isSymlink() && Files.isRegularFile(x, LinkOption.NOFOLLOW_LINKS)) {
                    assertThat(image.readAll(e, 64 << 20)).as(e.path()).isEqualTo(Files.readAllBytes(x));
                    files++;
                }
            }
            assertThat(ours).isEqualTo(new TreeMap<>(IsoFixtures.xorrisoListing(iso, true)));
            assertThat(files).isPositive();
        }
        ElToritoOracleTest.assertMatchesXorriso(iso);
    }

    @Test
    void memtestEfiLoaderIsFoundIgnoringCase() throws Exception {
        requireIso(MEMTEST);
        try (FileBlockDevice dev = FileBlockDevice.open(MEMTEST, true)) {
            IsoImage image = IsoImage.read(dev);
            assertThat(image.lookup("/EFI/BOOT/BOOTX64.EFI")).isEmpty(); // stored as bootx64.efi
            IsoEntry loader = image.lookupIgnoreCase("/efi/boot/BOOTX64.EFI").orElseThrow();
            assertThat(loader.path()).isEqualTo("/EFI/BOOT/bootx64.efi");
            byte[] pe = image.readAll(loader, 1 << 20);
            assertThat(new String(pe, 0, 2, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("MZ");
            ElToritoCatalog et = image.elTorito().orElseThrow();
            assertThat(et.biosEntries()).singleElement().extracting(ElToritoEntry::mediaType)
                    .isEqualTo(ElToritoEntry.MEDIA_FLOPPY_1_44M);
            assertThat(et.efiEntries()).singleElement().extracting(ElToritoEntry::imageLength).isEqualTo(4L << 20);
        }
    }

    private static Optional<String> blankToEmpty(String s) {
        return s == null || s.isBlank() ? Optional.empty() : Optional.of(s);
    }
}
