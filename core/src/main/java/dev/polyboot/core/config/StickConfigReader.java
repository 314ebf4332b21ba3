package dev.polyboot.core.config;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * Reads {@code /polyboot.json} and checks it against the version-1 schema as it goes (Jackson's streaming parser, so
 * every message names the key and the line where it is: {@code /polyboot.json line 4: "timeout": ...}). Unknown keys
 * are errors: a misspelt key silently ignored is the commonest configuration bug.
 */
public final class StickConfigReader {
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

    private StickConfigReader() {}

    public static StickConfig read(byte[] json) throws ConfigException {
        if (json.length > StickConfig.MAX_BYTES) {
            throw new ConfigException(StickConfig.PATH + ": " + json.length + " bytes, more than " + StickConfig.MAX_BYTES);
        }
        try (JsonParser p = FACTORY.createParser(json)) {
            return new StickConfigReader.Run(p).root();
        } catch (JsonProcessingException e) {
            throw new ConfigException(StickConfig.PATH + " line " + e.getLocation().getLineNr() + ": not valid JSON: "
                    + e.getOriginalMessage().lines().findFirst().orElse(""));
        } catch (ConfigException e) {
            throw e;
        } catch (IOException e) {
            throw new ConfigException(StickConfig.PATH + ": " + e.getMessage());
        }
    }

    private record Run(JsonParser p) {
        StickConfig root() throws IOException {
            if (p.nextToken() != JsonToken.START_OBJECT) throw fail(null, "must be a JSON object");
            Integer version = null;
            Integer timeout = null;
            String dflt = null;
            String password = null;
            StickConfig.View view = null;
            StickConfig.Show show = null;
            int defaultLine = 0;
            Map<String, StickConfig.ImageSettings> images = new HashMap<>();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String key = p.currentName();
                JsonToken t = p.nextToken();
                switch (key) {
                    case "$schema" -> string(key, t);
                    case "version" -> {
                        version = integer(key, t);
                        if (version != StickConfig.VERSION) {
                            throw fail(key, version > StickConfig.VERSION ? "version " + version + " is newer than this polyboot reads ("
                                    + StickConfig.VERSION + "); update polyboot" : "must be " + StickConfig.VERSION);
                        }
                    }
                    case "menu" -> {
                        object(key, t);
                        while (p.nextToken() == JsonToken.FIELD_NAME) {
                            String k = p.currentName();
                            JsonToken v = p.nextToken();
                            switch (k) {
                                case "timeout" -> {
                                    int seconds = integer(k, v);
                                    timeout = wrap(k, () -> timeout(seconds, k));
                                }
                                case "default" -> {
                                    String s = string(k, v);
                                    defaultLine = line();
                                    dflt = wrap(k, () -> imagePath(s, k));
                                }
                                case "password" -> {
                                    String s = string(k, v);
                                    password = wrap(k, () -> passwordHash(s, k));
                                }
                                case "view" -> {
                                    String s = string(k, v);
                                    view = wrap(k, () -> StickConfig.View.parse(s, k));
                                }
                                case "show" -> {
                                    String s = string(k, v);
                                    show = wrap(k, () -> StickConfig.Show.parse(s, k));
                                }
                                default -> throw fail(k, "unknown key in \"menu\" (known: timeout, default, view, show, password)");
                            }
                        }
                    }
                    case "images" -> {
                        object(key, t);
                        while (p.nextToken() == JsonToken.FIELD_NAME) {
                            String path = p.currentName();
                            wrap(path, () -> imagePath(path, path));
                            object(path, p.nextToken());
                            String alias = null;
                            boolean hidden = false;
                            boolean declined = false;
                            boolean listed = false;
                            StickConfig.Mode mode = null;
                            String hash = null;
                            while (p.nextToken() == JsonToken.FIELD_NAME) {
                                String k = p.currentName();
                                JsonToken v = p.nextToken();
                                String name = "images." + path + "." + k;
                                switch (k) {
                                    case "alias" -> {
                                        String s = string(name, v);
                                        alias = wrap(name, () -> alias(s, name));
                                    }
                                    case "hidden" -> {
                                        if (!v.isBoolean()) throw fail(name, "must be true or false");
                                        hidden = v == JsonToken.VALUE_TRUE;
                                    }
                                    case "password" -> {
                                        String s = string(name, v);
                                        hash = wrap(name, () -> passwordHash(s, name));
                                    }
                                    case "secureBoot" -> {
                                        if (!v.isBoolean()) throw fail(name, "must be true or false");
                                        declined = v == JsonToken.VALUE_FALSE;
                                    }
                                    case "listed" -> {
                                        if (!v.isBoolean()) throw fail(name, "must be true or false");
                                        listed = v == JsonToken.VALUE_TRUE;
                                    }
                                    case "mode" -> {
                                        String s = string(name, v);
                                        mode = wrap(name, () -> StickConfig.Mode.parse(s, name));
                                    }
                                    default -> throw fail(name, "unknown key (known: alias, hidden, listed, mode, password, secureBoot)");
                                }
                            }
                            images.put(path, new StickConfig.ImageSettings(alias, hidden, hash, declined, listed, mode));
                        }
                    }
                    default -> throw fail(key, "unknown key (known: version, menu, images)");
                }
            }
            if (p.nextToken() != null) throw fail(null, "text after the end of the object");
            if (version == null) throw fail("version", "missing (\"version\": " + StickConfig.VERSION + ")");
            StickConfig c = new StickConfig(timeout, dflt, password, view, show, images, null);
            if (dflt != null && !c.shown(dflt)) {
                throw new ConfigException(StickConfig.PATH + " line " + defaultLine + ": \"default\": " + dflt + " is "
                        + (c.hidden(dflt) ? "hidden" : "not listed (the menu shows listed images only)"));
            }
            return c;
        }

