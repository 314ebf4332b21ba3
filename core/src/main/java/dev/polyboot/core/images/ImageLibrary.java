package dev.polyboot.core.images;

import dev.polyboot.core.boot.MenuItem;
import dev.polyboot.core.boot.MenuScan;
import dev.polyboot.core.install.StickDisk;
import dev.polyboot.core.progress.ProgressInputStream;
import dev.polyboot.core.progress.ProgressListener;
import dev.polyboot.core.target.MountedDevice;
import dev.polyboot.core.target.RefusedException;
import dev.polyboot.core.target.Target;
import dev.polyboot.core.target.TargetGuard;
import dev.polyboot.core.target.TargetResolver;
import dev.polyboot.formats.EntryExistsException;
import dev.polyboot.formats.VolumeFullException;
import dev.polyboot.formats.exfat.ExfatVolume;
import dev.polyboot.formats.fs.FsPaths;
import dev.polyboot.formats.io.BlockDevice;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * The images on a stick's data partition: add (copy + SHA-256 verify, then rename into place), list in
 * boot-menu order, remove. A copy is written under a hidden temporary name, which the menu ignores, and gets
 * its real name only after the bytes read back from the stick matched the source.
 */
public final class ImageLibrary {
    static final String PARTIAL_PREFIX = ".polyboot-partial-";
    private static final int MAX_NAME = 255;
    private final TargetGuard guard;
    private final Clock clock;

    public ImageLibrary(TargetGuard guard, Clock clock) {
        this.guard = guard;
        this.clock = clock;
    }

    public List<AddedImage> add(Target stick, List<Path> files, String toDir, ProgressListener progress)
            throws IOException, RefusedException {
        for (Path f : files) {
            if (!Files.isRegularFile(f)) throw new IllegalArgumentException("not a regular file: " + f);
        }
        FsPaths.split(toDir);
        List<AddedImage> out = new ArrayList<>();
        try (DataStore store = openStore(stick, false)) {
            store.mkdirs(toDir);
            for (Path f : files) out.add(copyOne(store, f, toDir, progress));
            store.flush();
        }
        return out;
    }

    private AddedImage copyOne(DataStore store, Path file, String toDir, ProgressListener progress) throws IOException {
        String name = file.getFileName().toString();
        String dest = FsPaths.join(toDir, name);
        if (store.exists(dest)) throw new EntryExistsException("data partition", dest);
        String partial = FsPaths.join(toDir, partialName(name));
        if (store.exists(partial)) store.delete(partial); // left over from an interrupted add
        long size = Files.size(file);
        long free = store.freeBytes();
        if (size > free) throw new VolumeFullException("data partition", size, free);
        String sourceHash;
        try (InputStream raw = Files.newInputStream(file);
             DigestInputStream in = new DigestInputStream(new ProgressInputStream(raw, progress, "copying " + name, size), sha256())) {
            store.write(partial, in, size);
            sourceHash = HexFormat.of().formatHex(in.getMessageDigest().digest());
        }
        String readBack;
        try (InputStream in = new ProgressInputStream(store.read(partial), progress, "verifying " + name, size)) {
            readBack = hash(in);
        }
        if (!readBack.equals(sourceHash)) {
            store.delete(partial);
            throw new CopyVerificationException("verification of " + dest + " failed: read back sha256 " + readBack
                    + ", source " + sourceHash + "; the partial copy was removed");
        }
        store.rename(partial, dest);
        return new AddedImage(dest, size, sourceHash, store.viaMount());
    }

    /** Bootable images in exactly the order the boot menu shows them. */
    public List<MenuItem> list(Target stick) throws IOException, RefusedException {
        guard.checkDataAccess(stick);
        try (BlockDevice dev = TargetResolver.open(stick, true); ExfatVolume v = openData(dev)) {
            return MenuScan.items(v);
        }
    }

    public void remove(Target stick, String path) throws IOException, RefusedException {
        if (FsPaths.split(path).isEmpty()) throw new IllegalArgumentException("cannot remove the root directory");
        try (DataStore store = openStore(stick, false)) {
            store.delete(path);
            store.flush();
        }
    }

    /** Through the mount point if the OS has partition 1 mounted, else through our exFAT writer. */
    private DataStore openStore(Target stick, boolean readOnly) throws IOException, RefusedException {
        guard.checkDataAccess(stick);
        Optional<MountedDevice> mounted = dataMount(stick);
        if (mounted.isPresent()) return new MountedStore(Path.of(mounted.get().mount().mountPoint()));
        BlockDevice dev = TargetResolver.open(stick, readOnly);
        try {
            return new VolumeStore(dev, openData(dev));
        } catch (IOException | RuntimeException e) {
            dev.close();
            throw e;
        }
    }

    private Optional<MountedDevice> dataMount(Target stick) throws IOException {
        List<MountedDevice> mounts = stick instanceof Target.Device d ? guard.mountsOn(d.node()) : guard.mountsOfImage(stick.path());
        return mounts.stream().filter(m -> m.device().partitionNumber() == 1).findFirst();
    }

    private ExfatVolume openData(BlockDevice dev) throws IOException {
        StickDisk disk = StickDisk.read(dev);
        if (disk.data().isEmpty()) {
            throw new IOException("no polyboot data partition (exFAT-type partition 1) on this disk; run 'polyboot install' first");
        }
        return ExfatVolume.open(disk.dataSlice(), clock);
    }

    static String partialName(String name) {
        String p = PARTIAL_PREFIX + name;
        return p.length() <= MAX_NAME ? p : p.substring(0, MAX_NAME);
    }

    private static String hash(InputStream in) throws IOException {
        MessageDigest md = sha256();
        byte[] buf = new byte[1 << 20];
        int n;
        while ((n = in.read(buf)) > 0) md.update(buf, 0, n);
        return HexFormat.of().formatHex(md.digest());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
