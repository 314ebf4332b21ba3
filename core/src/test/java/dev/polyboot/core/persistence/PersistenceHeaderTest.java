package dev.polyboot.core.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.polyboot.formats.CorruptStructureException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/** The header's bytes where the helper (payload/src/helper/persist.c, README "Persistence") reads them. */
class PersistenceHeaderTest {
    @Test
    void fieldsLieAtTheDocumentedOffsetsLittleEndian() {
        byte[] id = new byte[16];
        Arrays.fill(id, (byte) 0xA5);
        byte[] b = new PersistenceHeader(1, id, 0x1_2345_6000L).encode();
        assertThat(b).hasSize(512);
        assertThat(new String(b, 0, 16, StandardCharsets.US_ASCII)).isEqualTo("POLYBOOT-PERSIST");
        ByteBuffer le = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(le.getInt(16)).isEqualTo(1);
        assertThat(Arrays.copyOfRange(b, 20, 36)).isEqualTo(id);
        assertThat(le.getLong(36)).isEqualTo(0x1_2345_6000L);
        assertThat(Arrays.copyOfRange(b, 44, 512)).containsOnly(0);
    }

    @Property
    void decodeInvertsEncode(@ForAll @Size(16) byte[] id, @ForAll @LongRange(min = 1) long size) throws Exception {
        PersistenceHeader h = PersistenceHeader.decode(new PersistenceHeader(1, id, size).encode());
        assertThat(h.id()).isEqualTo(id);
        assertThat(h.sizeBytes()).isEqualTo(size);
        assertThat(h.version()).isEqualTo(1);
    }

    @Test
    void anotherFilesBytesAreACorruptStructureNamingOffsetAndField() {
        byte[] zeros = new byte[512];
        assertThatThrownBy(() -> PersistenceHeader.decode(zeros)).isInstanceOf(CorruptStructureException.class)
                .hasMessageContaining("offset 512").hasMessageContaining("field magic")
                .hasMessageContaining("not a file made by polyboot persistence create");
        byte[] b = new PersistenceHeader(1, new byte[16], 4096).encode();
        ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putLong(36, -1);
        assertThatThrownBy(() -> PersistenceHeader.decode(b)).isInstanceOf(CorruptStructureException.class).hasMessageContaining("size");
    }
}
