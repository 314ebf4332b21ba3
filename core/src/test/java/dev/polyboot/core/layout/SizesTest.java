package dev.polyboot.core.layout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SizesTest {
    @Test
    void parsesBinarySuffixesLikeTruncate() {
        assertThat(Sizes.parse("8G")).isEqualTo(8L << 30);
        assertThat(Sizes.parse("8GiB")).isEqualTo(8L << 30);
        assertThat(Sizes.parse("512m")).isEqualTo(512L << 20);
        assertThat(Sizes.parse("2T")).isEqualTo(2L << 40);
        assertThat(Sizes.parse("64K")).isEqualTo(64L << 10);
        assertThat(Sizes.parse("1000000000")).isEqualTo(1_000_000_000L);
        assertThat(Sizes.parse(" 1MB ")).isEqualTo(1L << 20);
    }

    @Test
    void refusesNonsense() {
        assertThatThrownBy(() -> Sizes.parse("8X")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("8X");
        assertThatThrownBy(() -> Sizes.parse("-1G")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Sizes.parse("0")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Sizes.parse("9999999999T")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("too large");
        assertThatThrownBy(() -> Sizes.parse("")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void humanSizes() {
        assertThat(Sizes.human(512)).isEqualTo("512 bytes");
        assertThat(Sizes.human(64L << 20)).isEqualTo("64.0 MiB");
        assertThat(Sizes.human(8L << 30)).isEqualTo("8.0 GiB");
    }
}
