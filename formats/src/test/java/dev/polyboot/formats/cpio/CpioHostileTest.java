package dev.polyboot.formats.cpio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.polyboot.formats.CorruptStructureException;
import dev.polyboot.formats.FormatException;
import dev.polyboot.formats.UnsupportedLayoutException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Damaged and hostile archives: each is refused with an exception that locates the damage (structure, offset,
 * field), never with an unchecked exception or a large allocation.
 */
class CpioHostileTest {
    /** polyboot (dir) at 0, polyboot/init at 120, init -> polyboot/init at 248 (target at 364), trailer at 380. */
    static final byte[] TINY = CpioNewcWriter.write(CpioNewcWriterTest.tiny());
    static final int INIT = 120;
    static final int LINK = 248;
    static final int TRAILER = 380;

    static byte[] patch(int at, String ascii) {
        byte[] b = TINY.clone();
        byte[] p = ascii.getBytes(StandardCharsets.ISO_8859_1);
        System.arraycopy(p, 0, b, at, p.length);
        return b;
    }

    static FormatException refused(byte[] archive) {
        try {
            CpioNewcReader.readAll(archive, 1 << 20);
            throw new AssertionError("not refused");
        } catch (FormatException e) {
            return e;
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void truncatedHeader() throws IOException {
        FormatException e = refused(Arrays.copyOf(TINY, INIT + 50));
        assertThat(e).isInstanceOf(CorruptStructureException.class).hasMessage("cpio newc header at offset 120: ends after 50 of 110 bytes");
        assertThat(refused(new byte[0])).isInstanceOf(CorruptStructureException.class).hasMessageContaining("ends after 0 of 110");
    }

    @Test
    void truncatedNameAndData() throws IOException {
        assertThat(refused(Arrays.copyOf(TINY, INIT + 115))).isInstanceOf(CorruptStructureException.class)
                .hasMessage("cpio newc name at offset 230: ends after 5 of 14 bytes");
        assertThat(refused(Arrays.copyOf(TINY, INIT + 124))).isInstanceOf(CorruptStructureException.class)
                .hasMessageContaining("c_filesize expected at most 0 (bytes left in the archive) but was 1");
        // through a stream the length is unknown: the data read itself runs out
        assertThatThrownBy(() -> readStream(Arrays.copyOf(TINY, INIT + 124), 1 << 20))
                .isInstanceOf(CorruptStructureException.class).hasMessage("cpio newc data at offset 244: ends after 0 of 1 bytes");
    }

    @Test
    void missingTrailerIsTruncation() throws IOException {
        assertThat(refused(Arrays.copyOf(TINY, TRAILER))).isInstanceOf(CorruptStructureException.class)
                .hasMessage("cpio newc header at offset 380: ends after 0 of 110 bytes");
    }

    @Test
    void badMagic() throws IOException {
        assertThat(refused(patch(INIT, "070707"))).isInstanceOf(CorruptStructureException.class)
                .hasMessage("cpio newc header at offset 120 (0x78): field c_magic expected 070701 or 070702 but was \"070707\"");
    }

    @Test
    void badHexNamesTheField() throws IOException {
        assertThat(refused(patch(INIT + CpioNewcHeader.OFF_FILESIZE, "0000000g"))).isInstanceOf(CorruptStructureException.class)
                .hasMessage("cpio newc header at offset 174 (0xae): field c_filesize expected 8 hex digits but was \"0000000g\"");
        assertThat(refused(patch(INIT + CpioNewcHeader.OFF_INO, " 0000001"))).hasMessageContaining("field c_ino");
        assertThat(refused(patch(INIT + CpioNewcHeader.OFF_CHECK, "-0000000"))).hasMessageContaining("field c_check");
        // lower case is hex too (the kernel and GNU cpio read it)
        assertThat(CpioNewcReader.readAll(patch(INIT + CpioNewcHeader.OFF_MODE, "000081ed"), 1 << 20)).hasSize(3);
    }

    @Test
    void namesizeOutOfRange() throws IOException {
        assertThat(refused(patch(INIT + CpioNewcHeader.OFF_NAMESIZE, "00000000"))).isInstanceOf(CorruptStructureException.class)
                .hasMessage("cpio newc header at offset 214 (0xd6): field c_namesize expected 2..4096 but was 0");
        assertThat(refused(patch(INIT + CpioNewcHeader.OFF_NAMESIZE, "00001001"))).hasMessageContaining("but was 4097");
        assertThat(refused(patch(INIT + CpioNewcHeader.OFF_NAMESIZE, "FFFFFFFF"))).hasMessageContaining("but was 4294967295");
    }

    @Test
    void nameWithoutNulAsGrub206WritesIt() {
        // GRUB 2.06's newc: gives c_namesize without the NUL; "polyboot/init" then ends in 't'
        assertThat(refused(patch(INIT + CpioNewcHeader.OFF_NAMESIZE, "0000000D"))).isInstanceOf(CorruptStructureException.class)
                .hasMessage("cpio newc name at offset 230 (0xe6): field terminator expected 0 but was 116");
    }

    @Test
    void hugeFilesize() throws IOException {
        assertThat(refused(patch(INIT + CpioNewcHeader.OFF_FILESIZE, "FFFFFFFF"))).isInstanceOf(CorruptStructureException.class)
                .hasMessage("cpio newc header at offset 174 (0xae): field c_filesize expected at most 268 (bytes left in the archive)"
                        + " but was 4294967295");
        // from a stream nothing says how much is left: the caller's cap refuses it before any allocation
        assertThatThrownBy(() -> readStream(patch(INIT + CpioNewcHeader.OFF_FILESIZE, "FFFFFFFF"), 1 << 20))
                .isInstanceOf(UnsupportedLayoutException.class)
                .hasMessage("cpio newc header at offset 174 (0xae): field c_filesize expected at most 1048576 (the caller's cap) but was 4294967295");
        assertThatThrownBy(() -> CpioNewcReader.readAll(TINY, 0)).isInstanceOf(UnsupportedLayoutException.class)
                .hasMessageContaining("(the caller's cap) but was 1");
    }

    @Test
    void unsafeNamesAreRefused() throws IOException {
        // same length as "polyboot/init" so the layout stays valid
        assertThat(refused(patch(INIT + 110, "../etc/passwd"))).isInstanceOf(UnsupportedLayoutException.class)
                .hasMessageContaining("cpio newc name at offset 230").hasMessageContaining("has a \"..\" component");
        assertThat(refused(patch(INIT + 110, "/olyboot/init"))).isInstanceOf(UnsupportedLayoutException.class)
                .hasMessageContaining("absolute");
        assertThat(refused(patch(INIT + 110, "polyboot\0init"))).isInstanceOf(CorruptStructureException.class)
                .hasMessageContaining("field c_name expected a NUL only at its end");
    }

    @Test
    void typesAndSizesThatContradictEachOther() throws IOException {
        assertThat(refused(patch(CpioNewcHeader.OFF_MODE, "000001ED"))).as("no file type").isInstanceOf(CorruptStructureException.class)
                .hasMessage("cpio newc header at offset 14 (0xe): field c_mode expected a file type and permission bits but was 0755");
        assertThat(refused(patch(CpioNewcHeader.OFF_MODE, "000141ED"))).hasMessageContaining("field c_mode");
        // polyboot/init as a directory carrying its byte of data
        assertThat(refused(patch(INIT + CpioNewcHeader.OFF_MODE, "000041ED"))).isInstanceOf(CorruptStructureException.class)
                .hasMessageContaining("field c_filesize expected 0 (no data on type 040000) but was 1");
        // polyboot/init as a symlink to "x" is fine; as a symlink with 0 bytes of target it is not
        assertThat(read(patch(INIT + CpioNewcHeader.OFF_MODE, "0000A1FF")).get(1).linkTarget()).isEqualTo("x");
        byte[] emptyTarget = patch(INIT + CpioNewcHeader.OFF_MODE, "0000A1FF");
        System.arraycopy("00000000".getBytes(StandardCharsets.US_ASCII), 0, emptyTarget, INIT + CpioNewcHeader.OFF_FILESIZE, 8);
        assertThat(refused(emptyTarget)).hasMessageContaining("field c_filesize expected 1..4095 (a symlink target) but was 0");
        byte[] nulTarget = TINY.clone();
        nulTarget[LINK + 116 + 3] = 0; // "polyboot/init" -> "pol\0boot/init"
        assertThat(refused(nulTarget)).isInstanceOf(CorruptStructureException.class).hasMessageContaining("symlink target");
        byte[] latin1Target = TINY.clone();
        latin1Target[LINK + 116 + 3] = (byte) 0xe9;
        assertThat(refused(latin1Target)).isInstanceOf(UnsupportedLayoutException.class).hasMessageContaining("UTF-8");
    }

    @Test
    void crcVariantIsChecked() throws IOException {
        // 070702: c_check is the byte sum of a file's data; "x" = 0x78
        byte[] good = patch(INIT, "070702");
        System.arraycopy("00000078".getBytes(StandardCharsets.US_ASCII), 0, good, INIT + CpioNewcHeader.OFF_CHECK, 8);
        assertThat(read(good)).isEqualTo(CpioNewcWriterTest.tiny());
        assertThat(refused(patch(INIT, "070702"))).isInstanceOf(CorruptStructureException.class)
                .hasMessage("cpio newc header at offset 222 (0xde): field c_check expected 0x78 (byte sum of the data) but was 0x0");
    }

    @Test
    void nothingAfterTheTrailerIsRead() throws IOException {
        byte[] b = Arrays.copyOf(TINY, TINY.length + 7);
        b[b.length - 1] = 'j';
        assertThat(read(b)).isEqualTo(CpioNewcWriterTest.tiny());
        assertThat(read(Arrays.copyOf(TINY, TRAILER + 124))).as("trailer without padding").hasSize(3);
    }

    static List<CpioEntry> read(byte[] b) {
        try {
            return CpioNewcReader.readAll(b, 1 << 20);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    static int readStream(byte[] b, long cap) throws IOException {
        CpioNewcReader r = new CpioNewcReader(new ByteArrayInputStream(b), cap);
        int n = 0;
        for (Optional<CpioEntry> e = r.next(); e.isPresent(); e = r.next()) n++;
        return n;
    }
}
