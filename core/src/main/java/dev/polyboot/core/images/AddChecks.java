package dev.polyboot.core.images;

import dev.polyboot.core.boot.CatalogMenu;
import dev.polyboot.core.boot.ImageKind;
import dev.polyboot.core.catalog.ImageClassifier;
import dev.polyboot.core.catalog.ImageReport;
import dev.polyboot.core.catalog.ImageType;
import dev.polyboot.core.device.RefusedException;
import dev.polyboot.formats.FormatException;
import dev.polyboot.formats.io.BlockDevice;
import dev.polyboot.formats.io.FileBlockDevice;
import dev.polyboot.formats.fs.FsEntry;
import dev.polyboot.formats.fs.FsPaths;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Everything {@code add} checks before it writes the first byte, for all files at once, so that a refusal lists
 * every problem instead of the first (and never leaves half of a batch copied because of the other half's names).
 */
final class AddChecks {
    private AddChecks() {}

    static void check(DataStore store, List<Path> files, String toDir, boolean force) throws IOException, RefusedException {
        List<String> problems = new ArrayList<>();
        Optional<FsEntry> dir = dirProblems(store, toDir, problems);
        Map<String, Path> seen = new HashMap<>();
        long total = 0;
        int notBootable = 0;
        for (Path f : files) {
            String name = f.getFileName().toString();
            String dest = FsPaths.join(toDir, name);
            for (String p : ExfatNames.problems(name)) problems.add(f + ": name not valid on exFAT: " + p);
            // exFAT compares names case-insensitively (up-case table): A.iso and a.iso are the same file
            Path other = seen.putIfAbsent(name.toUpperCase(Locale.ROOT), f);
            if (other != null) problems.add(f + ": same name as " + other + " (exFAT ignores case): both would be " + dest);
            if (ExfatNames.problems(name).isEmpty() && dir.isPresent() && dir.get().directory() && store.stat(dest).isPresent()
                    && !sameFile(store, dest, f)) {
                problems.add(f + ": " + dest + " already exists on the stick");
            }
            long size = Files.size(f);
            total += size;
            Optional<String> why = force ? Optional.empty() : notBootable(f, name, size);
            if (why.isPresent()) {
                problems.add(f + ": " + why.get());
                notBootable++;
            }
        }
        long free = store.freeBytes();
        if (total > free) problems.add("the files need " + total + " bytes, the data partition has " + free + " free");
        refuse(problems, notBootable);
    }

    /** The folder's problems (polyboot's own tree, exFAT names, a file in the way); returns what is there now. */
    private static Optional<FsEntry> dirProblems(DataStore store, String toDir, List<String> problems) throws IOException {
        List<String> dirParts = FsPaths.split(toDir);
        if (!dirParts.isEmpty() && ("/" + dirParts.get(0)).equalsIgnoreCase(CatalogMenu.DIR)) {
            problems.add(toDir + " is inside polyboot's own catalogue tree " + CatalogMenu.DIR
                    + " (refresh rewrites it and would delete the files)");
        }
        for (String part : dirParts) {
            for (String p : ExfatNames.problems(part)) problems.add("directory name '" + part + "' in " + toDir + ": " + p);
        }
        Optional<FsEntry> dir = store.stat(toDir);
        if (dir.isPresent() && !dir.get().directory()) problems.add(toDir + " is a file on the stick, not a directory");
        return dir;
    }

    /**
     * The checks of {@link #check} that need no content, for one file arriving as a stream of {@code size} bytes: the
     * folder, the exFAT name, not on the stick yet, space, and (unless {@code force}) not empty and a boot menu file
     * type. Whether its content is a bootable image is checked on the stick's verified copy
     * ({@link #notBootable(String, long, BlockDevice)}).
     */
    static void checkIncoming(DataStore store, String name, long size, String toDir, boolean force) throws IOException, RefusedException {
        List<String> problems = new ArrayList<>();
        Optional<FsEntry> dir = dirProblems(store, toDir, problems);
        String dest = FsPaths.join(toDir, name.isEmpty() ? "?" : name.replace("/", "?"));
        List<String> nameProblems = ExfatNames.problems(name);
        for (String p : nameProblems) problems.add(name + ": name not valid on exFAT: " + p);
        if (nameProblems.isEmpty() && dir.isPresent() && dir.get().directory() && store.stat(dest).isPresent()) {
            problems.add(name + ": " + dest + " already exists on the stick");
        }
        long free = store.freeBytes();
        if (size > free) problems.add("the file needs " + size + " bytes, the data partition has " + free + " free");
        Optional<String> why = force ? Optional.empty() : notBootableByName(name, size);
        why.ifPresent(w -> problems.add(name + ": " + w));
        refuse(problems, why.isPresent() ? 1 : 0);
    }

    private static void refuse(List<String> problems, int notBootable) throws RefusedException {
        if (problems.isEmpty()) return;
        throw new RefusedException("nothing was added, " + (problems.size() == 1 ? "1 problem: " : problems.size() + " problems: ")
                + String.join("; ", problems), notBootable == problems.size()
                ? "add --force to copy files that are not bootable images"
                : "rename the files, remove what is on the stick (polyboot remove) or use --to DIR");
    }

    /**
     * True when {@code dest} on the stick holds exactly {@code source}'s bytes (same size, same SHA-256, read back past
     * the page cache): adding it again is no conflict but a re-run (an add cut short after the copy was in place),
     * which then only catalogues it.
     */
    static boolean sameFile(DataStore store, String dest, Path source) throws IOException {
        Optional<FsEntry> e = store.stat(dest);
        if (e.isEmpty() || e.get().directory() || e.get().size() != Files.size(source)) return false;
        try (InputStream onStick = store.readBack(dest); InputStream local = Files.newInputStream(source)) {
            return ImageLibrary.hash(onStick).equals(ImageLibrary.hash(local));
        }
    }

    /** Why the boot menu could never start this file, if so: empty, an extension the menu ignores, no known signature. */
    private static Optional<String> notBootable(Path f, String name, long size) throws IOException {
        Optional<String> byName = notBootableByName(name, size);
        if (byName.isPresent()) return byName;
        try (BlockDevice content = FileBlockDevice.open(f, true)) {
            return notBootable(name, size, content);
        }
    }

    private static Optional<String> notBootableByName(String name, long size) {
        if (size == 0) return Optional.of("empty file, not a bootable image");
        if (ImageKind.of(name).isEmpty()) {
            return Optional.of("not a boot menu file type (.iso .img .efi .wim .vhd .vhdx, not hidden)");
        }
        return Optional.empty();
    }

    /** Why {@code content} (the file's bytes: a host file, or the stick's verified copy of a stream) is no bootable image. */
    static Optional<String> notBootable(String name, long size, BlockDevice content) throws IOException {
        Optional<String> byName = notBootableByName(name, size);
        if (byName.isPresent()) return byName;
        try {
            ImageReport r = ImageClassifier.classify(name, content);
            if (r.type() == ImageType.UNKNOWN) return Optional.of("not a bootable image: " + r.reason());
        } catch (FormatException e) {
            // a known signature with damage behind it: catalogued with the reason, as refresh does
        }
        return Optional.empty();
    }
}
