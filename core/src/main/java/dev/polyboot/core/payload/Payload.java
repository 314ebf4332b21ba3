package dev.polyboot.core.payload;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The boot payload built by module {@code payload} from stock Debian packages: GRUB's {@code boot.img}
 * and {@code core.img} (BIOS), {@code BOOTX64.EFI} (UEFI), syslinux {@code memdisk}, polyboot's initramfs
 * helper {@code pbinit} (static, musl; {@code payload/src/helper/README.md}), Debian's Microsoft-signed shim and
 * MokManager for Secure Boot sticks ({@code core.secureboot}), and the {@code manifest.json} that names package,
 * version and SHA-256 of each. Immutable; byte arrays are copied out.
 */
public final class Payload {
    public static final String BOOT_IMG = "boot.img";
    public static final String CORE_IMG = "core.img";
    public static final String BOOTX64_EFI = "BOOTX64.EFI";
    public static final String MEMDISK = "memdisk";
    /** The initramfs helper, x86_64 static executable; on the stick it becomes {@code /polyboot/init} in pbinit.cpio. */
    public static final String PBINIT = "pbinit";
    /** Debian's {@code shimx64.efi.signed} (package shim-signed): BOOTX64.EFI of a Secure Boot stick. */
    public static final String SHIM = "shimx64.efi";
    /** Debian's {@code mmx64.efi.signed} (package shim-helpers-amd64-signed): MokManager, for enrolling the user's key. */
    public static final String MOK_MANAGER = "mmx64.efi";
    public static final String MANIFEST = "manifest.json";
    /** Label of the boot partition that core.img and BOOTX64.EFI search for (their embedded config). */
    public static final String BOOT_LABEL = "PBOOT";

    static final String RESOURCE_DIR = "/dev/polyboot/payload/";
    private static final List<String> FILES = List.of(BOOT_IMG, CORE_IMG, BOOTX64_EFI, MEMDISK, PBINIT, SHIM, MOK_MANAGER);
    private static final int MAX_FILE = 16 << 20;

    private final Map<String, byte[]> files;
    private final byte[] manifestJson;
    private final List<PayloadEntry> entries;

    private Payload(Map<String, byte[]> files, byte[] manifestJson, List<PayloadEntry> entries) {
        this.files = files;
        this.manifestJson = manifestJson;
        this.entries = entries;
    }

    /** Loads the payload from the classpath and checks every file against the manifest's size and SHA-256. */
    public static Payload load() throws IOException {
        // read and checked once per process: the jar's resources do not change, and a Payload hands out copies only
        Payload p = loaded;
        if (p == null) {
            synchronized (Payload.class) {
                if (loaded == null) {
                    byte[] manifest = resource(MANIFEST);
                    Map<String, byte[]> files = new LinkedHashMap<>();
                    for (String name : FILES) files.put(name, resource(name));
                    loaded = of(files, manifest);
                }
                p = loaded;
            }
        }
        return p;
    }

    private static volatile Payload loaded;

    /** Builds a payload from given bytes (tests, or a payload read back from a stick); checked like {@link #load()}. */
    public static Payload of(Map<String, byte[]> files, byte[] manifestJson) throws IOException {
        List<PayloadEntry> entries = parseManifest(manifestJson);
        Map<String, byte[]> copy = new LinkedHashMap<>();
        for (PayloadEntry e : entries) {
            byte[] bytes = files.get(e.name());
            if (bytes == null) throw new IOException("payload file " + e.name() + " listed in the manifest is missing");
            if (bytes.length != e.size() || !sha256(bytes).equals(e.sha256())) {
                throw new IOException("payload file " + e.name() + " does not match the manifest: expected "
                        + e.size() + " bytes sha256 " + e.sha256() + ", actual " + bytes.length + " bytes sha256 " + sha256(bytes));
            }
            copy.put(e.name(), bytes.clone());
        }
        for (String name : FILES) {
            if (!copy.containsKey(name)) throw new IOException("payload manifest lacks an entry for " + name);
        }
        return new Payload(Map.copyOf(copy), manifestJson.clone(), entries);
    }

    public byte[] file(String name) {
        byte[] b = files.get(name);
        if (b == null) throw new IllegalArgumentException("no payload file " + name + "; have " + FILES);
        return b.clone();
    }

    public byte[] bootImg() { return file(BOOT_IMG); }

    public byte[] coreImg() { return file(CORE_IMG); }

    public byte[] bootx64Efi() { return file(BOOTX64_EFI); }

    public byte[] memdisk() { return file(MEMDISK); }

    public byte[] pbinit() { return file(PBINIT); }

    public byte[] shim() { return file(SHIM); }

    public byte[] mokManager() { return file(MOK_MANAGER); }

    public byte[] manifestJson() { return manifestJson.clone(); }

    /** The GRUB modules built into BOOTX64.EFI (manifest "grubModulesEfi"); the signed GRUB builds in the same ones. */
    public List<String> grubModulesEfi() throws IOException {
        JsonNode v = new ObjectMapper().readTree(manifestJson).get("grubModulesEfi");
        if (v == null || !v.isTextual()) throw new IOException("payload manifest lacks \"grubModulesEfi\"");
        return List.of(v.asText().trim().split("\\s+"));
    }

    /** Manifest entries in manifest order. */
    public List<PayloadEntry> entries() { return entries; }

    /** SHA-256 (hex) of manifest.json: it names every file's hash, so it identifies the whole payload. */
    public String digest() { return sha256(manifestJson); }

    /** Short identity for {@code polyboot info}, e.g. {@code grub 2.06-13+deb12u2, payload 1a2b3c4d5e6f}. */
    public String version() {
        String grub = entries.stream().filter(e -> e.name().equals(CORE_IMG)).findFirst().map(PayloadEntry::packageVersion).orElse("?");
        return "grub " + grub + ", payload " + digest().substring(0, 12);
    }

    private static List<PayloadEntry> parseManifest(byte[] json) throws IOException {
        JsonNode root = new ObjectMapper().readTree(json);
        JsonNode list = root == null ? null : root.get("files");
        if (list == null || !list.isArray()) throw new IOException("payload manifest has no \"files\" array");
        List<PayloadEntry> out = new ArrayList<>();
        for (JsonNode n : list) {
            out.add(new PayloadEntry(text(n, "name"), text(n, "package"), text(n, "version"), text(n, "source"),
                    n.path("size").asLong(-1), text(n, "sha256")));
        }
        return List.copyOf(out);
    }

    private static String text(JsonNode n, String field) throws IOException {
        JsonNode v = n.get(field);
        if (v == null || !v.isTextual()) throw new IOException("payload manifest entry lacks \"" + field + "\": " + n);
        return v.asText();
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = Payload.class.getResourceAsStream(RESOURCE_DIR + name)) {
            if (in == null) {
                throw new IOException("boot payload file " + RESOURCE_DIR + name + " is not on the classpath"
                        + " (module polyboot-payload builds it; see payload/src/build/build-payload.sh)");
            }
            byte[] b = in.readNBytes(MAX_FILE + 1);
            if (b.length > MAX_FILE) throw new IOException("payload file " + name + " is larger than " + MAX_FILE + " bytes");
            return b;
        }
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("JDK without SHA-256", e);
        }
    }

    @Override
    public String toString() {
        return "Payload[" + version() + "]";
    }
}
