package dev.polyboot.formats.gpt;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import java.util.UUID;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GuidsTest {

    @ParameterizedTest
    @CsvSource({
            // EFI System partition: UEFI 2.10 table 5-7; bytes as in every ESP entry on disk
            "C12A7328-F81F-11D2-BA4B-00A0C93EC93B, 28732ac11ff8d211ba4b00a0c93ec93b",
            // Microsoft basic data
            "EBD0A0A2-B9E5-4433-87C0-68B6B72699C7, a2a0d0ebe5b9334487c068b6b72699c7",
            // BIOS boot: the bytes spell "Hah!IdontNeedEFI"
            "21686148-6449-6E6F-744E-656564454649, 4861682149646f6e744e656564454649",
    })
    void knownGuidsHaveTheirKnownOnDiskBytes(String text, String bytes) {
        UUID guid = Guids.parse(text);
        assertThat(HexFormat.of().formatHex(Guids.toBytes(guid))).isEqualTo(bytes);
        assertThat(Guids.fromBytes(HexFormat.of().parseHex(bytes))).isEqualTo(guid);
        assertThat(Guids.format(guid)).isEqualTo(text);
    }

    @Property
    void bytesRoundTrip(@ForAll @Size(16) byte[] raw16) {
        assertThat(Guids.toBytes(Guids.fromBytes(raw16))).isEqualTo(raw16);
    }

    @Property
    void guidsRoundTrip(@ForAll long msb, @ForAll long lsb) {
        UUID g = new UUID(msb, lsb);
        assertThat(Guids.fromBytes(Guids.toBytes(g))).isEqualTo(g);
        assertThat(Guids.parse(Guids.format(g))).isEqualTo(g);
    }
}
