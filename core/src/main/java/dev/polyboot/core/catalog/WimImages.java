package dev.polyboot.core.catalog;

import dev.polyboot.core.boot.BootRecipe;
import dev.polyboot.formats.FormatException;
import dev.polyboot.formats.io.BlockDevice;
import dev.polyboot.formats.wim.WimImage;
import dev.polyboot.formats.wim.WimInfo;
import dev.polyboot.formats.wim.WimReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Windows imaging files: editions and architectures from the WIM's XML data ({@link WimReader}). Booting a WIM
 * (WinPE through wimboot) comes later, so the recipe is a message; the report says what the file holds.
 */
final class WimImages {
    /** What Windows writes in WINDOWS/INSTALLATIONTYPE of a boot.wim's images (install.wim says "Client"/"Server"). */
    static final String WINDOWS_PE = "WindowsPE";
    /** Image names are free text; a hostile XML could make one line of the report megabytes long. */
    static final int MAX_NAME = 100;

    private WimImages() {}

    static ImageReport report(String name, long size, BlockDevice dev) throws IOException {
        WimInfo w;
        try {
            w = WimReader.read(dev);
        } catch (FormatException e) {
            return ImageClassifier.damaged(name, size, ImageType.WIM, e);
        }
        List<WimImage> images = w.images();
        List<String> arch = architectures(images);
        List<String> listed = new ArrayList<>();
        for (WimImage i : images.subList(0, Math.min(images.size(), ImageDetails.Wim.MAX_LISTED))) listed.add(label(i));
        long bootIndex = w.header().bootIndex();
        ImageDetails.Wim details = new ImageDetails.Wim(w.header().imageCount(), bootIndex, listed,
                w.header().compression().name());
        String count = images.size() == 1 ? "1 image" : images.size() + " images";
        String reason = ImageType.WIM.description() + " with " + count
                + w.bootImage().map(b -> ", boot image " + label(b)).orElse("") + "; booting it is not supported yet";
        List<String> notes = images.isEmpty() ? List.of("holds no images") : List.of();
        return new ImageReport(name, size, ImageType.WIM, null, null, arch, List.of(), null, null,
                isWindows(images) ? "Windows" : null, null, title(name, images, arch),
                new BootRecipe.Message(ImageClassifier.NOT_YET), reason, notes, details);
    }

    /** "Windows PE (amd64)" for a boot.wim, else the first image's name ("Windows 11 Pro and 10 more (amd64)"). */
    static String title(String file, List<WimImage> images, List<String> arch) {
        String base;
        if (images.stream().anyMatch(i -> WINDOWS_PE.equalsIgnoreCase(i.installationType()))) {
            base = "Windows PE";
        } else if (images.isEmpty() || name(images.get(0)).isEmpty()) {
            base = ImageClassifier.stem(file);
        } else {
            base = name(images.get(0)) + (images.size() > 1 ? " and " + (images.size() - 1) + " more" : "");
        }
        return arch.isEmpty() ? base : base + " (" + String.join(", ", arch) + ")";
    }

    /** Windows fills the WINDOWS element; a WIM captured from any other tree (wimlib on Linux) has none. */
    private static boolean isWindows(List<WimImage> images) {
        return images.stream().anyMatch(i -> i.arch() >= 0 || !i.editionId().isBlank() || !i.installationType().isBlank()
                || !i.productName().isBlank());
    }

    /** "1: Windows 11 Pro" */
    static String label(WimImage i) {
        String n = name(i);
        return i.index() + ": " + (n.isEmpty() ? "(no name)" : n);
    }

    /** NAME, else DISPLAYNAME, else FLAGS (where Windows keeps the edition), shortened to {@link #MAX_NAME}. */
    private static String name(WimImage i) {
        String n = !i.name().isBlank() ? i.name() : !i.displayName().isBlank() ? i.displayName() : i.flags();
        n = n.strip();
        return n.length() <= MAX_NAME ? n : n.substring(0, MAX_NAME - 1) + "…";
    }

    /** Debian names where there is one (x86 → i386); Windows on 32-bit ARM and Itanium keep WIM's names. */
    static List<String> architectures(List<WimImage> images) {
        Set<String> out = new TreeSet<>();
        for (WimImage i : images) {
            String a = i.architecture();
            Architectures.normalise(a).ifPresentOrElse(out::add, () -> {
                if (a.equals("arm") || a.equals("ia64")) out.add(a);
            });
        }
        return List.copyOf(out);
    }
}
