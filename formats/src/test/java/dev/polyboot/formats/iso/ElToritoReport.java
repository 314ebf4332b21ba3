package dev.polyboot.formats.iso;

import dev.polyboot.formats.testing.Tools;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code xorriso -indev ISO -report_el_torito plain}, parsed: the oracle for our El Torito reader. */
record ElToritoReport(long catalogLba, List<Image> images, Map<Integer, String> paths, Map<Integer, Long> blocks) {
    record Image(int n, String platform, boolean bootable, String emulation, int loadSegment, int systemType,
                 int loadSize, long lba) {}

    private static final Pattern CATALOG = Pattern.compile("^El Torito catalog\\s*:\\s*(\\d+)\\s+\\d+$");
    private static final Pattern IMG = Pattern.compile(
            "^El Torito boot img :\\s+(\\d+)\\s+(\\S+)\\s+([yn])\\s+(\\S+)\\s+0x([0-9a-f]+)\\s+0x([0-9a-f]+)\\s+(\\d+)\\s+(\\d+)$");
    private static final Pattern PATH = Pattern.compile("^El Torito img path :\\s+(\\d+)\\s+(.+)$");
    private static final Pattern BLKS = Pattern.compile("^El Torito img blks :\\s+(\\d+)\\s+(\\d+)$");

    static ElToritoReport of(Path iso) {
        String out = Tools.run("xorriso", "-indev", iso.toString(), "-report_el_torito", "plain").assertOk().stdout();
        long catalog = -1;
        List<Image> images = new ArrayList<>();
        Map<Integer, String> paths = new HashMap<>();
        Map<Integer, Long> blocks = new HashMap<>();
        for (String line : out.split("\n")) {
            Matcher m;
            if ((m = CATALOG.matcher(line)).matches()) catalog = Long.parseLong(m.group(1));
            if ((m = IMG.matcher(line)).matches()) {
                images.add(new Image(Integer.parseInt(m.group(1)), m.group(2), m.group(3).equals("y"), m.group(4),
                        Integer.parseInt(m.group(5), 16), Integer.parseInt(m.group(6), 16), Integer.parseInt(m.group(7)),
                        Long.parseLong(m.group(8))));
            }
            if ((m = PATH.matcher(line)).matches()) paths.put(Integer.parseInt(m.group(1)), m.group(2));
            if ((m = BLKS.matcher(line)).matches()) blocks.put(Integer.parseInt(m.group(1)), Long.parseLong(m.group(2)));
        }
        return new ElToritoReport(catalog, images, paths, blocks);
    }

    /** {@code -report_el_torito as_mkisofs}: catalog path, boot image arguments of -b/-e and -boot-load-size values. */
    record AsMkisofs(String catalogPath, List<String> images, List<Integer> loadSizes) {}

    static AsMkisofs asMkisofs(Path iso) {
        String out = Tools.run("xorriso", "-indev", iso.toString(), "-report_el_torito", "as_mkisofs").assertOk().stdout();
        String catalog = null;
        List<String> images = new ArrayList<>();
        List<Integer> sizes = new ArrayList<>();
        for (String line : out.split("\n")) {
            String[] w = line.split(" ", 2);
            if (w.length < 2) continue;
            String arg = w[1].startsWith("'") && w[1].endsWith("'") ? w[1].substring(1, w[1].length() - 1) : w[1];
            switch (w[0]) {
                case "-c" -> catalog = arg;
                case "-b", "-e" -> images.add(arg);
                case "-boot-load-size" -> sizes.add(Integer.parseInt(arg));
                default -> { }
            }
        }
        return new AsMkisofs(catalog, images, sizes);
    }

    /** Our entry in the report's terms, for a whole-record comparison. */
    static Image of(int n, ElToritoEntry e) {
        return new Image(n, e.platformName(), e.bootable(), e.mediaName(), e.loadSegment(), e.systemType(),
                e.sectorCount(), e.loadRba());
    }
}
