package dev.polyboot.formats.mbr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.polyboot.formats.CorruptStructureException;
import dev.polyboot.formats.UnsupportedLayoutException;
import java.util.HexFormat;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class MbrCodecTest {

    @Property(tries = 300)
    void anySectorEndingIn55AaReencodesByteExact(@ForAll("sectors") byte[] sector) throws Exception {
        assertThat(MbrCodec.encode(MbrCodec.decode(sector))).isEqualTo(sector);
    }

    @Provide
    Arbitrary<byte[]> sectors() {
        return Arbitraries.bytes().array(byte[].class).ofSize(Mbr.SIZE).map(b -> {
            b[510] = 0x55;
            b[511] = (byte) 0xAA;
            return b;
        });
    }

    @Test
    void missingBootSignatureIsCorruptAtOffset510() {
        assertThatThrownBy(() -> MbrCodec.decode(new byte[Mbr.SIZE]))
                .isInstanceOfSatisfying(CorruptStructureException.class, e -> {
                    assertThat(e.structure()).isEqualTo("MBR");
                    assertThat(e.offset()).isEqualTo(510);
                    assertThat(e.getMessage()).contains("55 AA").contains("00 00");
                });
    }

    @Test
    void unknownTypeCodesAndAllFieldsSurvive() throws Exception {
        byte[] boot = new byte[Mbr.BOOT_CODE_SIZE];
        boot[0] = (byte) 0xEB;
        boot[439] = 0x42;
        MbrPartition odd = new MbrPartition(0x7F, 0xABCDEF, 0xDA, 0x123456, 0xFFFF_FFFFL, 0x8000_0000L);
        Mbr mbr = new Mbr(boot, 0xDEADBEEFL, 0x5A5A, List.of(odd, MbrPartition.EMPTY, MbrPartition.EMPTY, odd));
        Mbr back = MbrCodec.decode(MbrCodec.encode(mbr));
        assertThat(back).isEqualTo(mbr);
        assertThat(back.partition(3).sectorCount()).isEqualTo(0x8000_0000L);
        assertThat(back.partition(3).firstLba()).isEqualTo(0xFFFF_FFFFL);
    }

    @Test
    void chsIsFilledAsSfdiskDoes() {
        // Entries copied from an image made by: sfdisk with start=2048,size=20480 and start=22528,size=10240.
        assertThat(hex(Chs.fromLba(2048))).isEqualTo("202100");
        assertThat(hex(Chs.fromLba(22527))).isEqualTo("662501");
        assertThat(hex(Chs.fromLba(22528))).isEqualTo("662601");
        assertThat(hex(Chs.fromLba(1024L * 255 * 63))).isEqualTo("feffff");
        assertThat(hex(Chs.fromLba(1024L * 255 * 63 - 1))).as("last addressable: 1023/254/63").isEqualTo("feffff");
        assertThat(hex(Chs.fromLba(1023L * 255 * 63))).as("1023/0/1").isEqualTo("00c1ff");
    }

    private static String hex(int packed) {
        return HexFormat.of().formatHex(new byte[] {(byte) packed, (byte) (packed >> 8), (byte) (packed >> 16)});
    }

    @Test
    void partitionReachingPast2TiBIsRefusedWithAClearMessage() {
        long threeTiBSectors = 3L * 1024 * 1024 * 1024 * 1024 / 512;
        var spec = new MbrPartitionSpec(2048, threeTiBSectors - 2048, MbrPartition.TYPE_NTFS_EXFAT, true);
        assertThatThrownBy(() -> MbrBuilder.build(new byte[440], 1, List.of(spec)))
                .isInstanceOf(UnsupportedLayoutException.class)
                .hasMessageContaining("partition 1").hasMessageContaining("2 TiB").hasMessageContaining("use GPT");
    }

    @Test
    void partitionEndingExactlyAt2ToThe32IsAccepted() throws Exception {
        var spec = new MbrPartitionSpec(2048, (1L << 32) - 2048, 0x07, false);
        Mbr mbr = MbrBuilder.build(new byte[440], 1, List.of(spec));
        assertThat(mbr.partition(0).chsLast()).isEqualTo(Chs.BEYOND);
    }
}
