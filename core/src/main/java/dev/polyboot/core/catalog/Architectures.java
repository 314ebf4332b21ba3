package dev.polyboot.core.catalog;

import dev.polyboot.formats.pe.PeMachine;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** CPU architecture names (Debian's spelling: amd64, i386, arm64, riscv64) from the names images use. */
final class Architectures {
    private static final Pattern TOKEN = Pattern.compile(
            "(?<![a-z0-9])(amd64|x86[_-]64|x64|i386|i686|ia32|x86|arm64|aarch64|aa64|riscv64)(?![a-z0-9])");

    private Architectures() {}

    /** Architectures named in free text (volume ids, /.disk/info, paths). */
    static Set<String> inText(String text) {
        Set<String> out = new TreeSet<>();
        if (text == null) return out;
        Matcher m = TOKEN.matcher(text.toLowerCase(Locale.ROOT));
        while (m.find()) normalise(m.group(1)).ifPresent(out::add);
        return out;
    }

    /** The architecture of a removable-media EFI loader name (UEFI spec 3.5.1.1: BOOTX64.EFI, BOOTIA32.EFI, ...). */
    static Optional<String> ofEfiLoader(String fileName) {
        String n = fileName.toLowerCase(Locale.ROOT);
        if (!n.startsWith("boot") || !n.endsWith(".efi")) return Optional.empty();
        return normalise(n.substring(4, n.length() - 4));
    }

    /** The architecture of a PE/COFF machine type (PE format, "Machine Types"). */
    static Optional<String> ofPeMachine(int machine) {
        return switch (machine) {
            case PeMachine.AMD64 -> Optional.of("amd64");
            case PeMachine.I386 -> Optional.of("i386");
            case PeMachine.ARM64 -> Optional.of("arm64");
            case PeMachine.RISCV64 -> Optional.of("riscv64");
            default -> Optional.empty();
        };
    }

    static Optional<String> normalise(String token) {
        return switch (token.replace('-', '_')) {
            case "amd64", "x86_64", "x64" -> Optional.of("amd64");
            case "i386", "i686", "ia32", "x86" -> Optional.of("i386");
            case "arm64", "aarch64", "aa64" -> Optional.of("arm64");
            case "riscv64" -> Optional.of("riscv64");
            default -> Optional.empty();
        };
    }
}
