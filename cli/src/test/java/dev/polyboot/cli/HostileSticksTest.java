package dev.polyboot.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.polyboot.formats.exfat.ExfatVolume;
import dev.polyboot.formats.exfat.HostileExfat;
import dev.polyboot.formats.io.BlockDevice;
import dev.polyboot.formats.io.FileBlockDevice;
import dev.polyboot.formats.io.SliceBlockDevice;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.HexFormat;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * Sticks damaged the way another OS's bad unplug or a hostile image leaves them: verify reports each, add refuses to
 * write on each (naming fsck.exfat) and not one byte of the stick changes; an unreadable catalogue is reported and
 * refresh recovers from it.
 */
class HostileSticksTest {
    @TempDir
    static Path tmp;
    static Path clean;
    static Path extra;

    @BeforeAll
    static void stick() throws Exception {
        clean = tmp.resolve("clean.img");
        assertThat(CliRun.of("install", clean.toString(), "--size", "256M", "-y", "-q").exitCode()).isZero();
        assertThat(CliRun.of("add", clean.toString(), "/usr/lib/ipxe/ipxe.iso", "-q").exitCode()).isZero();
        Path b = tmp.resolve("b.bin");
        Files.write(b, new byte[70_000]);
        CliRun r = CliRun.of("add", clean.toString(), b.toString(), "--to", "/dir", "-f", "-q");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        extra = tmp.resolve("more.iso");
        Files.copy(Path.of("/usr/lib/ipxe/ipxe.iso"), extra);
    }

    interface Damage {
        void apply(BlockDevice data) throws Exception;
    }

    private static Path damaged(String name, Damage d) throws Exception {
        Path img = tmp.resolve(name + ".img");
        Files.copy(clean, img, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        JsonNode part = new ObjectMapper().readTree(CliRun.of("info", img.toString(), "--json").out()).path("partitions").get(0);
        try (FileBlockDevice dev = FileBlockDevice.open(img, false)) {
            d.apply(new SliceBlockDevice(dev, part.path("startBytes").asLong(), part.path("sizeBytes").asLong()));
        }
        return img;
    }

    private static String sha256(Path p) throws Exception {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        try (var in = Files.newInputStream(p)) {
            byte[] buf = new byte[1 << 20];
            int n;
            while ((n = in.read(buf)) > 0) md.update(buf, 0, n);
        }
        return HexFormat.of().formatHex(md.digest());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "bitmap bits of a used file cleared, USED_CLUSTERS_MARKED_FREE",
            "bitmap zeroed, USED_CLUSTERS_MARKED_FREE",
            "two entries sharing clusters, CROSS_LINK",
            "a directory pointing at the root, DIRECTORY_LOOP",
            "main boot region damaged, BOOT_REGION_MAIN_INVALID"})
    void verifyReportsItAndAddWritesNothing(String damage, String finding) throws Exception {
        Path img = damaged(damage.replace(' ', '-'), data -> {
            switch (damage) {
                case "bitmap bits of a used file cleared" -> HostileExfat.clearBitmapBits(data, "/ipxe.iso");
                case "bitmap zeroed" -> HostileExfat.zeroBitmap(data);
                case "two entries sharing clusters" -> HostileExfat.crossLink(data, "/dir/b.bin", "/ipxe.iso");
                case "a directory pointing at the root" -> HostileExfat.directoryAtRoot(data, "/dir");
                case "main boot region damaged" -> HostileExfat.damageMainBootSector(data);
                default -> throw new IllegalArgumentException(damage);
            }
        });
        CliRun verify = CliRun.of("verify", img.toString());
        assertThat(verify.exitCode()).as(verify.toString()).isEqualTo(ExitCodes.VERIFY_FAILED);
        assertThat(verify.out()).contains("corrupt  data partition: " + finding).contains("fsck.exfat");

        String before = sha256(img);
        CliRun add = CliRun.of("add", img.toString(), extra.toString());
        assertThat(add.exitCode()).as(add.toString()).isNotZero();
        assertThat(add.err()).contains("fsck.exfat");
        assertThat(sha256(img)).as("not one byte of the stick written").isEqualTo(before);
    }

    @Test
    void anUnreadableCatalogueIsReportedAndRefreshRecovers() throws Exception {
        Path img = damaged("catalogue", data -> {
            try (ExfatVolume v = ExfatVolume.open(data, Clock.systemUTC())) {
                v.delete("/.polyboot/catalog.json");
                byte[] junk = "{ this is not json".getBytes(StandardCharsets.US_ASCII);
                v.writeFile("/.polyboot/catalog.json", new ByteArrayInputStream(junk), junk.length);
            }
        });
        CliRun verify = CliRun.of("verify", img.toString());
        assertThat(verify.exitCode()).as(verify.toString()).isZero();
        assertThat(verify.out()).contains("warning  catalogue /.polyboot/catalog.json unreadable").contains("polyboot refresh");
        CliRun list = CliRun.of("list", img.toString());
        assertThat(list.exitCode()).as(list.toString()).isZero();
        assertThat(list.out()).contains("/ipxe.iso");
        assertThat(CliRun.of("refresh", img.toString(), "-y", "-q").exitCode()).isZero();
        assertThat(CliRun.of("verify", img.toString()).out()).contains("ok       catalogue /.polyboot/catalog.json: 1 images");
    }
}
