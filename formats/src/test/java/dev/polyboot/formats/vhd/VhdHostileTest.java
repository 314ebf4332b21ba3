package dev.polyboot.formats.vhd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.polyboot.formats.CorruptStructureException;
import dev.polyboot.formats.UnsupportedLayoutException;
import dev.polyboot.formats.gpt.Guids;
import dev.polyboot.formats.io.MemoryBlockDevice;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Damaged and unusual VHD/VHDX files: fallbacks that must work, and refusals that must name the damage. */
class VhdHostileTest {

    @Test
    void differencingVhdReportsItsParent() throws Exception {
        VhdInfo v = VhdReader.read(MemoryBlockDevice.of(TinyVhd.dynamicVhd(VhdFooter.TYPE_DIFFERENCING, 8 << 20)));
        assertThat(v.footer().type()).isEqualTo(VirtualDiskType.DIFFERENCING);
        assertThat(v.dynamicHeader().orElseThrow().parentName()).isEqualTo("parent.vhd");
        assertThat(v.footer().currentSize()).isEqualTo(8 << 20);
    }

    @Test
    void damagedEndFooterFallsBackToTheCopyAndSaysSo() throws Exception {
        byte[] image = TinyVhd.dynamicVhd(VhdFooter.TYPE_DYNAMIC, 8 << 20);
        image[image.length - 1] ^= 1; // reserved byte: checksum no longer matches
        VhdInfo v = VhdReader.read(MemoryBlockDevice.of(image));
        assertThat(v.footerFromCopy()).isTrue();
        assertThat(v.footer().type()).isEqualTo(VirtualDiskType.DYNAMIC);
        image[1] ^= 1; // copy's cookie too
        assertThatThrownBy(() -> VhdReader.read(MemoryBlockDevice.of(image)))
                .isInstanceOf(CorruptStructureException.class).hasMessageContaining("VHD footer").hasMessageContaining("checksum");
    }

    @Test
    void batOutsideTheFileIsRefused() {
        byte[] image = TinyVhd.dynamicVhd(VhdFooter.TYPE_DYNAMIC, 8 << 20);
        ByteBuffer.wrap(image).order(ByteOrder.BIG_ENDIAN).putInt(512 + VhdDynamicHeader.MAX_TABLE_ENTRIES, -1);
        TinyVhd.repairVhd(image);
        assertThatThrownBy(() -> VhdReader.read(MemoryBlockDevice.of(image)))
                .isInstanceOf(CorruptStructureException.class).hasMessageContaining("table offset");
    }

    @Test
    void vhdxTypesAndSectorSizes() throws Exception {
        VhdxInfo diff = VhdxReader.read(MemoryBlockDevice.of(TinyVhd.vhdx(1L << 30, false, true, 4096)));
        assertThat(diff.type()).isEqualTo(VirtualDiskType.DIFFERENCING);
        assertThat(diff.logicalSectorSize()).isEqualTo(4096);
        assertThat(diff.virtualDiskId()).isEqualTo(new UUID(0x1111, 0x2222));
        assertThat(diff.creator()).isEqualTo("polyboot test");
        assertThat(diff.header().sequenceNumber()).isEqualTo(7);
        assertThat(VhdxReader.read(MemoryBlockDevice.of(TinyVhd.vhdx(1L << 30, true, false, 512))).type())
                .isEqualTo(VirtualDiskType.FIXED);
    }

    @Test
    void packedFuzzSeedExpandsToAReadableVhdx() throws Exception {
        byte[] image = TinyVhd.repairVhdx(TinyVhd.expand(TinyVhd.pack(TinyVhd.vhdx(3L << 30, false, false, 512))));
        assertThat(VirtualDisks.read(MemoryBlockDevice.of(image)).virtualSize()).isEqualTo(3L << 30);
    }

    @Test
    void vhdxUsesTheNewerValidHeader() throws Exception {
        byte[] image = TinyVhd.vhdx(1L << 30, false, false, 512);
        image[(int) VhdxHeader.FIRST_OFFSET + 100] ^= 1; // CRC of the newer header breaks
        assertThat(VhdxReader.read(MemoryBlockDevice.of(image)).header().sequenceNumber()).isEqualTo(6);
        image[(int) VhdxHeader.SECOND_OFFSET + 100] ^= 1;
        assertThatThrownBy(() -> VhdxReader.read(MemoryBlockDevice.of(image)))
                .isInstanceOf(CorruptStructureException.class).hasMessageContaining("both headers invalid");
    }

    @Test
    void vhdxRefusesUnknownRequiredMetadataAndBadSizes() {
        byte[] unknown = TinyVhd.vhdx(1L << 30, false, false, 512);
        Guids.write(ByteBuffer.wrap(unknown), TinyVhd.METADATA_AT + 32, new UUID(9, 9)); // file parameters -> unknown id, required
        assertThatThrownBy(() -> VhdxReader.read(MemoryBlockDevice.of(unknown)))
                .isInstanceOf(UnsupportedLayoutException.class).hasMessageContaining("required item");
        assertThatThrownBy(() -> VhdxReader.read(MemoryBlockDevice.of(TinyVhd.vhdx(1000, false, false, 512))))
                .isInstanceOf(CorruptStructureException.class).hasMessageContaining("virtual disk size");
        byte[] farRegion = TinyVhd.vhdx(1L << 30, false, false, 512);
        ByteBuffer.wrap(farRegion).order(ByteOrder.LITTLE_ENDIAN).putLong((int) VhdxRegionTable.FIRST_OFFSET + 32, Long.MAX_VALUE);
        ByteBuffer.wrap(farRegion).order(ByteOrder.LITTLE_ENDIAN).putLong((int) VhdxRegionTable.SECOND_OFFSET + 32, -8);
        TinyVhd.repairVhdx(farRegion);
        assertThatThrownBy(() -> VhdxReader.read(MemoryBlockDevice.of(farRegion)))
                .isInstanceOf(CorruptStructureException.class).hasMessageContaining("both copies invalid");
    }
}
