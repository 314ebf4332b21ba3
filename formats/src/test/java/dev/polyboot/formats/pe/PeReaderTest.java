package dev.polyboot.formats.pe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.polyboot.formats.CorruptStructureException;
import dev.polyboot.formats.io.FileBlockDevice;
import dev.polyboot.formats.io.MemoryBlockDevice;
import dev.polyboot.formats.testing.Tools;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Real EFI binaries from Debian packages, read by us and by binutils' {@code objdump -p -h}. */
class PeReaderTest {

    @ParameterizedTest
    @ValueSource(strings = {"/usr/lib/grub/x86_64-efi/monolithic/grubx64.efi", "/usr/lib/shim/shimx64.efi.signed",
            "/usr/lib/shim/shimx64.efi", "/boot/memtest86+x64.efi", "/boot/memtest86+ia32.efi"})
    void agreesWithObjdump(String file) throws Exception {
        Path path = requireFile(Path.of(file));
        PeHeader h;
        try (FileBlockDevice dev = FileBlockDevice.open(path, true)) {
            h = PeReader.read(dev);
        }
        String p = Tools.run("objdump", "-p", "-h", path.toString()).assertOk().stdout();
        String format = group(p, "file format (\\S+)");
        assertThat(h.architecture()).isEqualTo(format.equals("pei-x86-64") ? "x64" : format.equals("pei-i386") ? "ia32" : format);
        assertThat(h.optionalHeaderMagic()).isEqualTo(Integer.parseInt(group(p, "Magic\\s+([0-9a-f]+)"), 16));
        assertThat(h.subsystem()).isEqualTo(Integer.parseInt(group(p, "Subsystem\\s+([0-9a-f]+)"), 16));
        assertThat(h.characteristics()).isEqualTo(Integer.parseInt(group(p, "Characteristics 0x([0-9a-f]+)"), 16));
        Matcher sec = Pattern.compile("Entry 4 ([0-9a-f]+) ([0-9a-f]+) Security Directory").matcher(p);
        assertThat(sec.find()).isTrue();
        assertThat(h.certificateTableOffset()).isEqualTo(Long.parseLong(sec.group(1), 16));
        assertThat(h.certificateTableSize()).isEqualTo(Long.parseLong(sec.group(2), 16));
        assertThat(h.isSigned()).isEqualTo(file.endsWith(".signed"));
        List<String> names = new ArrayList<>();
        List<Long> offsets = new ArrayList<>();
        Matcher m = Pattern.compile("(?m)^\\s+\\d+ (\\S+)\\s+[0-9a-f]+\\s+[0-9a-f]+\\s+[0-9a-f]+\\s+([0-9a-f]+)").matcher(p);
        while (m.find()) {
            names.add(m.group(1));
            offsets.add(Long.parseLong(m.group(2), 16));
        }
        assertThat(h.sections()).extracting(PeSection::name).isEqualTo(names);
        assertThat(h.sections()).extracting(PeSection::rawOffset).isEqualTo(offsets);
        assertThat(h.isEfi()).isTrue();
        assertThat(h.hasSection(".sbat")).isEqualTo(names.contains(".sbat"));
    }

    @Test
    void debianShimIsSignedWithSbat() throws Exception {
        Path path = requireFile(Path.of("/usr/lib/shim/shimx64.efi.signed"));
        try (FileBlockDevice dev = FileBlockDevice.open(path, true)) {
            PeHeader h = PeReader.read(dev);
            assertThat(h.architecture()).isEqualTo("x64");
            assertThat(h.isPe32Plus()).isTrue();
            assertThat(h.isSigned()).isTrue();
            assertThat(h.hasSection(".sbat")).isTrue();
        }
    }

    @Test
    void machinesWithoutRealBinariesHere() throws Exception {
        for (int machine : new int[] {PeMachine.ARM64, PeMachine.RISCV64, PeMachine.ARMNT, 0x1234}) {
            byte[] image = TinyPe.build(machine, PeHeader.PE32_PLUS, PeHeader.SUBSYSTEM_EFI_RUNTIME_DRIVER,
                    List.of(".text", ".sbat"), 16);
            PeHeader h = PeReader.read(MemoryBlockDevice.of(image));
            assertThat(h.machine()).isEqualTo(machine);
            assertThat(h.subsystem()).isEqualTo(PeHeader.SUBSYSTEM_EFI_RUNTIME_DRIVER);
            assertThat(h.isSigned()).isTrue();
            assertThat(h.hasSection(".sbat")).isTrue();
        }
        assertThat(PeMachine.uefiName(PeMachine.ARM64)).isEqualTo("aa64");
        assertThat(PeMachine.uefiName(PeMachine.RISCV64)).isEqualTo("riscv64");
        assertThat(PeMachine.uefiName(PeMachine.ARMNT)).isEqualTo("arm");
        assertThat(PeMachine.uefiName(0x1234)).isEqualTo("0x1234");
    }

    @Test
    void hostileHeadersAreRefused() {
        byte[] good = TinyPe.build(PeMachine.AMD64, PeHeader.PE32_PLUS, 10, List.of(".text"), 16);
        ByteBuffer b;
        byte[] farLfanew = good.clone();
        ByteBuffer.wrap(farLfanew).order(ByteOrder.LITTLE_ENDIAN).putInt(PeReader.E_LFANEW, 0xFFFF_FFF0);
        assertThatThrownBy(() -> PeReader.read(MemoryBlockDevice.of(farLfanew)))
                .isInstanceOf(CorruptStructureException.class).hasMessageContaining("e_lfanew");
        byte[] certOutside = good.clone();
        b = ByteBuffer.wrap(certOutside).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(0x80 + 24 + PeReader.OPT_RVA_COUNT_PE32_PLUS + 4 + 32 + 4, 0x7FFF_FFFF);
        assertThatThrownBy(() -> PeReader.read(MemoryBlockDevice.of(certOutside)))
                .isInstanceOf(CorruptStructureException.class).hasMessageContaining("PE certificate table");
        byte[] manySections = good.clone();
        ByteBuffer.wrap(manySections).order(ByteOrder.LITTLE_ENDIAN).putShort(0x80 + PeReader.SECTION_COUNT, (short) 900);
        assertThatThrownBy(() -> PeReader.read(MemoryBlockDevice.of(manySections)))
                .isInstanceOf(CorruptStructureException.class).hasMessageContaining("PE section table");
        byte[] badMagic = good.clone();
        ByteBuffer.wrap(badMagic).order(ByteOrder.LITTLE_ENDIAN).putShort(0x80 + 24, (short) 0x107);
        assertThatThrownBy(() -> PeReader.read(MemoryBlockDevice.of(badMagic)))
                .isInstanceOf(CorruptStructureException.class).hasMessageContaining("Magic");
        assertThatThrownBy(() -> PeReader.read(MemoryBlockDevice.of(new byte[10])))
                .isInstanceOf(CorruptStructureException.class).hasMessageContaining("DOS header");
    }

    /** A fixture shipped by a Debian package in scripts/debian-packages.txt: skipped locally, required under CI. */
    static Path requireFile(Path p) {
        if (!Files.isRegularFile(p)) {
            String msg = "fixture missing: " + p + " (see scripts/debian-packages.txt)";
            if (Tools.inCi()) throw new AssertionError(msg);
            Assumptions.assumeTrue(false, msg);
        }
        return p;
    }

    private static String group(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        assertThat(m.find()).as(regex).isTrue();
        return m.group(1);
    }
}
