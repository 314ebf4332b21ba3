package dev.polyboot.core.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.polyboot.core.catalog.ImageReport;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Locale;

/** {@code inspect}: what each image file is and how the menu would boot it. */
public record Inspection(List<ImageReport> reports) {
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .setSerializationInclusion(JsonInclude.Include.NON_NULL);

    public Inspection {
        reports = List.copyOf(reports);
    }

    /** One "label: value" block per file, a blank line between them. */
    public String text() {
        StringWriter w = new StringWriter();
        PrintWriter out = new PrintWriter(w);
        for (int i = 0; i < reports.size(); i++) {
            if (i > 0) out.println();
            ImageReportText.print(reports.get(i), out);
        }
        out.flush();
        return w.toString();
    }

    /**
     * {@code {"schemaVersion": 1, "images": [report, ...]}} (schema {@code inspect}), one entry per file in the order
     * given; sizes as {@code sizeBytes}, the image type and boot modes in lower case as in every other document;
     * {@code secureBoot} is the route under Secure Boot in words (the text's "secure boot" line).
     */
    public String json() {
        ObjectNode root = MAPPER.createObjectNode();
        ArrayNode images = root.putArray("images");
        for (ImageReport r : reports) images.add(document(r));
        return Json.render(root);
    }

    private static ObjectNode document(ImageReport r) {
        ObjectNode n = MAPPER.valueToTree(r);
        ObjectNode out = MAPPER.createObjectNode();
        n.fields().forEachRemaining(e -> {
            switch (e.getKey()) {
                case "size" -> out.set("sizeBytes", e.getValue());
                case "type" -> out.put("type", e.getValue().asText().toLowerCase(Locale.ROOT));
                case "firmware" -> out.set("firmware", lower(e.getValue()));
                case "recipe" -> {
                    ObjectNode recipe = ((ObjectNode) e.getValue()).deepCopy();
                    if (recipe.has("modes")) recipe.set("modes", lower(recipe.get("modes")));
                    out.set("recipe", recipe);
                    out.put("secureBoot", dev.polyboot.core.boot.SecureBootScript.route(r.recipe()));
                }
                default -> out.set(e.getKey(), e.getValue());
            }
        });
        return out;
    }

    private static ArrayNode lower(JsonNode values) {
        ArrayNode a = MAPPER.createArrayNode();
        values.forEach(v -> a.add(v.asText().toLowerCase(Locale.ROOT)));
        return a;
    }
}
