package dev.polyboot.core.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.polyboot.core.boot.BootRecipe;
import dev.polyboot.formats.FormatException;
import dev.polyboot.formats.io.FileBlockDevice;
import dev.polyboot.formats.testing.Tools;
import dev.polyboot.formats.vhd.VirtualDisks;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The classifier on VHD and VHDX files made by {@code qemu-img create}: the container and virtual size agree with
 * {@code qemu-img info --output=json}, the disk type with the subformat qemu-img was asked for.
 */
class VirtualDiskImagesTest {
    @TempDir Path dir;

    @ParameterizedTest(name = "{0} {1} {2}")
    @CsvSource({"vpc, fixed, 10M", "vpc, dynamic, 100M", "vhdx, dynamic, 1G", "vhdx, fixed, 8M"})
    void typeAndSizeAgreeWithQemuImg(String format, String subformat, String size) throws Exception {
        Path disk = qemuImg(format, subformat, size);
        JsonNode info = new ObjectMapper().readTree(Tools.run(List.of("qemu-img", "info", "-f", format, "--output=json",
                disk.toString())).assertOk().stdout());
        ImageReport r = ImageClassifier.classify(disk);
        ImageDetails.VirtualDisk d = (ImageDetails.VirtualDisk) r.details();
        assertThat(info.get("format").asText()).isEqualTo(format);
        assertThat(r.type()).isEqualTo(format.equals("vpc") ? ImageType.VHD : ImageType.VHDX);
        assertThat(d.container()).isEqualTo(r.type().name());
        assertThat(d.diskType()).isEqualTo(subformat);
        assertThat(d.virtualSize()).isEqualTo(info.get("virtual-size").asLong());
        assertThat(r.size()).isEqualTo(Files.size(disk));
        assertThat(r.recipe()).isEqualTo(new BootRecipe.Message(ImageClassifier.NOT_YET));
        assertThat(r.reason()).contains(subformat);
    }

    /** Damage that the signature check does not see: the reader's finding becomes the report's note. */
    @ParameterizedTest(name = "{0} {1}, bytes {3}")
    @CsvSource({
            "vpc, fixed, 10M, -448", // footer checksum at the end (a fixed VHD has no copy at the start)
            "vpc, dynamic, 10M, 512", // the dynamic header's cookie
            "vhdx, dynamic, 8M, 65536 131072"}) // both header signatures (one damaged header is survivable by design)
    void damagedHeaderIsReportedWithTheReadersFinding(String format, String subformat, String size, String at) throws Exception {
        Path disk = qemuImg(format, subformat, size);
        try (RandomAccessFile f = new RandomAccessFile(disk.toFile(), "rw")) {
            for (String offset : at.split(" ")) {
                long pos = Long.parseLong(offset) < 0 ? f.length() + Long.parseLong(offset) : Long.parseLong(offset);
                f.seek(pos);
                int b = f.read();
                f.seek(pos);
                f.write(b ^ 0xFF);
            }
        }
        FormatException expected;
        try (FileBlockDevice dev = FileBlockDevice.open(disk, true)) {
            expected = org.junit.jupiter.api.Assertions.assertThrows(FormatException.class, () -> VirtualDisks.read(dev));
        }
        ImageReport r = ImageClassifier.classify(disk);
        assertThat(r.type()).isEqualTo(format.equals("vpc") ? ImageType.VHD : ImageType.VHDX);
        assertThat(r.details()).isNull();
        assertThat(r.recipe()).isInstanceOf(BootRecipe.Message.class);
        assertThat(r.reason()).contains(expected.structure() + " at offset " + expected.offset());
        assertThat(r.notes()).containsExactly("damaged: " + expected.getMessage());
    }

    private Path qemuImg(String format, String subformat, String size) {
        Path disk = dir.resolve("disk-" + subformat + (format.equals("vpc") ? ".vhd" : ".vhdx"));
        Tools.run("qemu-img", "create", "-q", "-f", format, "-o", "subformat=" + subformat, disk.toString(), size).assertOk();
        return disk;
    }
}