        private int line() {
            return p.currentTokenLocation().getLineNr();
        }

        private ConfigException fail(String key, String problem) {
            return new ConfigException(StickConfig.PATH + " line " + line() + ": " + (key == null ? "" : "\"" + key + "\": ") + problem);
        }

        private Integer integer(String key, JsonToken t) throws IOException {
            if (t != JsonToken.VALUE_NUMBER_INT || p.getNumberType() != JsonParser.NumberType.INT) {
                throw fail(key, "must be a whole number");
            }
            return p.getIntValue();
        }

        private String string(String key, JsonToken t) throws IOException {
            if (t != JsonToken.VALUE_STRING) throw fail(key, "must be a string");
            return p.getText();
        }

        private void object(String key, JsonToken t) throws ConfigException {
            if (t != JsonToken.START_OBJECT) throw fail(key, "must be an object");
        }

        private <T> T wrap(String key, java.util.function.Supplier<T> check) throws ConfigException {
            try {
                return check.get();
            } catch (IllegalArgumentException e) {
                throw new ConfigException(StickConfig.PATH + " line " + line() + ": " + e.getMessage());
            }
        }
    }

    static int timeout(int seconds, String key) {
        if (seconds < 0 || seconds > StickConfig.MAX_TIMEOUT) {
            throw new IllegalArgumentException("\"" + key + "\": seconds from 0 to " + StickConfig.MAX_TIMEOUT + ", not " + seconds);
        }
        return seconds;
    }

    /** An image's path on the data partition as the catalogue writes it: absolute, no trailing slash, no "." or "..". */
    static String imagePath(String path, String key) {
        if (!path.startsWith("/") || path.endsWith("/") || path.contains("//") || path.contains("/./") || path.contains("/../")
                || path.endsWith("/..") || path.endsWith("/.")) {
            throw new IllegalArgumentException("\"" + key + "\": not an image path on the data partition (like /linux/debian.iso): " + path);
        }
        if (path.chars().anyMatch(c -> c < 0x20 || c == 0x7f || c == '>')) {
            throw new IllegalArgumentException("\"" + key + "\": control character or '>' in the path");
        }
        return path;
    }

    static String alias(String alias, String key) {
        if (alias.isBlank()) throw new IllegalArgumentException("\"" + key + "\": an empty alias (leave the key out instead)");
        if (alias.length() > StickConfig.MAX_ALIAS) {
            throw new IllegalArgumentException("\"" + key + "\": longer than " + StickConfig.MAX_ALIAS + " characters");
        }
        if (alias.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) throw new IllegalArgumentException("\"" + key + "\": control character");
        return alias;
    }

    /**
     * A password as the file stores it: GRUB's PBKDF2 form. The value is never repeated in the message: a plain password
     * typed into the file by mistake must not end up on the screen or in a log.
     */
    static String passwordHash(String value, String key) {
        if (!GrubPassword.isHash(value)) {
            throw new IllegalArgumentException("\"" + key + "\": not a GRUB PBKDF2 hash (grub.pbkdf2.sha512.ITERATIONS.SALT.HASH);"
                    + " plain passwords are never stored: set it with 'polyboot config set TARGET " + key + " -'");
        }
        return value;
    }

    static void checkDefault(StickConfig c, String key) {
        if (c.defaultImage() != null && !c.shown(c.defaultImage())) {
            throw new IllegalArgumentException("\"" + key + "\": the default image " + c.defaultImage() + " is "
                    + (c.hidden(c.defaultImage()) ? "hidden" : "not listed (the menu shows listed images only: set listed./PATH true)"));
        }
    }
}
