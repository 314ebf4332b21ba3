package dev.polyboot.formats.iso;

import dev.polyboot.formats.testing.Tools;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Source trees for ISO tests, the two mastering tools, and parsers for the oracle tools' listings. */
final class IsoFixtures {
    /** Nesting of the deep branch: beyond ECMA-119's 8 levels, so genisoimage -R relocates it (rr_moved, CL/RE). */
    static final int DEEP = 11;

    private IsoFixtures() {}

    /** One listed entry as an oracle tool reports it: size -1 for directories, link target or null. */
    record Listed(boolean directory, long size, String link) {}

    /**
     * A tree with nested and deep directories, long (up to 250 bytes) and non-ASCII names, an empty file and a
     * symlink.
     */
    static Path tree(Path dir) throws IOException {
        Path root = Files.createDirectories(dir.resolve("tree"));
        write(root.resolve("README.TXT"), "plain 8.3 name\n".getBytes(StandardCharsets.US_ASCII));
        write(root.resolve("EFI/BOOT/BOOTX64.EFI"), pattern(5000, 1));
        write(root.resolve("boot/grub/grub.cfg"), "menuentry 'x' { linux /vmlinuz }\n".getBytes(StandardCharsets.UTF_8));
        write(root.resolve("boot/grub/loopback.cfg"), "source /boot/grub/grub.cfg\n".getBytes(StandardCharsets.UTF_8));
        write(root.resolve("live/filesystem.squashfs"), pattern(70_000, 2));
        write(root.resolve("a_rather_long_file_name_well_beyond_eight_dot_three.conf"), pattern(10, 3));
        write(root.resolve("Grüße 日本/ä file.txt"), "unicode\n".getBytes(StandardCharsets.UTF_8));
        // Rock Ridge NM names too long for the record's system use field: continued in CE areas
        write(root.resolve("long/" + "n".repeat(246) + ".txt"), pattern(33, 5));
        write(root.resolve("long/" + "\u00e9\u6f22".repeat(50) + ".cfg"), pattern(34, 6));
        write(root.resolve("empty"), new byte[0]);
        write(root.resolve("noext"), pattern(2048, 4));
        Path deep = root;
        for (int i = 1; i <= DEEP; i++) deep = deep.resolve("d" + i);
        write(deep.resolve("bottom.txt"), "deep\n".getBytes(StandardCharsets.UTF_8));
        Files.createSymbolicLink(root.resolve("link"), Path.of("boot/grub"));
        return root;
    }

    static byte[] pattern(int size, int seed) {
        byte[] b = new byte[size];
        for (int i = 0; i < size; i++) b[i] = (byte) (i * 31 + seed * 7 + (i >>> 8));
        return b;
    }

    private static void write(Path p, byte[] data) throws IOException {
        Files.createDirectories(p.getParent());
        Files.write(p, data);
    }

    static Path xorriso(Path source, Path iso, String... options) {
        List<String> cmd = new ArrayList<>(List.of("xorriso", "-as", "mkisofs", "-quiet", "-o", iso.toString()));
        cmd.addAll(List.of(options));
        cmd.add(source.toString());
        Tools.run(cmd).assertOk();
        return iso;
    }

    static Path genisoimage(Path source, Path iso, String... options) {
        List<String> cmd = new ArrayList<>(List.of("genisoimage", "-quiet", "-input-charset", "utf-8", "-o",
                iso.toString()));
        cmd.addAll(List.of(options));
        cmd.add(source.toString());
        Tools.run(cmd).assertOk();
        return iso;
    }

    private static final Pattern LSDL = Pattern.compile(
            "^(.)\\S+\\s+\\d+\\s+\\S+\\s+\\S+\\s+(\\d+)\\s+\\S+\\s+\\d+\\s+\\S+\\s+'(.*?)'(?: -> '(.*)')?$");

    /** {@code xorriso -indev ISO -find / -exec lsdl}: the Rock Ridge tree (or the plain one, rockRidge false). */
    static Map<String, Listed> xorrisoListing(Path iso, boolean rockRidge) {
        Tools.Result r = Tools.run("xorriso", "-rockridge", rockRidge ? "on" : "off", "-indev", iso.toString(),
                "-find", "/", "-exec", "lsdl").assertOk();
        Map<String, Listed> out = new LinkedHashMap<>();
        for (String line : r.stdout().split("\n")) {
            Matcher m = LSDL.matcher(line);
            if (!m.matches() || m.group(3).equals("/")) continue;
            boolean dir = m.group(1).equals("d");
            out.put(m.group(3), new Listed(dir, dir ? -1 : Long.parseLong(m.group(2)), m.group(4)));
        }
        return out;
    }

    /** {@code 7z l -slt}: 7-Zip reads the Joliet tree when there is one. */
    static Map<String, Listed> sevenZipListing(Path iso) {
        Tools.Result r = Tools.run("7z", "l", "-slt", iso.toString()).assertOk();
        Map<String, Listed> out = new LinkedHashMap<>();
        String body = r.stdout().substring(r.stdout().indexOf("----------"));
        for (String block : body.split("\n\n")) {
            String path = null;
            boolean dir = false;
            long size = -1;
            for (String line : block.split("\n")) {
                if (line.startsWith("Path = ")) path = "/" + line.substring(7);
                if (line.startsWith("Folder = ")) dir = line.endsWith("+");
                if (line.startsWith("Size = ") && line.length() > 7) size = Long.parseLong(line.substring(7));
            }
            if (path != null) out.put(path, new Listed(dir, dir ? -1 : size, null));
        }
        return out;
    }

    /** {@code isoinfo -f [flag]}: paths only, plain names keep their ";1". */
    static List<String> isoinfoPaths(Path iso, String... flags) {
        List<String> cmd = new ArrayList<>(List.of("isoinfo", "-f"));
        cmd.addAll(List.of(flags));
        cmd.addAll(List.of("-i", iso.toString()));
        return List.of(Tools.run(cmd).assertOk().stdout().split("\n")).stream().filter(s -> !s.isBlank()).toList();
    }
}
