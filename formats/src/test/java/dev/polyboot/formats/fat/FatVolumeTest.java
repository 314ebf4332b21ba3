package dev.polyboot.formats.fat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.polyboot.formats.EntryExistsException;
import dev.polyboot.formats.NoSuchEntryException;
import dev.polyboot.formats.VolumeFullException;
import dev.polyboot.formats.fs.Extent;
import dev.polyboot.formats.fs.FsEntry;
import dev.polyboot.formats.io.MemoryBlockDevice;
import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.time.LocalDateTime;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Behaviour of the Volume operations on a small in-memory FAT16 volume (512-byte clusters). */
class FatVolumeTest {
    private MemoryBlockDevice dev;
    private FatVolume v;

    @BeforeEach
    void setUp() throws IOException {
        dev = new MemoryBlockDevice(4 << 20);
        FatFormatter.format(dev, FatFormatOptions.defaults("test", 7, FatOracleTest.CLOCK)
                .withType(FatFormatOptions.Type.FAT16).withSectorsPerCluster(1));
        v = FatVolume.open(dev, FatOracleTest.CLOCK);
    }

    private void write(String path, int size) throws IOException {
        v.writeFile(path, new ByteArrayInputStream(TreeFixture.content(size, size)), size);
    }

    @Test
    void labelIsStoredUppercaseAndTimestampsComeFromTheClock() throws IOException {
        assertThat(v.label()).isEqualTo("TEST");
        write("/a.txt", 10);
        assertThat(v.stat("/a.txt")).get().extracting(FsEntry::modified).isEqualTo(LocalDateTime.of(2026, 3, 4, 5, 6, 6));
    }

    @Test
    void lookUpIsCaseInsensitiveForLongAndShortNames() throws IOException {
        write("/MixedCase Name.TXT", 5);
        assertThat(v.stat("/mixedcase name.txt")).get().extracting(FsEntry::name).isEqualTo("MixedCase Name.TXT");
        assertThat(v.stat("/MIXEDC~1.TXT")).isPresent();
        assertThat(v.stat("/mixedc~1.txt")).isPresent();
        assertThatThrownBy(() -> write("/MIXEDCASE NAME.txt", 1)).isInstanceOf(EntryExistsException.class);
        assertThatThrownBy(() -> write("/mixedc~1.TXT", 1)).isInstanceOf(EntryExistsException.class);
    }

    @Test
    void contiguousFileHasOneExtentPointingAtItsBytes() throws IOException {
        write("/big.bin", 5000);
        List<Extent> ex = v.extents("/big.bin");
        assertThat(ex).hasSize(1);
        assertThat(ex.get(0).length()).isEqualTo(5000);
        byte[] onDisk = dev.read(ex.get(0).deviceOffset(), 5000).array();
        assertThat(onDisk).isEqualTo(TreeFixture.content(5000, 5000));
        assertThat(v.extents("/big.bin")).isEqualTo(ex);
        write("/empty", 0);
        assertThat(v.extents("/empty")).isEmpty();
    }

    @Test
    void fragmentedFreeSpaceGivesSeveralExtentsInFileOrder() throws IOException {
        for (int i = 0; i < 6; i++) write("/f" + i, 512);
        long rest = v.freeBytes();
        v.writeFile("/tail", new ByteArrayInputStream(new byte[(int) rest]), rest);
        assertThat(v.freeBytes()).isZero();
        v.delete("/f1");
        v.delete("/f3");
        write("/frag", 1000);
        List<Extent> ex = v.extents("/frag");
        assertThat(ex).hasSize(2);
        assertThat(ex.get(1).fileOffset()).isEqualTo(512);
        assertThat(ex.get(1).deviceOffset() - ex.get(0).deviceOffset()).isEqualTo(1024);
        assertThat(ex.get(1).length()).isEqualTo(488);
        assertThat(TreeFixture.read(v, "/frag")).isEqualTo(TreeFixture.content(1000, 1000));
    }

