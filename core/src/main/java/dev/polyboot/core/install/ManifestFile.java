package dev.polyboot.core.install;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.polyboot.core.payload.PayloadEntry;
import dev.polyboot.formats.CorruptStructureException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Reads the payload manifest.json that install puts on the boot partition (/polyboot/manifest.json). */
final class ManifestFile {
    private ManifestFile() {}

    static final int MAX_BYTES = 1 << 20;
    private static final int MAX_ENTRIES = 256;

    static List<PayloadEntry> parse(byte[] json) throws IOException {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(json);
        } catch (IOException e) {
            throw new CorruptStructureException("boot partition /polyboot/manifest.json", 0, "JSON", "valid JSON", e.getMessage());
        }
        JsonNode files = root == null ? null : root.get("files");
        if (files == null || !files.isArray() || files.size() > MAX_ENTRIES) {
            throw new CorruptStructureException("boot partition /polyboot/manifest.json", 0, "files",
                    "an array of at most " + MAX_ENTRIES, files == null ? "missing" : files.getNodeType());
        }
        List<PayloadEntry> out = new ArrayList<>();
        for (JsonNode n : files) {
            out.add(new PayloadEntry(n.path("name").asText(""), n.path("package").asText(""), n.path("version").asText(""),
                    n.path("source").asText(""), n.path("size").asLong(-1), n.path("sha256").asText("")));
        }
        return out;
    }
}
