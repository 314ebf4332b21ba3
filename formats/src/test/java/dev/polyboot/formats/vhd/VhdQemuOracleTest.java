package dev.polyboot.formats.vhd;

import static org.assertj.core.api.Assertions.assertThat;

import dev.polyboot.formats.io.FileBlockDevice;
import dev.polyboot.formats.testing.Tools;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** VHD and VHDX files made by {@code qemu-img create}, read by us and by {@code qemu-img info --output=json}. */
class VhdQemuOracleTest {
    @TempDir Path dir;

    @ParameterizedTest
    @CsvSource({
            "vpc, subformat=fixed, 10M, FIXED",
            "vpc, subformat=dynamic, 100M, DYNAMIC",
            "vpc, 'subformat=dynamic,force_size=on', 3G, DYNAMIC",
            "vhdx, subformat=dynamic, 1G, DYNAMIC",
            "vhdx, 'subformat=fixed,block_size=8M', 16M, FIXED",
            "vhdx, 'subformat=dynamic,block_size=1M', 5T, DYNAMIC"})
    void agreesWithQemuImg(String format, String options, String size, VirtualDiskType type) throws Exception {
        Path file = dir.resolve("disk." + format);
        Tools.run("qemu-img", "create", "-q", "-f", format, "-o", options, file.toString(), size).assertOk();
        String info = Tools.run(List.of("qemu-img", "info", "-f", format, "--output=json", file.toString())).assertOk().stdout();
        long qemuSize = number(info, "virtual-size");
        try (FileBlockDevice dev = FileBlockDevice.open(file, true)) {
            VirtualDisks.VirtualDiskInfo v = VirtualDisks.read(dev);
            assertThat(v.format()).isEqualTo(format.equals("vpc") ? VirtualDisks.Format.VHD : VirtualDisks.Format.VHDX);
            assertThat(v.type()).isEqualTo(type);
            assertThat(v.virtualSize()).isEqualTo(qemuSize);
            if (format.equals("vhdx")) {
                VhdxInfo x = VhdxReader.read(dev);
                assertThat(x.blockSize()).isEqualTo(number(info, "cluster-size"));
                assertThat(x.logicalSectorSize()).isEqualTo(512);
                assertThat(x.creator()).startsWith("QEMU");
                assertThat(x.header().hasPendingLog()).isFalse();
            } else {
                VhdInfo h = VhdReader.read(dev);
                assertThat(h.footerFromCopy()).isFalse();
                assertThat(h.footer().creatorApp()).startsWith("qem");
                assertThat(h.dynamicHeader().isPresent()).isEqualTo(type == VirtualDiskType.DYNAMIC);
                h.dynamicHeader().ifPresent(d -> assertThat(d.blockSize()).isEqualTo(number(info, "cluster-size")));
            }
        }
    }

    static long number(String json, String key) {
        Matcher m = Pattern.compile("\"" + key + "\"\\s*:\\s*(\\d+)").matcher(json);
        assertThat(m.find()).as(key + " in " + json).isTrue();
        return Long.parseLong(m.group(1));
    }
}
