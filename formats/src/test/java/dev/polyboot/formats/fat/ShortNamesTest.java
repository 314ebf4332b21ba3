package dev.polyboot.formats.fat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** 8.3 aliases as Windows and mtools generate them, long-name slots and their checksum. */
class ShortNamesTest {

    private static String alias(String name, String... taken) {
        Set<String> keys = Set.of(taken);
        return ShortNames.key(ShortNames.alias(name, keys).name());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "README.TXT|README  TXT",
        "ReadMe.txt|README  TXT",
        "MixedCase Name.TXT|MIXEDC~1TXT",
        "Ünïcødé Fïlé ✓.iso|_N_C_D~1ISO",
        ".bashrc|'BASHRC~1   '",
        "a.b.c.tar.gz|'ABCTAR~1GZ '",
        "weird+,;=[]chars.dat|WEIRD_~1DAT",
        "x|'X          '",
        "verylongname.html|VERYLO~1HTM",
        "日本語.bin|___~1   BIN"})
    void aliasLikeWindows(String longName, String expected) {
        assertThat(alias(longName)).isEqualTo(expected);
    }

    @Test
    void numericTailCountsUpPastTakenAliases() {
        assertThat(alias("MixedCase Name.TXT", "MIXEDC~1TXT")).isEqualTo("MIXEDC~2TXT");
        assertThat(alias("ReadMe.txt", "README  TXT")).isEqualTo("README~1TXT");
        Set<String> many = new java.util.HashSet<>();
        for (int i = 1; i <= 9; i++) many.add("LONGNA~" + i + "TXT");
        assertThat(ShortNames.key(ShortNames.alias("Long name.txt", many).name())).isEqualTo("LONGN~10TXT");
    }

    @Test
    void exact83NamesNeedNoLongName() {
        assertThat(ShortNames.alias("README.TXT", Set.of()).needsLongName()).isFalse();
        ShortNames.Alias lower = ShortNames.alias("readme.txt", Set.of());
        assertThat(lower.needsLongName()).isFalse();
        assertThat(lower.ntCase()).isEqualTo(DirEntry.CASE_LOWER_BASE | DirEntry.CASE_LOWER_EXT);
        assertThat(ShortNames.display(lower.name(), lower.ntCase())).isEqualTo("readme.txt");
        assertThat(ShortNames.alias("ReadMe.txt", Set.of()).needsLongName()).isTrue();
        assertThat(ShortNames.alias("a b.txt", Set.of()).needsLongName()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "a/b", "a\\b", "what?", "star*", "ends with dot.", "ends with space ", "tab\tname", "pipe|"})
    void invalidLongNamesAreRefused(String name) {
        assertThatThrownBy(() -> ShortNames.checkLongName(name)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void longNameSlotsRoundTripWithChecksum() {
        byte[] shortName = "MIXEDC~1TXT".getBytes(StandardCharsets.US_ASCII);
        assertThat(LfnEntry.checksum(shortName)).isEqualTo(168);
        assertThat(LfnEntry.checksum("README  TXT".getBytes(StandardCharsets.US_ASCII))).isEqualTo(115);
        String name = "MixedCase Name.TXT"; // 18 characters: two slots, terminator and padding in the second
        LfnEntry[] slots = LfnEntry.forName(name, 168);
        assertThat(slots).hasSize(2);
        assertThat(slots[0].last()).isTrue();
        assertThat(slots[0].order()).isEqualTo(2);
        assertThat(slots[0].chars()[5]).isEqualTo((char) 0);
        assertThat(slots[0].chars()[6]).isEqualTo((char) 0xFFFF);
        byte[] enc = slots[1].encode();
        assertThat(enc[11]).isEqualTo((byte) 0x0F);
        LfnEntry back = LfnEntry.decode(enc, 0);
        assertThat(back.order()).isEqualTo(1);
        assertThat(new String(back.chars())).isEqualTo(name.substring(0, 13));
        assertThat(back.checksum()).isEqualTo(168);
    }

    @Test
    void dosTimeRoundTripsAndClamps() {
        var t = java.time.LocalDateTime.of(2026, 3, 4, 5, 6, 7, 890_000_000);
        assertThat(DosTime.decode(DosTime.date(t), DosTime.time(t))).isEqualTo(t.withSecond(6).withNano(0));
        assertThat(DosTime.tenths(t)).isEqualTo(189);
        assertThat(DosTime.decode(DosTime.date(t.withYear(1970)), DosTime.time(t.withYear(1970))).getYear()).isEqualTo(1980);
        assertThat(DosTime.decode(0xFFFF, 0xFFFF)).isEqualTo(java.time.LocalDateTime.of(1980, 1, 1, 0, 0));
    }
}
