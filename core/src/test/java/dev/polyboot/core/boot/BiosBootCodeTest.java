package dev.polyboot.core.boot;

import dev.polyboot.formats.grub.BiosBootCode;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.polyboot.core.payload.Payload;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class BiosBootCodeTest {
    @Test
    void bootCodeIsBootImgWithTheCoreLbaAndNops() throws IOException {
        byte[] bootImg = Payload.load().bootImg();
        byte[] code = BiosBootCode.bootCode(bootImg, 34);
        assertThat(code).hasSize(440);
        ByteBuffer b = ByteBuffer.wrap(code).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(b.getLong(0x5C)).isEqualTo(34);
        assertThat(code[0x66]).isEqualTo((byte) 0x90);
        assertThat(code[0x67]).isEqualTo((byte) 0x90);
        // grub-pc-bin's boot.img has a 2-byte short jmp there (EB 05).
        assertThat(bootImg[0x66]).isEqualTo((byte) 0xEB);
        for (int i = 0; i < 440; i++) {
            boolean patched = (i >= 0x5C && i < 0x64) || i == 0x66 || i == 0x67;
            if (!patched) assertThat(code[i]).as("byte 0x%x", i).isEqualTo(bootImg[i]);
        }
    }

    @Test
    void coreImageGetsItsBlocklistStart() throws IOException {
        byte[] core = Payload.load().coreImg();
        byte[] out = BiosBootCode.coreImage(core, 1);
        ByteBuffer b = ByteBuffer.wrap(out).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(b.getLong(0x1F4)).isEqualTo(2);
        assertThat(Short.toUnsignedInt(b.getShort(0x1FC))).isEqualTo(BiosBootCode.sectors(core) - 1);
        for (int i = 0; i < core.length; i++) {
            if (i < 0x1F4 || i >= 0x1FC) assertThat(out[i]).as("byte 0x%x", i).isEqualTo(core[i]);
        }
    }

    @Property(tries = 50)
    void anyLbaInTheGapIsWrittenLittleEndian(@ForAll @LongRange(min = 1, max = 1500) long lba) throws IOException {
        byte[] code = BiosBootCode.bootCode(Payload.load().bootImg(), lba);
        byte[] core = BiosBootCode.coreImage(Payload.load().coreImg(), lba);
        assertThat(ByteBuffer.wrap(code).order(ByteOrder.LITTLE_ENDIAN).getLong(0x5C)).isEqualTo(lba);
        assertThat(ByteBuffer.wrap(core).order(ByteOrder.LITTLE_ENDIAN).getLong(0x1F4)).isEqualTo(lba + 1);
    }

    @Test
    void refusesWhatCannotBeRight() throws IOException {
        byte[] core = Payload.load().coreImg();
        assertThatThrownBy(() -> BiosBootCode.bootCode(new byte[440], 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> BiosBootCode.bootCode(new byte[512], 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> BiosBootCode.coreImage(core, 2048 - BiosBootCode.sectors(core) + 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("does not end before");
        assertThatThrownBy(() -> BiosBootCode.coreImage(new byte[4096], 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("blocklist length");
        assertThat(BiosBootCode.coreImage(core, 2048 - BiosBootCode.sectors(core))).hasSize(core.length);
    }
}
