package dev.polyboot.formats.iso;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

/** ECMA-119 7.2.3 / 7.3.3 both-byte-order fields: round trips, byte layout, mismatch reporting. */
class BothEndianTest {

    @Property
    void u32RoundTripsInEitherBufferOrder(@ForAll @LongRange(min = 0, max = 0xFFFF_FFFFL) long v, @ForAll boolean le) {
        ByteBuffer b = ByteBuffer.allocate(12).order(le ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN);
        BothEndian.putU32(b, 2, v);
        Findings f = new Findings();
        assertThat(BothEndian.u32(b, 2, "x", f)).isEqualTo(v);
        assertThat(f.list()).isEmpty();
    }

    @Property
    void u16RoundTrips(@ForAll @IntRange(min = 0, max = 0xFFFF) int v) {
        ByteBuffer b = ByteBuffer.allocate(4);
        BothEndian.putU16(b, 0, v);
        Findings f = new Findings();
        assertThat(BothEndian.u16(b, 0, "x", f)).isEqualTo(v);
        assertThat(f.list()).isEmpty();
    }

    @Test
    void layoutIsLittleThenBigEndian() {
        ByteBuffer b = ByteBuffer.allocate(8);
        BothEndian.putU32(b, 0, 0x01020304L);
        assertThat(b.array()).containsExactly(4, 3, 2, 1, 1, 2, 3, 4);
        assertThatThrownBy(() -> BothEndian.putU32(b, 0, 1L << 32)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void valuesAtAndAbove2To31StayPositive() {
        ByteBuffer b = ByteBuffer.allocate(8);
        BothEndian.putU32(b, 0, 0xFFFF_FFFFL);
        assertThat(BothEndian.u32(b, 0, "x", null)).isEqualTo(0xFFFF_FFFFL);
    }

    @Test
    void mismatchIsReportedAndLittleEndianUsed() {
        ByteBuffer b = ByteBuffer.wrap(new byte[] {5, 0, 0, 0, 0, 0, 0, 6});
        Findings f = new Findings();
        assertThat(BothEndian.u32(b, 0, "data length", f)).isEqualTo(5);
        assertThat(f.list()).singleElement().asString().contains("data length").contains("little-endian 5")
                .contains("big-endian 6");
    }
}
