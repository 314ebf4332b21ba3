package dev.polyboot.formats.iso;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.polyboot.formats.CorruptStructureException;
import dev.polyboot.formats.UnsupportedLayoutException;
import dev.polyboot.formats.io.MemoryBlockDevice;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Damaged and hostile images built from the seed ISOs by patching single structures. */
class IsoHostileTest {
    static final int ROOT_RECORD = 16 * 2048 + PrimaryVolumeDescriptor.ROOT_RECORD;

    @Test
    void noStandardIdentifierIsNotIso() {
        assertThatThrownBy(() -> IsoImage.read(new MemoryBlockDevice(64 * 1024)))
                .isInstanceOf(NotIsoException.class).hasMessageContaining("CD001");
        assertThatThrownBy(() -> IsoImage.read(new MemoryBlockDevice(4096)))
                .isInstanceOf(NotIsoException.class).hasMessageContaining("end of device");
    }

    @Test
    void missingPrimaryDescriptorIsCorrupt() {
        byte[] iso = IsoSeeds.load("plain.iso.gz");
        iso[16 * 2048] = 2; // primary → supplementary (not Joliet: no escape sequences)
        assertThatThrownBy(() -> IsoImage.read(MemoryBlockDevice.of(iso)))
                .isInstanceOf(CorruptStructureException.class).hasMessageContaining("primary volume descriptor");
    }

    @Test
    void bothEndianMismatchIsAWarningAndLittleEndianWins() throws Exception {
        byte[] iso = IsoSeeds.load("plain.iso.gz");
        int spaceBe = 16 * 2048 + PrimaryVolumeDescriptor.VOLUME_SPACE_SIZE + 4;
        iso[spaceBe] ^= 0x7F;
        IsoImage image = IsoImage.read(MemoryBlockDevice.of(iso));
        assertThat(image.volumeSpaceBytes()).isEqualTo(iso.length);
        assertThat(image.findings()).singleElement().asString().startsWith("WARNING").contains("volume space size");
    }

    @Test
    void directoryPointingAtItsAncestorIsNotWalkedTwice() throws Exception {
        byte[] iso = IsoSeeds.load("plain.iso.gz");
        MemoryBlockDevice dev = MemoryBlockDevice.of(iso);
        IsoImage image = IsoImage.read(dev);
        long rootLba = image.primary().root().extentLba();
        // make /D1/D2 (a directory) point at the root directory's extent: an endless tree for a naive walker
        DirectoryRecord d2 = record(image, "/D1", "D2");
        ByteBuffer b = ByteBuffer.wrap(iso).order(ByteOrder.LITTLE_ENDIAN);
        BothEndian.putU32(b, (int) d2.recordOffset() + DirectoryRecord.EXTENT, rootLba);
        BothEndian.putU32(b, (int) d2.recordOffset() + DirectoryRecord.DATA_LENGTH, image.primary().root().dataLength());
        IsoImage hostile = IsoImage.read(MemoryBlockDevice.of(iso));
        List<IsoEntry> all = hostile.walk();
        assertThat(all).extracting(IsoEntry::path).contains("/D1/D2").doesNotContain("/D1/D2/D1/D2/D1");
        assertThat(hostile.findings()).anyMatch(f -> f.contains("/D1/D2") && f.contains("not entered again"));
    }

