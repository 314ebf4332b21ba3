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

    /** Our entry in the report's terms, for a whole-record comparison. */
    static Image of(int n, ElToritoEntry e) {
        return new Image(n, e.platformName(), e.bootable(), e.mediaName(), e.loadSegment(), e.systemType(),
                e.sectorCount(), e.loadRba());
    }
}
