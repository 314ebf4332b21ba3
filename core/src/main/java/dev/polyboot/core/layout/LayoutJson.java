package dev.polyboot.core.layout;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;

/** The plan as machines read it (install --dry-run --json); field order is fixed for golden files. */
public final class LayoutJson {
    private LayoutJson() {}

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public static ObjectNode toTree(StickLayout l) {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("diskBytes", l.diskBytes());
        o.put("sectorSize", l.sectorSize());
        o.put("style", l.style().name());
        o.put("diskSignature", String.format(Locale.ROOT, "%08X", l.diskSignature()));
        if (l.diskGuid() != null) o.put("diskGuid", l.diskGuid().toString());
        o.put("coreImageLba", l.coreImageLba());
        o.put("coreImageMaxSectors", l.coreImageMaxSectors());
        o.put("reserveBytes", l.reserveBytes());
        ArrayNode parts = o.putArray("partitions");
        for (PlannedPartition p : l.partitions()) {
            ObjectNode n = parts.addObject();
            n.put("number", p.number());
            n.put("role", p.role().name());
            n.put("firstLba", p.firstLba());
            n.put("lastLba", p.lastLba());
            n.put("startBytes", p.startBytes());
            n.put("sizeBytes", p.sizeBytes());
            if (l.style() == PartitionStyle.MBR) {
                n.put("mbrType", String.format(Locale.ROOT, "0x%02X", p.mbrType()));
                n.put("active", p.active());
            } else {
                n.put("typeGuid", p.typeGuid().toString());
                n.put("guid", p.uniqueGuid().toString());
                n.put("name", p.name());
            }
            n.put("fileSystem", p.fileSystem().name());
            if (p.fsLabel() != null) {
                n.put("label", p.fsLabel());
                n.put("volumeSerial", String.format(Locale.ROOT, "%08X", p.volumeSerial()));
            }
        }
        return o;
    }

    public static String render(StickLayout l) {
        try {
            return MAPPER.writeValueAsString(toTree(l)) + System.lineSeparator();
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("JSON of an in-memory tree cannot fail", e);
        }
    }
}
