package dev.polyboot.formats.wim;

import java.util.List;
import java.util.Objects;

/**
 * One {@code <IMAGE>} element of a WIM's XML data. Absent text elements are {@code ""}, absent numbers {@code -1}.
 *
 * @param index        the INDEX attribute (1-based)
 * @param flags        the FLAGS element: Windows puts the edition there too (e.g. "Professional")
 * @param arch         WINDOWS/ARCH as stored: 0 x86, 5 arm, 6 ia64, 9 amd64, 12 arm64
 * @param languages    WINDOWS/LANGUAGES/LANGUAGE values in document order
 * @param totalBytes   TOTALBYTES of the image
 */
public record WimImage(int index, String name, String description, String displayName, String displayDescription,
                       String flags, String editionId, String productName, String installationType, long arch,
                       long versionMajor, long versionMinor, long versionBuild, long versionSpBuild,
                       List<String> languages, String defaultLanguage, long totalBytes) {
    public static final long ARCH_X86 = 0;
    public static final long ARCH_ARM = 5;
    public static final long ARCH_IA64 = 6;
    public static final long ARCH_AMD64 = 9;
    public static final long ARCH_ARM64 = 12;

    public WimImage {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(displayName, "displayName");
        Objects.requireNonNull(displayDescription, "displayDescription");
        Objects.requireNonNull(flags, "flags");
        Objects.requireNonNull(editionId, "editionId");
        Objects.requireNonNull(productName, "productName");
        Objects.requireNonNull(installationType, "installationType");
        Objects.requireNonNull(defaultLanguage, "defaultLanguage");
        languages = List.copyOf(languages);
    }

    /** {@code x86}, {@code amd64}, {@code arm64}, {@code arm}, {@code ia64}, {@code ""} when absent, else the number. */
    public String architecture() {
        if (arch < 0) return "";
        if (arch == ARCH_X86) return "x86";
        if (arch == ARCH_AMD64) return "amd64";
        if (arch == ARCH_ARM64) return "arm64";
        if (arch == ARCH_ARM) return "arm";
        if (arch == ARCH_IA64) return "ia64";
        return Long.toString(arch);
    }
}
