package dev.polyboot.formats.testing;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** {@code sfdisk --json} as an oracle: the partition table as util-linux sees it. */
public final class Sfdisk {
    private Sfdisk() {}

    /** One partition as sfdisk prints it; absent fields are null (type is hex for MBR, a GUID for GPT). */
    public record Part(String node, long start, long size, String type, String uuid, String name, String attrs, boolean bootable) {}

    public record Table(String label, String id, long sectorSize, List<Part> partitions) {}

    @SuppressWarnings("unchecked")
    public static Table read(Path image) {
        String out = Tools.run("sfdisk", "--json", image.toString()).assertOk().stdout();
        Map<String, Object> t = (Map<String, Object>) ((Map<String, Object>) MiniJson.parse(out)).get("partitiontable");
        List<Object> parts = (List<Object>) t.getOrDefault("partitions", List.of());
        List<Part> list = parts.stream().map(o -> (Map<String, Object>) o).map(p -> new Part(
                (String) p.get("node"), (Long) p.get("start"), (Long) p.get("size"), (String) p.get("type"),
                (String) p.get("uuid"), (String) p.get("name"), (String) p.get("attrs"),
                Boolean.TRUE.equals(p.get("bootable")))).toList();
        Object ss = t.get("sectorsize");
        return new Table((String) t.get("label"), (String) t.get("id"), ss == null ? 512 : (Long) ss, list);
    }
}
