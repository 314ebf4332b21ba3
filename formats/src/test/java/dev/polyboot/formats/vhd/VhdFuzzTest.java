package dev.polyboot.formats.vhd;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.polyboot.formats.FormatException;
import dev.polyboot.formats.io.MemoryBlockDevice;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hostile VHD and VHDX files. Each input is read as given and with its checksums repaired (VHD footers and
 * dynamic header; VHDX headers and region tables), so that mutations reach the checks behind the checksums.
 * Inputs up to 2304 bytes are also expanded as a packed VHDX ({@link TinyVhd#pack}), so that the fuzzer works on
 * the structure bytes of a 448 KiB file rather than on its zeros.
 */
@Tag("fuzz")
class VhdFuzzTest {

    @MethodSource("seeds")
    @FuzzTest(maxDuration = "60s")
    void virtualDisk(byte[] image) throws Exception {
        read(image);
        read(TinyVhd.repairVhd(image.clone()));
        if (image.length <= TinyVhd.PACKED_SIZE) read(TinyVhd.repairVhdx(TinyVhd.expand(image)));
    }

    private static void read(byte[] image) throws Exception {
        try {
            VirtualDisks.VirtualDiskInfo v = VirtualDisks.read(MemoryBlockDevice.of(image));
            assertThat(v.virtualSize()).isNotNegative();
        } catch (FormatException expected) {
            // hostile input correctly refused
        }
        try {
            VhdReader.read(MemoryBlockDevice.of(image));
        } catch (FormatException expected) {
            // hostile input correctly refused
        }
    }

    static Stream<Arguments> seeds() {
        return Stream.of(Arguments.of((Object) new byte[0]),
                Arguments.of((Object) TinyVhd.dynamicVhd(VhdFooter.TYPE_DYNAMIC, 8 << 20)),
                Arguments.of((Object) TinyVhd.footer(VhdFooter.TYPE_FIXED, 0, -1)),
                Arguments.of((Object) TinyVhd.pack(TinyVhd.vhdx(1L << 30, false, true, 512))));
    }
}
