package dev.polyboot.formats.cpio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.polyboot.formats.testing.Golden;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The writer's bytes: a tiny archive pinned by a golden file (xxd's format: {@code xxd -r tiny-archive.xxd} gives
 * the archive back), the name rule spelled out by hand, and the caller mistakes {@link CpioEntry} refuses. After an
 * intended change, regenerate with
 * {@code mvn -pl formats test -Dtest=CpioNewcWriterTest -Dsurefire.failIfNoSpecifiedTests=false -Dpolyboot.updateGolden=true}
 * and review the diff.
 */
class CpioNewcWriterTest {
    static final String GOLDEN = "dev/polyboot/formats/cpio/tiny-archive.xxd";

    /** A directory {@code polyboot}, {@code polyboot/init} 0755 holding "x", and {@code init -> polyboot/init}. */
    static List<CpioEntry> tiny() {
        return List.of(CpioEntry.directory("polyboot", 0755),
                CpioEntry.file("polyboot/init", 0755, "x".getBytes(StandardCharsets.US_ASCII)),
                CpioEntry.symlink("init", "polyboot/init"));
    }

    @Test
    void tinyArchiveMatchesGolden() throws IOException {
        Golden.check(xxd(CpioNewcWriter.write(tiny())), "formats", GOLDEN);
    }

    @Test
    void namesizeCountsTheTerminatingNul() {
        byte[] a = CpioNewcWriter.write(tiny());
        // written out by hand from buffer-format.rst: ino 1, mode 040755, nlink 2, c_namesize 9 = "polyboot" + NUL,
        // then 110 + 9 = 119 bytes padded to 120
        String first = "070701" + "00000001" + "000041ED" + "00000000" + "00000000" + "00000002" + "00000000"
                + "00000000" + "00000000" + "00000000" + "00000000" + "00000000" + "00000009" + "00000000" + "polyboot\0" + "\0";
        assertThat(new String(a, 0, 120, StandardCharsets.ISO_8859_1)).isEqualTo(first);
        // polyboot/init: c_namesize 14 (0x0E), header + name = 124, data "x" + 3 bytes of padding
        String second = new String(a, 120, 124 + 4, StandardCharsets.ISO_8859_1);
        assertThat(second.substring(94, 102)).isEqualTo("0000000E");
        assertThat(second.substring(54, 62)).isEqualTo("00000001");
        assertThat(second.substring(110)).isEqualTo("polyboot/init\0x\0\0\0");
        String trailer = "070701" + "00000000".repeat(4) + "00000001" + "00000000".repeat(6) + "0000000B" + "00000000" + "TRAILER!!!\0";
        assertThat(new String(a, StandardCharsets.ISO_8859_1)).contains(trailer);
        assertThat(a).hasSize(512);
    }

    @Test
    void emptyListIsATrailerInOneBlock() throws IOException {
        byte[] a = CpioNewcWriter.write(List.of());
        assertThat(a).hasSize(512);
        assertThat(CpioNewcReader.readAll(a, 0)).isEmpty();
    }

    @Test
    void factoriesSetTypeAndDefaults() {
        CpioEntry d = CpioEntry.directory("a", 0700);
        assertThat(d.mode()).isEqualTo(040700);
        assertThat(d.mtime()).isZero();
        assertThat(d.data()).isEmpty();
        assertThat(CpioEntry.file("a/b", 04755, new byte[] {1}).mode()).isEqualTo(0104755);
        CpioEntry l = CpioEntry.symlink("sh", "busybox");
        assertThat(l.mode()).isEqualTo(0120777);
        assertThat(l.data()).isEqualTo("busybox".getBytes(StandardCharsets.UTF_8));
        assertThat(l.linkTarget()).isEqualTo("busybox");
    }

    @Test
    void dataIsCopiedInAndOut() {
        byte[] source = {1, 2, 3};
        CpioEntry f = CpioEntry.file("f", 0644, source);
        source[0] = 9;
        f.data()[1] = 9;
        assertThat(f.data()).containsExactly(1, 2, 3);
        assertThat(f).isEqualTo(CpioEntry.file("f", 0644, new byte[] {1, 2, 3}));
    }

    @Test
    void badNamesAreCallerMistakes() {
        String long4096 = "a".repeat(4096);
        for (String bad : List.of("", "/init", "a/../b", "..", "a//b", "a/", "a\0b", "TRAILER!!!", long4096, "x\ud800")) {
            assertThatThrownBy(() -> CpioEntry.file(bad, 0644, new byte[0])).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
        assertThat(CpioEntry.file("a".repeat(4095), 0644, new byte[0]).name()).hasSize(4095);
        assertThat(CpioEntry.directory("./a/.", 0755).name()).isEqualTo("./a/.");
        assertThat(CpioEntry.file("ä".repeat(2047), 0644, new byte[0]).name()).hasSize(2047); // 4094 bytes
        assertThatThrownBy(() -> CpioEntry.file("ä".repeat(2048), 0644, new byte[0])).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void otherMistakesAreRefused() {
        assertThatThrownBy(() -> CpioEntry.file("f", 010000, new byte[0])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CpioEntry.symlink("l", "")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CpioEntry.symlink("l", "a\0b")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CpioEntry("d", 040755, 0, new byte[1], null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CpioEntry("l", 0120777, 0, new byte[] {'a'}, "b")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CpioEntry("f", 0100644, 0, new byte[0], "b")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CpioEntry("f", 0644, 0, new byte[0], null)).as("no file type").isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CpioEntry("f", 0100644, 1L << 32, new byte[0], null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CpioNewcWriter.write(List.of(CpioEntry.directory("a", 0755), CpioEntry.file("a", 0644, new byte[0]))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("two entries named a");
        CpioEntry console = new CpioEntry("dev/console", 020600, 0, new byte[0], null);
        assertThatThrownBy(() -> CpioNewcWriter.write(List.of(console))).isInstanceOf(IllegalArgumentException.class);
    }

    /** xxd's default layout: offset, 8 groups of 2 bytes, the bytes as ASCII ('.' for the rest). */
    static String xxd(byte[] b) {
        StringBuilder s = new StringBuilder();
        for (int line = 0; line < b.length; line += 16) {
            s.append(String.format("%08x:", line));
            byte[] row = Arrays.copyOfRange(b, line, Math.min(b.length, line + 16));
            StringBuilder ascii = new StringBuilder();
            for (int i = 0; i < 16; i++) {
                if (i % 2 == 0) s.append(' ');
                if (i < row.length) {
                    s.append(String.format("%02x", row[i] & 0xff));
                    ascii.append(row[i] >= 0x20 && row[i] < 0x7f ? (char) row[i] : '.');
                } else {
                    s.append("  ");
                }
            }
            s.append("  ").append(ascii).append('\n');
        }
        return s.toString();
    }
}
