package dev.polyboot.core.device;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * {@code polyboot devices --json}: {"schemaVersion": 1, "devices": [...]}, described by {@link #SCHEMA_RESOURCE}.
 * Sizes are bytes, enums lower-case strings, unknown values null; field order is fixed for golden files. A
 * change that removes or retypes a field raises {@link #SCHEMA_VERSION}.
 */
public final class DeviceJson {
    public static final int SCHEMA_VERSION = 1;
    /** Class-path resource of the JSON Schema (draft 2020-12) of the output. */
    public static final String SCHEMA_RESOURCE = "/dev/polyboot/core/device/devices.schema.json";
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private DeviceJson() {}

    public static ObjectNode toTree(List<DeviceInfo> devices) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("schemaVersion", SCHEMA_VERSION);
        ArrayNode arr = root.putArray("devices");
        for (DeviceInfo d : devices) device(arr.addObject(), d);
        return root;
    }

    private static void device(ObjectNode o, DeviceInfo d) {
        o.put("name", d.name());
        o.put("path", d.path().toString());
        o.put("sizeBytes", d.sizeBytes());
        o.put("sectorSize", d.sectorSize());
        o.put("vendor", d.vendor());
        o.put("model", d.model());
        o.put("transport", d.transport().id());
        o.put("removable", d.removable());
        o.put("rotational", d.rotational());
        o.put("partitionTable", d.partitionTable());
        o.put("fileSystem", d.fileSystem() == null ? null : d.fileSystem().id());
        o.put("label", d.label());
        o.put("content", d.content().id());
        o.put("version", d.version());
        ArrayNode parts = o.putArray("partitions");
        for (PartitionSummary p : d.partitions()) {
            ObjectNode n = parts.addObject();
            n.put("number", p.number());
            n.put("path", p.path().toString());
            n.put("startBytes", p.startBytes());
            n.put("sizeBytes", p.sizeBytes());
            n.put("fileSystem", p.fileSystem() == null ? null : p.fileSystem().id());
            n.put("label", p.label());
            ArrayNode m = n.putArray("mountPoints");
            p.mountPoints().forEach(m::add);
        }
        o.put("hidden", d.hidden());
        ArrayNode why = o.putArray("hiddenBecause");
        d.hiddenBecause().forEach(why::add);
        o.put("note", d.note());
    }

    public static String render(List<DeviceInfo> devices) {
        try {
            return MAPPER.writeValueAsString(toTree(devices)) + System.lineSeparator();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("JSON of an in-memory tree cannot fail", e);
        }
    }
}
