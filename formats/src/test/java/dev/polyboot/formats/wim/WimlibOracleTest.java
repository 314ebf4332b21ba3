package dev.polyboot.formats.wim;

import static org.assertj.core.api.Assertions.assertThat;

import dev.polyboot.formats.io.FileBlockDevice;
import dev.polyboot.formats.testing.Tools;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** WIMs made by {@code wimlib-imagex capture/append/info}, read by us and compared with {@code wimlib-imagex info}. */
class WimlibOracleTest {
    @TempDir Path dir;
    Path src;

    @BeforeEach
    void tree() throws Exception {
        src = dir.resolve("src");
        Files.createDirectories(src.resolve("sub"));
        Files.writeString(src.resolve("a.txt"), "hello");
        byte[] data = new byte[70_000];
        for (int i = 0; i < data.length; i++) data[i] = (byte) (i * 31 ^ i >> 7);
        Files.write(src.resolve("sub/b.bin"), data);
    }

    @ParameterizedTest
    @CsvSource({"none, NONE", "LZX, LZX", "XPRESS, XPRESS", "LZMS, LZMS"})
    void headerAgreesWithWimlib(String compress, WimCompression expected) throws Exception {
        Path wim = dir.resolve("c.wim");
        Tools.run(List.of("wimlib-imagex", "capture", src.toString(), wim.toString(), "Only", "--compress=" + compress, "--boot"))
                .assertOk();
        WimInfo w = read(wim);
        Map<String, String> h = keyValues(Tools.run("wimlib-imagex", "info", wim.toString(), "--header").assertOk().stdout(), " = ");
        assertThat(w.header().compression()).isEqualTo(expected);
        assertThat(w.header().version()).isEqualTo(Long.decode(h.get("Version")));
        assertThat(w.header().flags()).isEqualTo(Long.decode(h.get("Flags")));
        assertThat(w.header().chunkSize()).isEqualTo(Long.parseLong(h.get("Chunk Size")));
        assertThat(w.header().guid()).isEqualTo(h.get("GUID"));
        assertThat(w.header().imageCount()).isEqualTo(Long.parseLong(h.get("Image Count")));
        assertThat(w.header().bootIndex()).isEqualTo(Long.parseLong(h.get("Boot Index")));
        assertThat(w.header().xmlData().offset()).isEqualTo(Long.parseLong(h.get("XML Data Offset")));
        assertThat(w.header().xmlData().size()).isEqualTo(Long.parseLong(h.get("XML Data Size")));
        assertThat(w.header().offsetTable().offset()).isEqualTo(Long.parseLong(h.get("Blob Table Offset")));
        assertThat(w.header().bootMetadata().flags()).isEqualTo(Long.decode(h.get("Boot Metadata Flags")).intValue());
        assertThat(w.header().bootMetadata().originalSize()).isEqualTo(Long.parseLong(h.get("Boot Metadata Original Size")));
        assertThat(w.bootImage().orElseThrow().name()).isEqualTo("Only");
    }

