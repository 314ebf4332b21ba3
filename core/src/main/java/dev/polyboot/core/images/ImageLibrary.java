package dev.polyboot.core.images;

import dev.polyboot.core.boot.CatalogMenu;
import dev.polyboot.core.boot.DataPartition;
import dev.polyboot.core.boot.CatalogMenuEntry;
import dev.polyboot.core.boot.MenuItem;
import dev.polyboot.core.boot.MenuScan;
import dev.polyboot.core.catalog.Catalog;
import dev.polyboot.core.catalog.CatalogEntry;
import dev.polyboot.core.catalog.ImageReport;
import dev.polyboot.core.install.StickDisk;
import dev.polyboot.core.progress.ProgressInputStream;
import dev.polyboot.core.progress.ProgressListener;
import dev.polyboot.core.device.MountedDevice;
import dev.polyboot.core.device.RefusedException;
import dev.polyboot.core.device.Target;
import dev.polyboot.core.device.TargetGuard;
import dev.polyboot.core.device.TargetResolver;
import dev.polyboot.formats.EntryExistsException;
import dev.polyboot.formats.VolumeFullException;
import dev.polyboot.formats.exfat.ExfatVolume;
import dev.polyboot.formats.fs.FsEntry;
import dev.polyboot.formats.fs.FsPaths;
import dev.polyboot.formats.io.BlockDevice;
import dev.polyboot.formats.io.ChannelBlockDevice;
import dev.polyboot.formats.io.FileBlockDevice;
import dev.polyboot.formats.part.PartitionInfo;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.Channels;
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
 * boot-menu order, remove, refresh the catalogue. A copy is written under a hidden temporary name, which the
 * menu ignores, and gets its real name only after the bytes read back from the stick matched the source.
 * {@code add} classifies what it copied and updates the catalogue ({@link CatalogMenu}); {@code refresh}
 * rebuilds it from every image on the partition.
 */
public final class ImageLibrary {
    static final String PARTIAL_PREFIX = ".polyboot-partial-";
    private static final int MAX_NAME = 255;
    private final TargetGuard guard;
    private final Clock clock;
    private final String version;

    public ImageLibrary(TargetGuard guard, Clock clock) {
        this(guard, clock, "0.1.0");
    }

