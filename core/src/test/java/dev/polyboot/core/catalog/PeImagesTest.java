package dev.polyboot.core.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.polyboot.core.boot.BootMode;
import dev.polyboot.core.boot.BootRecipe;
import dev.polyboot.formats.FormatException;
import dev.polyboot.formats.io.FileBlockDevice;
import dev.polyboot.formats.pe.PeReader;
import dev.polyboot.formats.testing.Tools;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The classifier on the EFI programs Debian ships (signed shim and GRUB, unsigned iPXE) and on copies with one
 * header field patched, compared with what {@code objdump -p} (binutils) reads from the same bytes.
 */
class PeImagesTest {
    static final String SHIM = "/usr/lib/shim/shimx64.efi.signed";
    @TempDir Path tmp;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {SHIM, "/usr/lib/shim/mmx64.efi.signed", "/usr/lib/grub/x86_64-efi-signed/grubx64.efi.signed",
            "/usr/lib/ipxe/snponly.efi", "/usr/lib/ipxe/ipxe.efi"})
    void efiProgramsDebianShipsAgreeWithObjdump(String file) throws Exception {
        Path efi = shipped(file);
        Objdump o = objdump(efi);
        ImageReport r = ImageClassifier.classify(efi);
        ImageDetails.Pe d = (ImageDetails.Pe) r.details();
        assertThat(o.format).isEqualTo("pei-x86-64");
        assertThat(r.architectures()).containsExactly("amd64");
        assertThat(d.machine()).isEqualTo("x64");
        assertThat(d.subsystem()).isEqualTo(o.subsystem);
        assertThat(d.subsystemName()).isEqualToIgnoringCase(o.subsystemName);
        assertThat(d.signed()).isEqualTo(o.certificateBytes > 0);
        assertThat(d.certificateBytes()).isEqualTo(o.certificateBytes);
        assertThat(d.sbat()).isEqualTo(o.sbat);
        assertThat(r.type()).isEqualTo(ImageType.EFI_PROGRAM);
        assertThat(r.firmware()).containsExactly(BootMode.UEFI);
        assertThat(r.recipe()).isEqualTo(new BootRecipe.Program(List.of(BootMode.UEFI)));
        assertThat(r.title()).isEqualTo(ImageClassifier.stem(efi.getFileName().toString()) + " (amd64)");
        // presence of a certificate table is reported; verification is never claimed
        assertThat(r.notes()).singleElement().asString()
                .startsWith(o.certificateBytes > 0 ? "Secure Boot: signed (Authenticode" : "Secure Boot: unsigned")
                .doesNotContainIgnoringCase("verified:").doesNotContainIgnoringCase("valid signature");
    }

    @Test
    void windowsConsoleSubsystemIsAPeProgramNotOfferedToTheMenu() throws Exception {
        Path exe = patched(shipped(SHIM), "console.exe", Field.SUBSYSTEM, 3);
        Objdump o = objdump(exe);
        ImageReport r = ImageClassifier.classify(exe);
        ImageDetails.Pe d = (ImageDetails.Pe) r.details();
        assertThat(d.subsystem()).isEqualTo(o.subsystem).isEqualTo(3);
        assertThat(d.subsystemName()).isEqualToIgnoringCase(o.subsystemName);
        assertThat(r.type()).isEqualTo(ImageType.PE_PROGRAM);
        assertThat(r.firmware()).isEmpty();
        assertThat(r.recipe()).isInstanceOf(BootRecipe.Message.class);
        assertThat(r.recipe().modes()).isEmpty();
        assertThat(d.signed()).isTrue(); // the patch breaks the signature, but the table is still there
    }

    @ParameterizedTest(name = "subsystem {0}")
    @ValueSource(ints = {11, 12})
    void efiDriversAreReportedButNotStarted(int subsystem) throws Exception {
        Path drv = patched(shipped("/usr/lib/ipxe/snponly.efi"), "driver.efi", Field.SUBSYSTEM, subsystem);
        Objdump o = objdump(drv);
        ImageReport r = ImageClassifier.classify(drv);
        ImageDetails.Pe d = (ImageDetails.Pe) r.details();
        assertThat(d.subsystemName()).isEqualToIgnoringCase(o.subsystemName);
        assertThat(r.type()).isEqualTo(ImageType.EFI_PROGRAM);
        assertThat(r.firmware()).containsExactly(BootMode.UEFI);
        assertThat(r.recipe()).isInstanceOf(BootRecipe.Message.class);
        assertThat(((BootRecipe.Message) r.recipe()).text()).contains(d.subsystemName());
    }

    @Test
    void arm64ProgramIsNamedButNotStartedByAnX64Menu() throws Exception {
        Path arm = patched(shipped("/usr/lib/ipxe/snponly.efi"), "bootaa64.efi", Field.MACHINE, 0xAA64);
        ImageReport r = ImageClassifier.classify(arm);
        assertThat(r.architectures()).containsExactly("arm64");
        assertThat(((ImageDetails.Pe) r.details()).machine()).isEqualTo("aa64");
        assertThat(r.recipe()).isEqualTo(new BootRecipe.Message("an EFI program for arm64; this menu starts x64 programs"));
    }

    @Test
    void damagedOptionalHeaderIsReportedWithTheReadersFinding() throws Exception {
        Path bad = patched(shipped(SHIM), "bad.efi", Field.OPTIONAL_MAGIC, 0x1234);
        FormatException expected;
        try (FileBlockDevice dev = FileBlockDevice.open(bad, true)) {
            expected = org.junit.jupiter.api.Assertions.assertThrows(FormatException.class, () -> PeReader.read(dev));
        }
        ImageReport r = ImageClassifier.classify(bad);
        assertThat(r.type()).isEqualTo(ImageType.EFI_PROGRAM);
        assertThat(r.details()).isNull();
        assertThat(r.recipe()).isInstanceOf(BootRecipe.Message.class);
        assertThat(r.reason()).contains(expected.structure() + " at offset " + expected.offset());
        assertThat(r.notes()).containsExactly("damaged: " + expected.getMessage());
    }

    @Test
    void mzWithoutPeSignatureIsNotAPeFile() throws Exception {
        Path dos = patched(shipped(SHIM), "dos.img", Field.PE_SIGNATURE, 0);
        assertThatThrownBy(() -> {
            try (FileBlockDevice dev = FileBlockDevice.open(dos, true)) {
                PeReader.read(dev);
            }
        }).isInstanceOf(FormatException.class);
        assertThat(ImageClassifier.classify(dos).type()).isEqualTo(ImageType.UNKNOWN);
    }

    enum Field {
        PE_SIGNATURE(0, 4), MACHINE(4, 2), OPTIONAL_MAGIC(24, 2), SUBSYSTEM(24 + 68, 2);

        final int offset;
        final int width;

        Field(int offset, int width) {
            this.offset = offset;
            this.width = width;
        }
    }

    /** A copy of {@code src} with one field, at its offset from the PE signature, set to {@code value}. */
    Path patched(Path src, String name, Field f, int value) throws Exception {
        byte[] b = Files.readAllBytes(src);
        ByteBuffer buf = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        int at = buf.getInt(0x3C) + f.offset;
        if (f.width == 2) buf.putShort(at, (short) value); else buf.putInt(at, value);
        return Files.write(tmp.resolve(name), b);
    }

    static Path shipped(String file) {
        Path p = Path.of(file);
        if (!Files.isRegularFile(p)) {
            String msg = file + " missing (see scripts/debian-packages.txt)";
            if (Tools.inCi()) throw new AssertionError(msg);
            Assumptions.assumeTrue(false, msg);
        }
        return p;
    }

    record Objdump(String format, int subsystem, String subsystemName, long certificateBytes, boolean sbat) {}

    static Objdump objdump(Path file) {
        String out = Tools.run("objdump", "-p", "-h", file.toString()).assertOk().stdout();
        Matcher format = Pattern.compile("file format (\\S+)").matcher(out);
        Matcher sub = Pattern.compile("(?m)^Subsystem\\s+([0-9a-f]+)\\s+\\((.*)\\)").matcher(out);
        Matcher cert = Pattern.compile("(?m)^Entry 4 [0-9a-f]+ ([0-9a-f]+) Security Directory").matcher(out);
        assertThat(format.find() && sub.find() && cert.find()).as(out).isTrue();
        return new Objdump(format.group(1), Integer.parseInt(sub.group(1), 16), sub.group(2),
                Long.parseLong(cert.group(1), 16), Pattern.compile("(?m)^\\s*\\d+ \\.sbat\\s").matcher(out).find());
    }
}
