package dev.polyboot.core.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code polyboot config import}: a Ventoy {@code ventoy.json} (plugins as Ventoy 1.0/1.1 documents them, VENTOY-NOTES
 * §3) turned into {@link StickConfig} settings on top of the stick's own, and every key that could not be turned,
 * with why. Nothing is guessed: a key polyboot has no equivalent for is listed, never dropped silently.
 * <ul>
 *   <li>{@code control}: {@code VTOY_MENU_TIMEOUT} → timeout, {@code VTOY_DEFAULT_IMAGE} → default,
 *       {@code VTOY_FILT_DOT_UNDERSCORE_FILE} needs nothing (polyboot never lists names starting with '.');
 *       the other {@code VTOY_*} variables are listed.</li>
 *   <li>{@code menu_alias}: an image's or a directory's ({@code dir}) alias → alias (a folder's names its submenu in
 *       the folders view).</li>
 *   <li>{@code image_blacklist} → hidden; {@code image_list} (show only these) → {@code show listed} with each image or
 *       folder {@code listed} (an image added later is not shown until it is listed too).</li>
 *   <li>{@code password}: {@code bootpwd} → the menu password, {@code menupwd} {@code file}/{@code parent} → image or
 *       folder password, when given as {@code txt#PLAIN} (hashed here, GRUB PBKDF2); {@code md5#}/{@code sha256#} forms
 *       are one-way hashes GRUB 2.06 cannot check (it knows PBKDF2-SHA512 and plain text only) and are listed;
 *       per-type passwords ({@code isopwd}...) too.</li>
 *   <li>{@code auto_memdisk}: each image → {@code mode memdisk}.</li>
 *   <li>{@code menu_tip}, {@code menu_class}, {@code theme}, {@code persistence},
 *       {@code auto_install}, {@code injection}, {@code conf_replace}, {@code dud}, {@code custom_boot} and the
 *       {@code _legacy}/{@code _uefi}/... variants of any key: listed, each with why.</li>
 * </ul>
 */
public final class VentoyImport {
    private static final ObjectMapper JSON = new ObjectMapper();

    private VentoyImport() {}

    /** @param key the ventoy.json key (dotted and indexed, {@code password.menupwd[1]}); @param why one line */
    public record Unconverted(String key, String why) {}

    /**
     * @param config      the stick's configuration with the converted settings
     * @param converted   one line per converted setting ({@code menu_alias[0] -> alias./ISO/x.iso})
     * @param unconverted every key left out, with why
     * @param notes       what a converted key does differently in polyboot
     */
    public record Result(StickConfig config, List<String> converted, List<Unconverted> unconverted, List<String> notes) {
        public Result {
            converted = List.copyOf(converted);
            unconverted = List.copyOf(unconverted);
            notes = List.copyOf(notes);
        }
    }

    /**
     * @param json   ventoy.json's bytes
     * @param base   the stick's configuration now (the result keeps what ventoy.json does not set)
     * @throws ConfigException when the file is not JSON or not an object
     */
    public static Result convert(byte[] json, StickConfig base) throws ConfigException {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new ConfigException("ventoy.json line " + e.getLocation().getLineNr() + ": not valid JSON: "
                    + e.getOriginalMessage().lines().findFirst().orElse(""));
        } catch (IOException e) {
            throw new ConfigException("ventoy.json: " + e.getMessage());
        }
        if (root == null || !root.isObject()) throw new ConfigException("ventoy.json: not a JSON object");
        Run r = new Run(base);
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            r.plugin(f.getKey(), f.getValue());
        }
        return new Result(r.config, r.converted, r.unconverted, r.notes);
    }

    private static final class Run {
        StickConfig config;
        final List<String> converted = new ArrayList<>();
        final List<Unconverted> unconverted = new ArrayList<>();
        final List<String> notes = new ArrayList<>();

        Run(StickConfig base) {
            config = base;
        }

        void plugin(String key, JsonNode v) {
            for (String suffix : List.of("_legacy", "_uefi", "_ia32", "_aa64", "_mips")) {
                if (key.endsWith(suffix)) {
                    skip(key, "polyboot's configuration is the same in every boot mode; put the settings under \""
                            + key.substring(0, key.length() - suffix.length()) + "\" if they should apply everywhere");
                    return;
                }
            }
            switch (key) {
                case "control" -> control(v);
                case "menu_alias" -> menuAlias(v);
                case "image_blacklist" -> blacklist(v);
                case "image_list" -> allowList(v);
                case "password" -> password(v);
                case "menu_tip" -> skip(key, "stock GRUB 2.06 has no per-entry help text: nothing is drawn for the highlighted entry in text mode"
                        + " or on serial (Ventoy's tips come from its patched GRUB); an alias can carry the hint instead");
                case "menu_class" -> skip(key, "polyboot has no per-image class key: a --class only changes icons in a graphical theme,"
                        + " and polyboot's menu has no theme yet");
                case "theme" -> skip(key, "polyboot's menu has no graphical themes yet (text mode, so that the serial console works)");
                case "auto_memdisk" -> forEachString(key, v, (at, path) -> {
                    if (wildcard(path)) skip(at, "a wildcard (" + path + "): polyboot's modes are per image path");
                    else set(at, "mode." + path, "memdisk");
                });
                case "persistence" -> skip(key, "persistence is not configured in /polyboot.json yet");
                case "auto_install" -> skip(key, "unattended-install templates are not supported yet");
                case "injection" -> skip(key, "injecting archives into an initramfs is not supported yet");
                case "conf_replace" -> skip(key, "replacing files inside an ISO is not supported");
                case "dud" -> skip(key, "driver update disks are not supported");
                case "custom_boot" -> skip(key, "per-image GRUB scripts are not supported: polyboot's menu is generated, never pasted");
                default -> skip(key, "not a Ventoy plugin polyboot knows");
            }
        }

        void control(JsonNode v) {
            if (!v.isArray()) {
                skip("control", "must be a list of {\"VTOY_...\": \"value\"} objects");
                return;
            }
            for (int i = 0; i < v.size(); i++) {
                JsonNode o = v.get(i);
                String at = "control[" + i + "]";
                if (!o.isObject()) {
                    skip(at, "not an object");
                    continue;
                }
                for (Iterator<Map.Entry<String, JsonNode>> it = o.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> f = it.next();
                    String name = at + "." + f.getKey();
                    String value = f.getValue().asText();
                    switch (f.getKey()) {
                        case "VTOY_MENU_TIMEOUT" -> set(name, "timeout", value);
                        case "VTOY_DEFAULT_IMAGE" -> {
                            if (value.endsWith("/")) skip(name, "a directory as the default is Ventoy's tree view; polyboot's default is an image");
                            else set(name, "default", value);
                        }
                        case "VTOY_DEFAULT_MENU_MODE" -> {
                            if (value.equals("0")) set(name, "view", "list");
                            else if (value.equals("1")) set(name, "view", "folders");
                            else skip(name, "not a Ventoy menu mode (0: list, 1: tree view)");
                        }
                        case "VTOY_FILT_DOT_UNDERSCORE_FILE" -> converted.add(name + " -> (nothing to do: polyboot never lists names starting with '.')");
                        default -> skip(name, "no polyboot equivalent");
                    }
                }
            }
        }

        void menuAlias(JsonNode v) {
            forEachObject("menu_alias", v, (at, o) -> {
                String alias = o.path("alias").asText(null);
                if (o.has("dir") && alias != null) {
                    String dir = o.get("dir").asText();
                    set(at, "alias." + withoutTrailingSlash(dir), alias);
                } else if (o.has("image") && alias != null) {
                    set(at, "alias." + o.get("image").asText(), alias);
                } else {
                    skip(at, "needs \"image\" and \"alias\"");
                }
            });
        }

        void blacklist(JsonNode v) {
            forEachString("image_blacklist", v, (at, path) -> {
                if (wildcard(path)) skip(at, "a wildcard (" + path + "): polyboot hides exact paths only");
                else set(at, "hidden." + path, "true");
            });
        }

        void allowList(JsonNode v) {
            List<String> listed = new ArrayList<>();
            forEachString("image_list", v, (at, path) -> {
                if (wildcard(path)) skip(at, "a wildcard (" + path + "): polyboot lists exact image or folder paths only");
                else listed.add(withoutTrailingSlash(path));
            });
            if (listed.isEmpty()) return;
            for (String path : listed) set("image_list", "listed." + path, "true");
            set("image_list", "show", "listed");
        }

        void password(JsonNode v) {
            if (!v.isObject()) {
                skip("password", "must be an object");
                return;
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = v.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> f = it.next();
                String name = "password." + f.getKey();
                switch (f.getKey()) {
                    case "bootpwd" -> pwd(name, "password", f.getValue().asText(), "");
                    case "menupwd" -> forEachObject(name, f.getValue(), (at, o) -> {
                        String path = o.has("file") ? o.get("file").asText() : o.has("parent") ? o.get("parent").asText() : null;
                        if (path == null || !o.has("pwd")) skip(at, "needs \"file\" or \"parent\" and \"pwd\"");
                        else if (wildcard(path)) skip(at, "a wildcard (" + path + "): polyboot's passwords are per image or folder path");
                        else pwd(at, "password." + withoutTrailingSlash(path),
                                o.get("pwd").asText(), " (GRUB user name: the file or folder name, see 'polyboot config show')");
                    });
                    case "isopwd", "wimpwd", "vhdpwd", "imgpwd", "efipwd", "vtoypwd" -> skip(name,
                            "a password per file type: polyboot's passwords are per image, per folder or for the whole menu");
                    default -> skip(name, "not a Ventoy password key polyboot knows");
                }
            }
        }

        /** Ventoy's "txt#PLAIN" is hashed; "md5#..." and "sha256#..." are hashes of a kind GRUB cannot check. */
        private void pwd(String at, String key, String ventoy, String user) {
            int hash = ventoy.indexOf('#');
            String kind = hash < 0 ? "" : ventoy.substring(0, hash).toLowerCase(Locale.ROOT);
            if (kind.equals("txt")) {
                String plain = ventoy.substring(hash + 1);
                try {
                    config = config.set(key, GrubPassword.hash(plain.toCharArray()));
                    converted.add(at + " -> " + key + " (txt# hashed as GRUB PBKDF2; the plain password is not kept)" + user);
                } catch (IllegalArgumentException e) {
                    skip(at, e.getMessage());
                }
            } else if (kind.equals("md5") || kind.equals("sha256")) {
                skip(at, (kind.equals("md5") ? "an " : "a ") + kind + " hash: one-way, and GRUB 2.06 checks only PBKDF2-SHA512 or plain passwords, so it cannot be"
                        + " turned into one; set it again with 'polyboot config set TARGET " + key + " -'");
            } else {
                skip(at, "not in Ventoy's txt#/md5#/sha256# form");
            }
        }

        private void set(String at, String key, String value) {
            try {
                config = config.set(key, value);
                converted.add(at + " -> " + key + (key.startsWith("hidden.") ? "" : " = " + value));
            } catch (IllegalArgumentException e) {
                skip(at, e.getMessage());
            }
        }

        /** Ventoy writes folders with a trailing slash ("/ISO/Linux/"); polyboot's paths have none ("/" stays "/"). */
        private static String withoutTrailingSlash(String path) {
            return path.endsWith("/") && path.length() > 1 ? path.substring(0, path.length() - 1) : path;
        }

        private void skip(String key, String why) {
            unconverted.add(new Unconverted(key, why));
        }

        private void forEachObject(String key, JsonNode v, java.util.function.BiConsumer<String, JsonNode> each) {
            if (!v.isArray()) {
                skip(key, "must be a list of objects");
                return;
            }
            for (int i = 0; i < v.size(); i++) {
                if (v.get(i).isObject()) each.accept(key + "[" + i + "]", v.get(i));
                else skip(key + "[" + i + "]", "not an object");
            }
        }

        private void forEachString(String key, JsonNode v, java.util.function.BiConsumer<String, String> each) {
            if (!v.isArray()) {
                skip(key, "must be a list of paths");
                return;
            }
            for (int i = 0; i < v.size(); i++) {
                if (v.get(i).isTextual()) each.accept(key + "[" + i + "]", v.get(i).asText());
                else skip(key + "[" + i + "]", "not a path");
            }
        }

        private static boolean wildcard(String path) {
            return path.contains("*") || path.contains("?");
        }
    }
}