    /** @param version the polyboot version recorded in catalogues this library writes */
    public ImageLibrary(TargetGuard guard, Clock clock, String version) {
        this.guard = guard;
        this.clock = clock;
        this.version = version;
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
            Catalog before = CatalogStore.read(store).orElse(null);
            Catalog after = before == null ? Catalog.empty(version, store.identity())
                    : new Catalog(Catalog.VERSION, version, store.identity(), CatalogStore.present(store, before));
            for (Path f : files) {
                AddedImage a = copyOne(store, f, toDir, progress);
                out.add(a);
                if (a.report() != null) {
                    try (BlockDevice src = FileBlockDevice.open(f, true)) {
                        after = after.with(IsoMappings.withMapping(store, CatalogEntry.of(a.path(), a.report()), src));
                    }
                }
            }
            CatalogStore.write(store, before, after);
            store.flush();
        }
        return out;
    }

    /**
     * Classifies every image file on the data partition and rewrites the catalogue; entries whose file is gone
     * are dropped. Returns the new catalogue.
     */
    public Catalog refresh(Target stick, ProgressListener progress) throws IOException, RefusedException {
        try (DataStore store = openStore(stick, false)) {
            Catalog before = CatalogStore.read(store).orElse(null);
            List<FsEntry> images = ImageScan.images(store);
            List<CatalogEntry> entries = new ArrayList<>();
            long done = 0;
            for (FsEntry e : images) {
                progress.progress("classifying " + e.name(), done++, images.size());
                // one open of the file serves the classifier and the mapping's fingerprint
                try (BlockDevice content = ChannelBlockDevice.of(store.open(e.path()))) {
                    entries.add(IsoMappings.withMapping(store, CatalogEntry.of(e.path(), ImageScan.safely(e.name(), content)), content));
                }
            }
            progress.progress("classifying", done, images.size());
            Catalog after = new Catalog(Catalog.VERSION, version, store.identity(), entries);
            CatalogStore.clearMarkers(store);
            CatalogStore.write(store, before, after);
            store.flush();
            return after;
        }
    }

    /** The catalogue of the stick, if it has one. */
    public java.util.Optional<Catalog> catalog(Target stick) throws IOException, RefusedException {
        guard.checkDataAccess(stick);
        try (BlockDevice dev = TargetResolver.open(stick, true); ExfatVolume v = openData(dev)) {
            return readCatalog(v);
        }
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
        ImageReport report = null;
        if (dev.polyboot.core.boot.ImageKind.of(name).isPresent()) {
            try (BlockDevice src = FileBlockDevice.open(file, true)) {
                report = ImageScan.safely(name, src); // the source: same bytes (verified), faster to read
            }
        }
        return new AddedImage(dest, size, sourceHash, store.viaMount(), report);
    }

    /** Bootable images in exactly the order the boot menu shows them. */
    public List<MenuItem> list(Target stick) throws IOException, RefusedException {
        guard.checkDataAccess(stick);
        try (BlockDevice dev = TargetResolver.open(stick, true); ExfatVolume v = openData(dev)) {
            Optional<Catalog> c = readCatalog(v);
            List<CatalogMenuEntry> entries = c.map(Catalog::menuEntries).orElse(null);
            return MenuScan.items(v, entries);
        }
    }

    /** The catalogue as the menu sees it: GRUB reads catalog.cfg, so without it there is none. */
    private static Optional<Catalog> readCatalog(ExfatVolume v) throws IOException {
        if (v.stat(CatalogMenu.CFG).filter(c -> !c.directory()).isEmpty()) return Optional.empty();
        Optional<FsEntry> f = v.stat(CatalogMenu.JSON);
        if (f.isEmpty() || f.get().directory()) return Optional.empty();
        if (f.get().size() > Catalog.MAX_BYTES) throw new IOException(CatalogMenu.JSON + " is larger than " + Catalog.MAX_BYTES + " bytes");
        try (InputStream in = Channels.newInputStream(v.open(CatalogMenu.JSON))) {
            return Optional.of(Catalog.fromJson(in.readAllBytes()));
        }
    }

    public void remove(Target stick, String path) throws IOException, RefusedException {
        if (FsPaths.split(path).isEmpty()) throw new IllegalArgumentException("cannot remove the root directory");
        try (DataStore store = openStore(stick, false)) {
            store.delete(path);
            Optional<Catalog> before = CatalogStore.read(store);
            if (before.isPresent() && before.get().entries().stream().anyMatch(e -> e.path().equals(path))) {
                CatalogStore.write(store, before.get(), before.get().without(path));
            }
            store.flush();
        }
    }

    /** Through the mount point if the OS has partition 1 mounted, else through our exFAT writer. */
    private DataStore openStore(Target stick, boolean readOnly) throws IOException, RefusedException {
        guard.checkDataAccess(stick);
        Optional<MountedDevice> mounted = dataMount(stick);
        if (mounted.isPresent()) return new MountedStore(Path.of(mounted.get().mount().mountPoint()), identity(stick));
        BlockDevice dev = TargetResolver.open(stick, readOnly);
        try {
            return new VolumeStore(dev, openData(dev), identity(dev));
        } catch (IOException | RuntimeException e) {
            dev.close();
            throw e;
        }
    }

    private static DataPartition identity(Target stick) throws IOException {
        try (BlockDevice dev = TargetResolver.open(stick, true)) {
            return identity(dev);
        }
    }

    /**
     * The data partition's identity: its exFAT volume serial (boot sector, VolumeSerialNumber at byte 100), PARTUUID
     * and size from the partition table.
     */
    private static DataPartition identity(BlockDevice dev) throws IOException {
        StickDisk disk = StickDisk.read(dev);
        if (disk.data().isEmpty()) throw new IOException("no polyboot data partition (exFAT-type partition 1) on this disk");
        ByteBuffer b = disk.dataSlice().read(100, 4).order(ByteOrder.LITTLE_ENDIAN);
        PartitionInfo p = disk.data().get();
        return new DataPartition(DataUuid.of(Integer.toUnsignedLong(b.getInt(0))), p.partUuid(), p.sizeBytes());
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
