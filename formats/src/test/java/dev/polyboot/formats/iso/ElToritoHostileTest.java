package dev.polyboot.formats.iso;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.polyboot.formats.CorruptStructureException;
import dev.polyboot.formats.io.MemoryBlockDevice;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

/** Catalog checks (El Torito 1.0 section 2) and the caps on what a catalog can make us read. */
class ElToritoHostileTest {

    @Test
    void seedsDecodeAsBuilt() throws Exception {
        ElToritoCatalog c = ElToritoCatalog.read(MemoryBlockDevice.of(ElToritoSeeds.biosAndUefi()), 0);
        assertThat(c.validation().idString()).isEqualTo("POLYBOOT SEED");
        assertThat(c.entries()).extracting(ElToritoEntry::platformName, ElToritoEntry::imageOffset,
                ElToritoEntry::imageLength, ElToritoEntry::sizeSource).containsExactly(
                org.assertj.core.groups.Tuple.tuple("BIOS", 2048L, 2048L, ElToritoImageSize.Source.SECTOR_COUNT),
                org.assertj.core.groups.Tuple.tuple("UEFI", 4096L, 4096L, ElToritoImageSize.Source.FAT_BOOT_SECTOR));
        assertThat(c.findings()).isEmpty();

        ElToritoCatalog h = ElToritoCatalog.read(MemoryBlockDevice.of(ElToritoSeeds.hardDiskAndSections()), 0);
        assertThat(h.entries()).extracting(ElToritoEntry::mediaName, ElToritoEntry::section, ElToritoEntry::bootable)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("hd", 0, true),
                        org.assertj.core.groups.Tuple.tuple("none", 1, true),
                        org.assertj.core.groups.Tuple.tuple("fd1.4", 2, false));
        assertThat(h.entries().get(0).imageLength()).isEqualTo(4 * 512);
        assertThat(h.entries().get(0).systemType()).isEqualTo(0x0C);
        // the 1.44 MB floppy at RBA 2 reaches past this 6 KiB device: cut, and said so
        assertThat(h.entries().get(2).imageLength()).isEqualTo(2048);
        assertThat(h.findings()).singleElement().asString().contains("past the device end");
    }

    @Test
    void badChecksumKeyOrHeaderIsCorrupt() {
        byte[] bad = ElToritoSeeds.biosAndUefi();
        bad[5] ^= 1;
        assertThatThrownBy(() -> ElToritoCatalog.read(MemoryBlockDevice.of(bad), 0))
                .isInstanceOf(CorruptStructureException.class).hasMessageContaining("checksum");
        byte[] key = ElToritoSeeds.biosAndUefi();
        key[31] = 0;
        assertThatThrownBy(() -> ElToritoCatalog.read(MemoryBlockDevice.of(key), 0))
                .isInstanceOf(CorruptStructureException.class).hasMessageContaining("55 AA");
        assertThatThrownBy(() -> ElToritoCatalog.read(MemoryBlockDevice.of(new byte[100]), 5))
                .isInstanceOf(CorruptStructureException.class).hasMessageContaining("location");
    }

    @Test
    void sectionClaimingMoreEntriesThanTheCatalogHoldsIsBounded() throws Exception {
        byte[] image = ElToritoSeeds.biosAndUefi();
        ByteBuffer b = ByteBuffer.wrap(image).order(ByteOrder.LITTLE_ENDIAN);
        b.putShort(66, (short) 0xFFFF);
        for (int at = 128; at < 2048; at += 32) ElToritoSeeds.entry(b, at, 0x88, 0, 1, 1);
        ElToritoCatalog c = ElToritoCatalog.read(MemoryBlockDevice.of(image), 0);
        // entries run on into the BIOS image (filled with 'B' = 0x42, not a boot indicator): the walk stops there
        assertThat(c.entries()).hasSize(1 + 1 + (2048 - 128) / 32);
        assertThat(c.findings()).anyMatch(f -> f.contains("boot indicator 0x42"));
    }
}
