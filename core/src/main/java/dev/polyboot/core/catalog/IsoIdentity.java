package dev.polyboot.core.catalog;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The texts an ISO carries about itself, most reliable first: {@code /.disk/info} (Debian, Ubuntu, Mint),
 * {@code /.treeinfo} (Fedora, RHEL-likes), the volume id, the first title of its own boot menu. Plus the
 * package list of live-boot images, which tells Debian derivatives apart.
 */
record IsoIdentity(List<String> texts, Optional<String> packageHint) {
    static final int MAX_TEXT = 64 * 1024;
    static final int MAX_PACKAGES = 4 << 20;
    private static final Pattern TREEINFO = Pattern.compile("^\\s*(family|name|version)\\s*=\\s*(.+?)\\s*$", Pattern.MULTILINE);
    private static final Pattern GRUB_TITLE = Pattern.compile("^\\s*menuentry\\s+['\"]([^'\"]+)['\"]", Pattern.MULTILINE);
    private static final Pattern SYSLINUX_TITLE = Pattern.compile("^\\s*menu\\s+label\\s+(.+?)\\s*$", Pattern.MULTILINE | Pattern.CASE_INSENSITIVE);
    /** Package names in /live/filesystem.packages that name the distribution better than "Debian". */
    private static final List<String[]> PACKAGE_HINTS = List.of(
            new String[] {"kali-defaults", "Kali Linux"},
            new String[] {"clonezilla", "Clonezilla"},
            new String[] {"gparted", "GParted Live"},
            new String[] {"tails-", "Tails"});

    static IsoIdentity of(ImageContent iso) throws IOException {
        List<String> texts = new ArrayList<>();
        iso.text("/.disk/info", MAX_TEXT).map(s -> s.lines().findFirst().orElse("")).ifPresent(texts::add);
        iso.text("/.treeinfo", MAX_TEXT).map(IsoIdentity::treeinfo).ifPresent(texts::add);
        iso.volumeId().ifPresent(texts::add);
        firstMatch(iso, "/boot/grub/grub.cfg", GRUB_TITLE).ifPresent(texts::add);
        firstMatch(iso, "/isolinux/isolinux.cfg", SYSLINUX_TITLE).ifPresent(texts::add);
        return new IsoIdentity(List.copyOf(texts), packages(iso));
    }

    /** "Fedora 39" from [general]/[release] family|name and version. */
    static String treeinfo(String ini) {
        String name = null;
        String version = null;
        Matcher m = TREEINFO.matcher(ini);
        while (m.find()) {
            if (m.group(1).equals("version")) {
                if (version == null) version = m.group(2);
            } else if (name == null) {
                name = m.group(2);
            }
        }
        if (name == null) return "";
        return version == null ? name : name + " " + version;
    }

    private static Optional<String> firstMatch(ImageContent iso, String path, Pattern p) throws IOException {
        Optional<String> text = iso.text(path, MAX_TEXT);
        if (text.isEmpty()) return Optional.empty();
        Matcher m = p.matcher(text.get());
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }

    private static Optional<String> packages(ImageContent iso) throws IOException {
        Optional<String> list = iso.text("/live/filesystem.packages", MAX_PACKAGES);
        if (list.isEmpty()) return Optional.empty();
        List<String> lines = list.get().lines().toList();
        for (String[] hint : PACKAGE_HINTS) { // in priority order: Kali ships gparted too
            if (lines.stream().anyMatch(l -> l.startsWith(hint[0]))) return Optional.of(hint[1]);
        }
        return Optional.empty();
    }
}
