package dev.polyboot.core.install;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.polyboot.formats.io.BlockDevice;
import dev.polyboot.formats.io.MemoryBlockDevice;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class CapacityProbeTest {

    /** A stick that claims {@code claimed} bytes but holds {@code real}: addresses past it wrap (or are dropped). */
    private static final class FakeStick implements BlockDevice {
        final MemoryBlockDevice real;
        final long claimed;
        final boolean dropInsteadOfWrap;

        FakeStick(int real, long claimed, boolean drop) {
            this.real = new MemoryBlockDevice(real);
            this.claimed = claimed;
            this.dropInsteadOfWrap = drop;
        }

        @Override public long size() { return claimed; }
        @Override public int sectorSize() { return 512; }
        @Override public boolean isReadOnly() { return false; }

        @Override
        public void read(long offset, ByteBuffer dst) throws IOException {
            while (dst.hasRemaining()) {
                long at = offset % real.size();
                int n = (int) Math.min(dst.remaining(), real.size() - at);
                if (dropInsteadOfWrap && offset >= real.size()) {
                    for (int i = 0; i < n; i++) dst.put((byte) 0);
                } else {
                    ByteBuffer part = dst.slice().limit(n);
                    real.read(at, part);
                    dst.position(dst.position() + n);
                }
                offset += n;
            }
        }

        @Override
        public void write(long offset, ByteBuffer src) throws IOException {
            while (src.hasRemaining()) {
                long at = offset % real.size();
                int n = (int) Math.min(src.remaining(), real.size() - at);
                ByteBuffer part = src.slice().limit(n);
                if (!(dropInsteadOfWrap && offset >= real.size())) real.write(at, part);
                src.position(src.position() + n);
                offset += n;
            }
        }

        @Override public void flush() {}
    }

    @Test
    void aStickThatWrapsIsRefusedNamingWhereItEnds() {
        FakeStick stick = new FakeStick(16 << 20, 64L << 20, false);
        assertThatThrownBy(() -> CapacityProbe.check(stick, stick, 42))
                .isInstanceOf(FakeCapacityException.class)
                .hasMessageContaining("does not keep data written at byte")
                .hasMessageContaining("(the write wrapped around)")
                .hasMessageContaining("fake capacity");
    }

    @Test
    void aStickWhoseRealSizeIsNoPowerOfTwoIsRefused() {
        FakeStick stick = new FakeStick(24 << 20, 256L << 20, false);
        assertThatThrownBy(() -> CapacityProbe.check(stick, stick, 7)).isInstanceOf(FakeCapacityException.class);
    }

    @Test
    void aStickThatDropsWritesIsRefused() {
        FakeStick stick = new FakeStick(16 << 20, 64L << 20, true);
        assertThatThrownBy(() -> CapacityProbe.check(stick, stick, 42))
                .isInstanceOf(FakeCapacityException.class)
                .hasMessageContaining("reads as zeros (the write was dropped)");
    }

    @Test
    void anHonestStickPasses() throws IOException {
        MemoryBlockDevice dev = new MemoryBlockDevice(64 << 20);
        CapacityProbe.check(dev, dev, 42);
        // and the blocks are where it says, each naming its own offset
        assertThat(dev.read((64L << 20) - CapacityProbe.BLOCK, CapacityProbe.BLOCK))
                .isEqualTo(CapacityProbe.block((64L << 20) - CapacityProbe.BLOCK, 42));
    }

    @Property(tries = 200)
    void offsetsCoverTheDiskFromFirstToLastBlock(@ForAll @LongRange(min = 4096, max = 1L << 42) long size) {
        List<Long> o = CapacityProbe.offsets(size);
        assertThat(o.get(0)).isZero();
        assertThat(o.get(o.size() - 1)).isEqualTo((size / CapacityProbe.BLOCK - 1) * CapacityProbe.BLOCK);
        assertThat(o).isSorted().doesNotHaveDuplicates().hasSizeBetween(Math.min(CapacityProbe.PROBES, (int) (size / CapacityProbe.BLOCK)), 2 * CapacityProbe.PROBES + 1);
        assertThat(o).allMatch(x -> x % CapacityProbe.BLOCK == 0 && x + CapacityProbe.BLOCK <= size);
    }
}