    @Test
    void imagesAgreeWithWimlib() throws Exception {
        Path wim = dir.resolve("multi.wim");
        Tools.run(List.of("wimlib-imagex", "capture", src.toString(), wim.toString(), "Windows 11 Pro", "Pro edition",
                "--compress=LZX", "--flags=Professional")).assertOk();
        Tools.run(List.of("wimlib-imagex", "append", src.toString(), wim.toString(), "Windows 11 Home", "--flags=Core")).assertOk();
        // A JVM without a UTF-8 locale passes non-ASCII arguments as '?': then only the markup characters are tested.
        String third = "UTF-8".equalsIgnoreCase(System.getProperty("sun.jnu.encoding")) ? "Ünïcode ✓ <&>" : "Markup <&>";
        Tools.run(List.of("wimlib-imagex", "append", src.toString(), wim.toString(), third)).assertOk();
        setProperties(wim, 1, "WINDOWS/ARCH=9", "WINDOWS/EDITIONID=Professional", "WINDOWS/VERSION/MAJOR=10",
                "WINDOWS/VERSION/MINOR=0", "WINDOWS/VERSION/BUILD=22621", "WINDOWS/LANGUAGES/LANGUAGE=en-US",
                "WINDOWS/LANGUAGES/DEFAULT=en-US", "WINDOWS/PRODUCTNAME=Microsoft Windows Operating System");
        setProperties(wim, 2, "WINDOWS/ARCH=12", "WINDOWS/EDITIONID=Core", "WINDOWS/VERSION/MAJOR=10",
                "WINDOWS/VERSION/MINOR=0", "WINDOWS/VERSION/BUILD=26100", "WINDOWS/LANGUAGES/LANGUAGE=de-DE");
        setProperties(wim, 3, "WINDOWS/ARCH=0", "DISPLAYNAME=Display", "DISPLAYDESCRIPTION=Shown");
        WimInfo w = read(wim);
        List<Map<String, String>> oracle = imageBlocks(Tools.run("wimlib-imagex", "info", wim.toString()).assertOk().stdout());
        assertThat(w.images()).hasSize(3).hasSameSizeAs(oracle);
        for (int i = 0; i < 3; i++) {
            WimImage ours = w.images().get(i);
            Map<String, String> theirs = oracle.get(i);
            assertThat(ours.index()).isEqualTo(Integer.parseInt(theirs.get("Index")));
            assertThat(ours.name()).isEqualTo(theirs.get("Name"));
            assertThat(ours.description()).isEqualTo(theirs.getOrDefault("Description", ""));
            assertThat(ours.flags()).isEqualTo(theirs.getOrDefault("Flags", ""));
            assertThat(ours.displayName()).isEqualTo(theirs.getOrDefault("Display Name", ""));
            assertThat(ours.displayDescription()).isEqualTo(theirs.getOrDefault("Display Description", ""));
            assertThat(ours.totalBytes()).isEqualTo(Long.parseLong(theirs.get("Total Bytes")));
            assertThat(ours.editionId()).isEqualTo(theirs.getOrDefault("Edition ID", ""));
            assertThat(ours.productName()).isEqualTo(theirs.getOrDefault("Product Name", ""));
            // wimlib names amd64 "x86_64" and arm64 "ARM64"
            assertThat(Map.of("amd64", "x86_64", "arm64", "ARM64", "x86", "x86").get(ours.architecture()))
                    .isEqualTo(theirs.get("Architecture"));
            if (theirs.containsKey("Build")) {
                assertThat(ours.versionMajor()).isEqualTo(Long.parseLong(theirs.get("Major Version")));
                assertThat(ours.versionMinor()).isEqualTo(Long.parseLong(theirs.get("Minor Version")));
                assertThat(ours.versionBuild()).isEqualTo(Long.parseLong(theirs.get("Build")));
            }
            assertThat(String.join(" ", ours.languages())).isEqualTo(theirs.getOrDefault("Languages", ""));
            assertThat(ours.defaultLanguage()).isEqualTo(theirs.getOrDefault("Default Language", ""));
        }
        assertThat(w.images().get(2).name()).isEqualTo(third);
    }

    private void setProperties(Path wim, int index, String... properties) {
        List<String> cmd = new ArrayList<>(List.of("wimlib-imagex", "info", wim.toString(), Integer.toString(index)));
        for (String p : properties) cmd.addAll(List.of("--image-property", p));
        Tools.run(cmd).assertOk();
    }

    private static WimInfo read(Path wim) throws Exception {
        try (FileBlockDevice dev = FileBlockDevice.open(wim, true)) {
            return WimReader.read(dev);
        }
    }

    private static List<Map<String, String>> imageBlocks(String info) {
        String images = info.substring(info.indexOf("Available Images:"));
        List<Map<String, String>> blocks = new ArrayList<>();
        for (String block : images.split("\n\\s*\n")) {
            Map<String, String> kv = keyValues(block, ":");
            if (kv.containsKey("Index")) blocks.add(kv);
        }
        return blocks;
    }

    private static Map<String, String> keyValues(String text, String separator) {
        Map<String, String> kv = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            int at = line.indexOf(separator);
            if (at > 0) kv.put(line.substring(0, at).strip(), line.substring(at + separator.length()).strip());
        }
        return kv;
    }

}
