package dev.polyboot.formats.wim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.polyboot.formats.CorruptStructureException;
import dev.polyboot.formats.UnsupportedLayoutException;
import dev.polyboot.formats.io.MemoryBlockDevice;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** WIM XML the way Windows writes it, and the hostile cases: DTDs, entities, truncation, lies in the header. */
class WimHostileTest {

    @Test
    void readsWindowsStyleXml() throws Exception {
        WimInfo w = WimReader.read(MemoryBlockDevice.of(TinyWim.wim(TinyWim.TWO_IMAGES, 2)));
        assertThat(w.images()).hasSize(2);
        WimImage setup = w.images().get(0);
        assertThat(setup.architecture()).isEqualTo("amd64");
        assertThat(setup.editionId()).isEqualTo("Professional");
        assertThat(setup.languages()).isEqualTo(List.of("en-US", "de-DE"));
        assertThat(setup.defaultLanguage()).isEqualTo("en-US");
        assertThat(List.of(setup.versionMajor(), setup.versionMinor(), setup.versionBuild())).isEqualTo(List.of(10L, 0L, 22621L));
        assertThat(w.images().get(1).name()).isEqualTo("Home & more");
        assertThat(w.images().get(1).architecture()).isEqualTo("arm64");
        assertThat(w.images().get(1).versionBuild()).isEqualTo(-1);
        assertThat(w.bootImage().orElseThrow().name()).isEqualTo("Setup");
        assertThat(w.header().compression()).isEqualTo(WimCompression.LZX);
    }

    @Test
    void refusesDoctypeSoNoEntityCanExpand() {
        String laughs = "<?xml version=\"1.0\"?><!DOCTYPE WIM [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">"
                + "<!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\"><!ENTITY d \"&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;\">]>"
                + "<WIM><IMAGE INDEX=\"1\"><NAME>&d;&d;&d;&d;</NAME></IMAGE></WIM>";
        assertThatThrownBy(() -> WimReader.read(MemoryBlockDevice.of(TinyWim.wim(laughs, 1))))
                .isInstanceOf(CorruptStructureException.class).hasMessageContaining("WIM XML data");
        String xxe = "<!DOCTYPE WIM [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><WIM><IMAGE INDEX=\"1\"><NAME>&x;</NAME></IMAGE></WIM>";
        assertThatThrownBy(() -> WimReader.read(MemoryBlockDevice.of(TinyWim.wim(xxe, 1))))
                .isInstanceOf(CorruptStructureException.class).hasMessageNotContaining("root:");
    }

    @Test
    void headerAndXmlMustAgree() {
        assertThatThrownBy(() -> WimReader.read(MemoryBlockDevice.of(TinyWim.wim(TinyWim.TWO_IMAGES, 3))))
                .isInstanceOf(CorruptStructureException.class).hasMessageContaining("IMAGE elements");
        String dup = TinyWim.TWO_IMAGES.replace("INDEX=\"2\"", "INDEX=\"1\"");
        assertThatThrownBy(() -> WimReader.read(MemoryBlockDevice.of(TinyWim.wim(dup, 2))))
                .isInstanceOf(CorruptStructureException.class).hasMessageContaining("IMAGE INDEX");
        String badNumber = TinyWim.TWO_IMAGES.replace("<ARCH>9</ARCH>", "<ARCH>nine</ARCH>");
        assertThatThrownBy(() -> WimReader.read(MemoryBlockDevice.of(TinyWim.wim(badNumber, 2))))
                .isInstanceOf(CorruptStructureException.class).hasMessageContaining("WINDOWS/ARCH");
    }

    @Test
    void truncatedAndLyingHeadersAreRefused() {
        byte[] good = TinyWim.wim(TinyWim.TWO_IMAGES, 2);
        assertThatThrownBy(() -> WimReader.read(MemoryBlockDevice.of(Arrays.copyOf(good, 100))))
                .isInstanceOf(CorruptStructureException.class).hasMessageContaining("WIM header");
        assertThatThrownBy(() -> WimReader.read(MemoryBlockDevice.of(Arrays.copyOf(good, good.length - 2))))
                .isInstanceOf(CorruptStructureException.class).hasMessageContaining("XML data resource");
        byte[] huge = good.clone();
        ByteBuffer b = ByteBuffer.wrap(huge).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(WimHeader.XML_DATA, 0x00FF_FFFF_FFFF_FFFFL);
        assertThatThrownBy(() -> WimReader.read(MemoryBlockDevice.of(huge))).isInstanceOf(CorruptStructureException.class);
        byte[] compressed = good.clone();
        compressed[WimHeader.XML_DATA + 7] = WimResourceHeader.FLAG_COMPRESSED;
        assertThatThrownBy(() -> WimReader.read(MemoryBlockDevice.of(compressed))).isInstanceOf(UnsupportedLayoutException.class);
        byte[] pipable = good.clone();
        System.arraycopy(WimHeaderCodec.PIPABLE_MAGIC, 0, pipable, 0, 8);
        assertThatThrownBy(() -> WimReader.read(MemoryBlockDevice.of(pipable))).isInstanceOf(UnsupportedLayoutException.class);
        byte[] badBoot = good.clone();
        ByteBuffer.wrap(badBoot).order(ByteOrder.LITTLE_ENDIAN).putInt(WimHeader.BOOT_INDEX, 3);
        assertThatThrownBy(() -> WimReader.read(MemoryBlockDevice.of(badBoot)))
                .isInstanceOf(CorruptStructureException.class).hasMessageContaining("boot index");
        byte[] badUtf16 = TinyWim.wim("<WIM>X</WIM>", 0);
        int x = badUtf16.length - "X</WIM>".length() * 2;
        badUtf16[x] = 0x00; // an unpaired high surrogate, D800
        badUtf16[x + 1] = (byte) 0xD8;
        assertThatThrownBy(() -> WimReader.read(MemoryBlockDevice.of(badUtf16)))
                .isInstanceOf(CorruptStructureException.class).hasMessageContaining("UTF-16LE");
    }
}
