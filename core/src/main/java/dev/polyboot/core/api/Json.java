package dev.polyboot.core.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The JSON documents front ends print: {@code {"schemaVersion": 1, ...the result's fields}}, camelCase, sizes as
 * numbers of bytes, enums as lower-case strings, the same field names for the same thing in every command. Each
 * document is described by a JSON Schema under {@code /dev/polyboot/core/api/} ({@link #schema(String)}); a change
 * that removes or retypes a field raises {@link #SCHEMA_VERSION}.
 */
public final class Json {
    public static final int SCHEMA_VERSION = 1;
    static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private Json() {}

    /** Class-path resource of the schema of one concept ("stick-info", "images", "verify", ...). */
    public static String schema(String concept) {
        return "/dev/polyboot/core/api/" + concept + ".schema.json";
    }

    /** A result record as a document: schemaVersion first, then the record's fields in declaration order. */
    public static String render(Object result) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("schemaVersion", SCHEMA_VERSION);
        JsonNode body = result instanceof JsonNode n ? n : MAPPER.valueToTree(result);
        root.setAll((ObjectNode) body);
        return text(root);
    }

    static String text(JsonNode n) {
        try {
            return MAPPER.writeValueAsString(n) + System.lineSeparator();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("JSON of an in-memory tree cannot fail", e);
        }
    }
}
