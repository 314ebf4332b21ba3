package dev.polyboot.core.persistence;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.polyboot.core.boot.PersistenceBoot;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code /.polyboot/bindings.json} on the data partition: what is bound to which image, apart from the catalogue (which
 * refresh rebuilds from the files) and from {@code /polyboot.json} (the person's menu settings; the configuration work
 * may absorb this file later). Schema {@code polyboot-bindings.schema.json}:
 * {@code {"version": 1, "persistence": {"/IMAGE": {"file": ..., "family": ..., "label": ..., "sizeBytes": N,
 * "fingerprint": HEX, "ext4Uuid": UUID}}}}. Keys other than these are kept out of the model but do not fail the read
 * (a newer polyboot may add sections); a malformed known key does.
 */
public record Bindings(Map<String, PersistenceBinding> persistence) {
    public static final String PATH = "/.polyboot/bindings.json";
    public static final int VERSION = 1;
    public static final int MAX_BYTES = 4 << 20;
    public static final Bindings NONE = new Bindings(Map.of());
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

    public Bindings {
        persistence = java.util.Collections.unmodifiableMap(new TreeMap<>(persistence));
    }

    public Bindings withPersistence(String image, PersistenceBinding b) {
        Map<String, PersistenceBinding> m = new TreeMap<>(persistence);
        m.put(image, b);
        return new Bindings(m);
    }

    public Bindings withoutPersistence(String image) {
        Map<String, PersistenceBinding> m = new TreeMap<>(persistence);
        m.remove(image);
        return new Bindings(m);
    }

    /** What the menu passes for each bound image whose family polyboot still knows. */
    public Map<String, PersistenceBoot> menu() {
        Map<String, PersistenceBoot> m = new TreeMap<>();
        persistence.forEach((image, b) -> PersistenceFamily.of(b.family())
                .ifPresent(f -> m.put(image, new PersistenceBoot(b.file(), b.fingerprint(), f.kernelArgs()))));
        return m;
    }

    public byte[] toJson() {
        ObjectNode root = JSON.createObjectNode();
        root.put("version", VERSION);
        ObjectNode p = root.putObject("persistence");
        persistence.forEach((image, b) -> {
            ObjectNode o = p.putObject(image);
            o.put("file", b.file());
            o.put("family", b.family());
            o.put("label", b.label());
            o.put("sizeBytes", b.sizeBytes());
            o.put("fingerprint", b.fingerprint());
            if (b.ext4Uuid() != null) o.put("ext4Uuid", b.ext4Uuid());
        });
        try {
            return (JSON.writeValueAsString(root) + "\n").getBytes(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("an in-memory tree always serialises", e);
        }
    }

    /** @throws IOException one line naming the file and the key */
    public static Bindings fromJson(byte[] bytes) throws IOException {
        if (bytes.length > MAX_BYTES) throw new IOException(PATH + ": more than " + MAX_BYTES + " bytes");
        JsonNode root;
        try {
            root = JSON.readTree(bytes);
        } catch (IOException e) {
            throw new IOException(PATH + ": not JSON (" + (e instanceof com.fasterxml.jackson.core.JsonProcessingException j ? j.getOriginalMessage() : e.getMessage()) + "); fix or delete it", e);
        }
        if (root == null || !root.isObject()) throw new IOException(PATH + ": not a JSON object; fix or delete it");
        JsonNode v = root.get("version");
        if (v == null || !v.isInt()) throw new IOException(PATH + ": \"version\" must be a number; fix or delete it");
        if (v.intValue() > VERSION) {
            throw new IOException(PATH + ": version " + v.intValue() + " is newer than this polyboot (" + VERSION + "); update polyboot");
        }
        Map<String, PersistenceBinding> m = new TreeMap<>();
        JsonNode p = root.get("persistence");
        if (p != null) {
            if (!p.isObject()) throw new IOException(PATH + ": \"persistence\" must be an object");
            for (Iterator<Map.Entry<String, JsonNode>> it = p.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                String key = "persistence." + e.getKey();
                JsonNode o = e.getValue();
                if (!e.getKey().startsWith("/")) throw new IOException(PATH + ": \"" + key + "\": an image path starts with /");
                try {
                    m.put(e.getKey(), new PersistenceBinding(text(o, key, "file"), text(o, key, "family"), text(o, key, "label"),
                            number(o, key, "sizeBytes"), text(o, key, "fingerprint"),
                            o.hasNonNull("ext4Uuid") ? o.get("ext4Uuid").asText() : null));
                } catch (IllegalArgumentException x) {
                    throw new IOException(PATH + ": \"" + key + "\": " + x.getMessage(), x);
                }
            }
        }
        return new Bindings(m);
    }

    private static String text(JsonNode o, String key, String field) throws IOException {
        JsonNode f = o == null ? null : o.get(field);
        if (f == null || !f.isTextual()) throw new IOException(PATH + ": \"" + key + "." + field + "\" must be a string");
        return f.textValue();
    }

    private static long number(JsonNode o, String key, String field) throws IOException {
        JsonNode f = o.get(field);
        if (f == null || !f.canConvertToLong() || !f.isIntegralNumber()) {
            throw new IOException(PATH + ": \"" + key + "." + field + "\" must be a whole number");
        }
        return f.longValue();
    }
}
