package dev.polyboot.core.secureboot;

import dev.polyboot.formats.io.MemoryBlockDevice;
import dev.polyboot.formats.pe.PeHeader;
import dev.polyboot.formats.pe.PeReader;
import dev.polyboot.formats.pe.PeSection;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A PE image's {@code .sbat} section: CSV lines {@code component,generation,vendor,package,version,url}
 * (rhboot/shim SBAT.md). shim refuses an image without one ("Security Violation", SECURE-BOOT-NOTES run s6) and
 * compares each component's generation with the revocation level in the firmware's SbatLevel variable.
 */
public record Sbat(List<Entry> entries) {
    public static final String SECTION = ".sbat";
    /** The first line every SBAT section starts with. */
    public static final Entry HEADER = new Entry("sbat", 1, "SBAT Version", "sbat", "1", "https://github.com/rhboot/shim/blob/main/SBAT.md");
    /** A section is a few hundred bytes; this bounds what a hostile image makes us read. */
    static final int MAX_SECTION = 64 * 1024;

    public Sbat {
        entries = List.copyOf(entries);
    }

    public record Entry(String component, int generation, String vendor, String packageName, String version, String url) {
        public Entry {
            for (String f : List.of(component, vendor, packageName, version, url)) {
                if (f.contains(",") || f.contains("\n") || f.contains("\0")) throw new IllegalArgumentException("bad SBAT field: " + f);
            }
            if (generation < 0) throw new IllegalArgumentException("negative SBAT generation " + generation);
        }

        String render() {
            return String.join(",", component, Integer.toString(generation), vendor, packageName, version, url);
        }
    }

    public Optional<Entry> component(String name) {
        return entries.stream().filter(e -> e.component().equals(name)).findFirst();
    }

    /** The CSV text, one line per entry, as grub-mkimage --sbat takes it. */
    public String render() {
        StringBuilder b = new StringBuilder();
        for (Entry e : entries) b.append(e.render()).append('\n');
        return b.toString();
    }

    /** Parses SBAT CSV text; the section is NUL-padded, so text stops at the first NUL. */
    public static Sbat parse(String csv) throws IOException {
        int nul = csv.indexOf('\0');
        String text = nul >= 0 ? csv.substring(0, nul) : csv;
        List<Entry> out = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (line.isBlank()) continue;
            String[] f = line.strip().split(",", -1);
            if (f.length < 6) throw new IOException("SBAT line has " + f.length + " fields, expected 6: " + line);
            try {
                // a URL could in theory hold more commas: everything after the fifth comma is the URL
                String url = String.join(",", java.util.Arrays.copyOfRange(f, 5, f.length)).replace(",", "%2C");
                out.add(new Entry(f[0], Integer.parseInt(f[1]), f[2], f[3], f[4], url));
            } catch (IllegalArgumentException e) {
                throw new IOException("bad SBAT line: " + line, e);
            }
        }
        return new Sbat(out);
    }

    /** The {@code .sbat} section of a PE image, read with polyboot's own PE reader; empty when there is none. */
    public static Optional<Sbat> ofImage(byte[] image) throws IOException {
        MemoryBlockDevice dev = MemoryBlockDevice.of(image);
        PeHeader h = PeReader.read(dev);
        for (PeSection s : h.sections()) {
            if (!s.name().equals(SECTION)) continue;
            long size = Math.min(s.rawSize(), s.virtualSize() == 0 ? s.rawSize() : s.virtualSize());
            if (size > MAX_SECTION || s.rawOffset() + size > image.length) {
                throw new IOException(".sbat section at " + s.rawOffset() + " (" + size + " bytes) lies outside the image or is too large");
            }
            return Optional.of(parse(new String(image, (int) s.rawOffset(), (int) size, StandardCharsets.UTF_8)));
        }
        return Optional.empty();
    }
}
