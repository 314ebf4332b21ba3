package dev.polyboot.core.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.polyboot.core.boot.BootRecipe;
import dev.polyboot.formats.FormatException;
import dev.polyboot.formats.io.FileBlockDevice;
import dev.polyboot.formats.testing.Tools;
import dev.polyboot.formats.wim.WimReader;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The classifier on WIMs made by {@code wimlib-imagex capture/append}, compared with what {@code wimlib-imagex info}
 * says about the same file: image names, architectures, boot index, count.
 */
class WimImagesTest {
    @TempDir Path dir;
    Path src;

    @BeforeEach
    void tree() throws Exception {
        src = Files.createDirectories(dir.resolve("src/Windows/System32"));
        Files.writeString(src.resolve("hello.txt"), "hello");
    }

    @Test
    void installWimWithTwoEditions() throws Exception {
        Path wim = dir.resolve("install.wim");
        wimlib("capture", src.toString(), wim.toString(), "Windows 11 Pro", "Pro edition", "--flags=Professional");
        wimlib("append", src.toString(), wim.toString(), "Windows 11 Home", "--flags=Core");
        wimlib("info", wim.toString(), "1", "--image-property", "WINDOWS/ARCH=9", "--image-property", "WINDOWS/INSTALLATIONTYPE=Client");
        wimlib("info", wim.toString(), "2", "--image-property", "WINDOWS/ARCH=12");
        Info info = info(wim);
        ImageReport r = ImageClassifier.classify(wim);
        ImageDetails.Wim d = (ImageDetails.Wim) r.details();
        assertThat(r.type()).isEqualTo(ImageType.WIM);
        assertThat(d.images()).isEqualTo(info.labels());
        assertThat(d.imageCount()).isEqualTo(Long.parseLong(info.header.get("Image Count")));
        assertThat(d.bootIndex()).isEqualTo(Long.parseLong(info.header.get("Boot Index"))).isZero();
        assertThat(d.compression()).isEqualTo(info.header.get("Compression"));
        assertThat(r.architectures()).isEqualTo(info.architectures());
        assertThat(r.title()).isEqualTo(info.images.get(0).get("Name") + " and 1 more (" + String.join(", ", info.architectures()) + ")");
        assertThat(r.distro()).isEqualTo("Windows");
        assertThat(r.recipe()).isEqualTo(new BootRecipe.Message(ImageClassifier.NOT_YET));
    }

    @Test
    void bootWimIsWindowsPe() throws Exception {
        Path wim = dir.resolve("boot.wim");
        wimlib("capture", src.toString(), wim.toString(), "Microsoft Windows PE (amd64)", "--boot");
        wimlib("info", wim.toString(), "1", "--image-property", "WINDOWS/ARCH=9", "--image-property", "WINDOWS/INSTALLATIONTYPE=WindowsPE");
        Info info = info(wim);
        ImageReport r = ImageClassifier.classify(wim);
        ImageDetails.Wim d = (ImageDetails.Wim) r.details();
        assertThat(d.bootIndex()).isEqualTo(Long.parseLong(info.header.get("Boot Index"))).isEqualTo(1);
        assertThat(r.title()).isEqualTo("Windows PE (" + info.architectures().get(0) + ")");
        assertThat(r.reason()).contains("boot image " + info.labels().get(0));
    }

    @Test
    void plainCaptureIsNotClaimedToBeWindows() throws Exception {
        Path wim = dir.resolve("data.wim");
        wimlib("capture", src.toString(), wim.toString(), "backup");
        ImageReport r = ImageClassifier.classify(wim);
        assertThat(r.architectures()).isEqualTo(info(wim).architectures()).isEmpty();
        assertThat(r.distro()).isNull();
        assertThat(r.title()).isEqualTo("backup");
    }

    @Test
    void longListsAreBounded() throws Exception {
        Path wim = dir.resolve("many.wim");
        wimlib("capture", src.toString(), wim.toString(), "image 1");
        for (int i = 2; i <= ImageDetails.Wim.MAX_LISTED + 3; i++) wimlib("append", src.toString(), wim.toString(), "image " + i);
        Info info = info(wim);
        ImageDetails.Wim d = (ImageDetails.Wim) ImageClassifier.classify(wim).details();
        assertThat(d.imageCount()).isEqualTo(info.images.size()).isEqualTo(ImageDetails.Wim.MAX_LISTED + 3);
        assertThat(d.images()).isEqualTo(info.labels().subList(0, ImageDetails.Wim.MAX_LISTED));
        assertThat(d.notListed()).isEqualTo(3);
    }

    @Test
    void damagedXmlSizeIsReportedWithTheReadersFinding() throws Exception {
        Path wim = dir.resolve("bad.wim");
        wimlib("capture", src.toString(), wim.toString(), "x");
        try (RandomAccessFile f = new RandomAccessFile(wim.toFile(), "rw")) {
            f.seek(72 + 6); // top byte of the XML data resource's 7-byte size: terabytes of XML
            f.write(0x40);
        }
        FormatException expected;
        try (FileBlockDevice dev = FileBlockDevice.open(wim, true)) {
            expected = org.junit.jupiter.api.Assertions.assertThrows(FormatException.class, () -> WimReader.read(dev));
        }
        ImageReport r = ImageClassifier.classify(wim);
        assertThat(r.type()).isEqualTo(ImageType.WIM);
        assertThat(r.recipe()).isInstanceOf(BootRecipe.Message.class);
        assertThat(r.reason()).contains(expected.structure() + " at offset " + expected.offset());
        assertThat(r.notes()).containsExactly("damaged: " + expected.getMessage());
    }

    private static void wimlib(String... args) {
        List<String> cmd = new ArrayList<>(List.of("wimlib-imagex"));
        cmd.addAll(List.of(args));
        Tools.run(cmd).assertOk();
    }

    /** {@code wimlib-imagex info}: the header's "key: value" lines and one map per image block. */
    record Info(Map<String, String> header, List<Map<String, String>> images) {
        List<String> labels() {
            return images.stream().map(i -> i.get("Index") + ": " + i.get("Name")).toList();
        }

        /** wimlib's spelling (x86_64, ARM64, x86) in Debian's. */
        List<String> architectures() {
            Map<String, String> debian = Map.of("x86_64", "amd64", "ARM64", "arm64", "x86", "i386");
            TreeSet<String> out = new TreeSet<>();
            images.stream().map(i -> i.get("Architecture")).filter(a -> a != null).forEach(a -> out.add(debian.get(a)));
            return List.copyOf(out);
        }
    }

    static Info info(Path wim) {
        String out = Tools.run("wimlib-imagex", "info", wim.toString()).assertOk().stdout();
        int at = out.indexOf("Available Images:");
        Map<String, String> header = keyValues(out.substring(0, at));
        List<Map<String, String>> images = new ArrayList<>();
        for (String block : out.substring(at).split("\n\\s*\n")) {
            Map<String, String> kv = keyValues(block);
            if (kv.containsKey("Index")) images.add(kv);
        }
        return new Info(header, images);
    }

    private static Map<String, String> keyValues(String text) {
        Map<String, String> kv = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            int colon = line.indexOf(':');
            if (colon > 0) kv.put(line.substring(0, colon).strip(), line.substring(colon + 1).strip());
        }
        return kv;
    }
}