    @Test
    void streamEndingEarlyLeavesNothingBehind() throws IOException {
        long free = v.freeBytes();
        InputStream shortStream = new ByteArrayInputStream(new byte[100]);
        assertThatThrownBy(() -> v.writeFile("/partial", shortStream, 5000)).isInstanceOf(EOFException.class);
        assertThat(v.stat("/partial")).isEmpty();
        assertThat(v.freeBytes()).isEqualTo(free);
    }

    @Test
    void writingMoreThanFreeSpaceIsVolumeFull() throws IOException {
        long free = v.freeBytes();
        assertThatThrownBy(() -> v.writeFile("/huge", InputStream.nullInputStream(), free + 1))
                .isInstanceOf(VolumeFullException.class);
        assertThat(v.stat("/huge")).isEmpty();
        assertThat(v.freeBytes()).isEqualTo(free);
    }

    @Test
    void fixedRootDirectoryFillsUp() throws IOException {
        int i = 0;
        try {
            for (; i < 1000; i++) write("/a rather long name number " + i + ".txt", 0);
        } catch (VolumeFullException e) {
            assertThat(i).isLessThan(512).isGreaterThan(100);
            return;
        }
        throw new AssertionError("root directory never filled");
    }

    @Test
    void directoriesGrowAndEmptyOnesCanBeDeleted() throws IOException {
        v.mkdirs("/d/e");
        for (int i = 0; i < 200; i++) write("/d/e/file with a long name " + i, i);
        assertThat(v.list("/d/e")).hasSize(200);
        assertThatThrownBy(() -> v.delete("/d/e")).isInstanceOf(java.nio.file.DirectoryNotEmptyException.class);
        long free = v.freeBytes();
        for (int i = 0; i < 200; i++) v.delete("/d/e/file with a long name " + i);
        assertThat(v.list("/d/e")).isEmpty();
        assertThat(v.freeBytes()).isGreaterThan(free);
        v.delete("/d/e");
        assertThat(v.list("/d")).isEmpty();
    }

    @Test
    void renameMovesAndRefusesTakenTargets() throws IOException {
        v.mkdirs("/x/y");
        v.mkdirs("/z");
        write("/x/y/file.txt", 700);
        write("/z/other.txt", 3);
        v.rename("/x/y/file.txt", "/z/Renamed File.txt");
        assertThat(v.stat("/x/y/file.txt")).isEmpty();
        assertThat(TreeFixture.read(v, "/z/Renamed File.txt")).isEqualTo(TreeFixture.content(700, 700));
        assertThatThrownBy(() -> v.rename("/z/Renamed File.txt", "/z/OTHER.TXT")).isInstanceOf(EntryExistsException.class);
        v.rename("/z/Renamed File.txt", "/z/RENAMED FILE.TXT");
        assertThat(v.list("/z")).extracting(FsEntry::name).contains("RENAMED FILE.TXT");
        v.rename("/x/y", "/z/y moved");
        assertThat(v.list("/z/y moved")).isEmpty();
        assertThatThrownBy(() -> v.rename("/z", "/z/y moved/inside")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> v.rename("/nope", "/x/nope")).isInstanceOf(NoSuchEntryException.class);
    }

    @Test
    void readChannelSeeks() throws IOException {
        write("/s.bin", 3000);
        byte[] all = TreeFixture.content(3000, 3000);
        try (var ch = v.open("/s.bin")) {
            ch.position(1000);
            ByteBuffer b = ByteBuffer.allocate(600);
            assertThat(ch.read(b)).isEqualTo(600);
            assertThat(b.array()).isEqualTo(java.util.Arrays.copyOfRange(all, 1000, 1600));
            ch.position(3000);
            assertThat(ch.read(ByteBuffer.allocate(10))).isEqualTo(-1);
        }
    }
}
