package dev.polyboot.core.config;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** {@code /polyboot.json} as {@code config set} writes it: version first, keys in schema order, images sorted. */
public final class StickConfigWriter {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private StickConfigWriter() {}

    public static ObjectNode tree(StickConfig c) {
        ObjectNode root = JSON.createObjectNode();
        root.put("version", StickConfig.VERSION);
        if (c.timeoutSeconds() != null || c.defaultImage() != null || c.view() != null || c.show() != null || c.password() != null) {
            ObjectNode menu = root.putObject("menu");
            if (c.timeoutSeconds() != null) menu.put("timeout", c.timeoutSeconds());
            if (c.defaultImage() != null) menu.put("default", c.defaultImage());
            if (c.view() != null) menu.put("view", c.view().key());
            if (c.show() != null) menu.put("show", c.show().key());
            if (c.password() != null) menu.put("password", c.password());
        }
        if (!c.images().isEmpty()) {
            ObjectNode images = root.putObject("images");
            for (Map.Entry<String, StickConfig.ImageSettings> e : c.images().entrySet()) {
                ObjectNode i = images.putObject(e.getKey());
                if (e.getValue().alias() != null) i.put("alias", e.getValue().alias());
                if (e.getValue().hidden()) i.put("hidden", true);
                if (e.getValue().listed()) i.put("listed", true);
                if (e.getValue().mode() != null) i.put("mode", e.getValue().mode().key());
                if (e.getValue().password() != null) i.put("password", e.getValue().password());
                if (e.getValue().declined()) i.put("secureBoot", false);
            }
        }
        return root;
    }

    public static byte[] write(StickConfig c) {
        try {
            return (JSON.writeValueAsString(tree(c)) + "\n").getBytes(StandardCharsets.UTF_8);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("an in-memory tree always serialises", e);
        }
    }
}