    @Test
    void continuationAreaPointingAtItselfEndsTheChain() throws Exception {
        byte[] iso = IsoSeeds.load("rr-joliet.iso.gz");
        IsoImage image = IsoImage.read(MemoryBlockDevice.of(iso));
        assertThat(image.hasRockRidge()).isTrue();
        // the record's first SUSP entry becomes a CE whose continuation area is that same entry
        DirectoryRecord rec = record(image, "/boot", "GRUB");
        int suStart = (int) rec.recordOffset() + rec.length() - rec.systemUse().length;
        ByteBuffer b = ByteBuffer.wrap(iso).order(ByteOrder.LITTLE_ENDIAN);
        // the first entry, PX (36 bytes in xorriso's RRIP 1.10 form), becomes a CE of the same length
        assertThat(new String(rec.systemUse(), 0, 2, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("PX");
        int len = Byte.toUnsignedInt(rec.systemUse()[2]);
        b.put(suStart, (byte) 'C').put(suStart + 1, (byte) 'E').put(suStart + 3, (byte) 1);
        BothEndian.putU32(b, suStart + 4, suStart / 2048);
        BothEndian.putU32(b, suStart + 12, suStart % 2048);
        BothEndian.putU32(b, suStart + 20, len);
        for (int i = suStart + 28; i < suStart + len; i++) iso[i] = 0;
        IsoImage hostile = IsoImage.read(MemoryBlockDevice.of(iso));
        assertThat(hostile.lookup("/boot/grub/grub.cfg")).isPresent();
        assertThat(hostile.findings()).anyMatch(f -> f.contains("CE chain"));
    }

    @Test
    void hugeDirectoryIsRefusedAndExtentsOutsideTheDeviceAreCorrupt() throws Exception {
        byte[] iso = IsoSeeds.load("plain.iso.gz");
        IsoImage image = IsoImage.read(MemoryBlockDevice.of(iso));
        DirectoryRecord boot = record(image, "/", "BOOT");
        DirectoryRecord readme = record(image, "/BOOT/GRUB", "GRUB.CFG;1");
        ByteBuffer b = ByteBuffer.wrap(iso).order(ByteOrder.LITTLE_ENDIAN);
        BothEndian.putU32(b, (int) boot.recordOffset() + DirectoryRecord.DATA_LENGTH, 0xFFFF_F800L);
        BothEndian.putU32(b, (int) readme.recordOffset() + DirectoryRecord.EXTENT, 0xFFFF_FFF0L);
        IsoImage hostile = IsoImage.read(MemoryBlockDevice.of(iso));
        assertThatThrownBy(() -> hostile.list("/BOOT")).isInstanceOf(UnsupportedLayoutException.class)
                .hasMessageContaining("data length");
        BothEndian.putU32(b, (int) boot.recordOffset() + DirectoryRecord.DATA_LENGTH, boot.dataLength());
        IsoImage second = IsoImage.read(MemoryBlockDevice.of(iso));
        IsoEntry cfg = second.lookup("/BOOT/GRUB/GRUB.CFG").orElseThrow();
        assertThatThrownBy(() -> second.readAll(cfg, 4096)).isInstanceOf(CorruptStructureException.class)
                .hasMessageContaining("within the device");
    }

    @Test
    void identifierLongerThanItsRecordIsCorrupt() throws Exception {
        byte[] iso = IsoSeeds.load("plain.iso.gz");
        IsoImage image = IsoImage.read(MemoryBlockDevice.of(iso));
        DirectoryRecord boot = record(image, "/", "BOOT");
        iso[(int) boot.recordOffset() + DirectoryRecord.NAME_LENGTH] = (byte) 200;
        IsoImage hostile = IsoImage.read(MemoryBlockDevice.of(iso));
        assertThatThrownBy(() -> hostile.list("/")).isInstanceOf(CorruptStructureException.class)
                .hasMessageContaining("directory record at offset " + boot.recordOffset())
                .hasMessageContaining("file identifier length").hasMessageContaining("but was 200");
    }

    /** The raw record named {@code rawName} in directory {@code dir}. */
    static DirectoryRecord record(IsoImage image, String dir, String rawName) throws Exception {
        IsoEntry d = image.lookup(dir).orElseThrow();
        DirectoryReader r = new DirectoryReader(image.device(), 2048, NameSet.PLAIN, -1, new Findings());
        return r.records(d.startOffset(), d.size()).stream()
                .filter(x -> new String(x.name(), java.nio.charset.StandardCharsets.ISO_8859_1).equals(rawName))
                .findFirst().orElseThrow();
    }
}
