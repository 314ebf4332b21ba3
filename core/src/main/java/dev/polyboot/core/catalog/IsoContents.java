package dev.polyboot.core.catalog;

import dev.polyboot.core.boot.BootMode;
import dev.polyboot.formats.io.BlockDevice;
import dev.polyboot.formats.iso.ElToritoCatalog;
import dev.polyboot.formats.iso.ElToritoEntry;
import dev.polyboot.formats.iso.IsoEntry;
import dev.polyboot.formats.iso.IsoImage;
import dev.polyboot.formats.iso.NotIsoException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@link ImageContent} over the ISO 9660 reader of {@code formats.iso}, with its default name preference
 * (Rock Ridge, else Joliet, else plain), which is also GRUB 2.06's.
 */
final class IsoContents implements ImageContent {
    private final IsoImage iso;

    private IsoContents(IsoImage iso) {
        this.iso = iso;
    }

    static Optional<ImageContent> open(BlockDevice dev) throws IOException {
        try {
            return Optional.of(new IsoContents(IsoImage.read(dev)));
        } catch (NotIsoException e) {
            return Optional.empty();
        }
    }

    /**
     * The label Linux shows in /dev/disk/by-label (dracut's CDLABEL= looks there): like libblkid, the Joliet
     * volume id when it extends the primary one case-insensitively (the primary allows only upper case and 32
     * d-characters), else the primary's.
     */
    @Override
    public Optional<String> volumeId() {
        String primary = iso.volumeId() == null ? "" : iso.volumeId().strip();
        String joliet = iso.jolietVolumeId().map(String::strip).orElse("");
        String id = !joliet.isEmpty() && joliet.toUpperCase(java.util.Locale.ROOT).startsWith(primary.toUpperCase(java.util.Locale.ROOT))
                ? joliet : primary;
        return id.isEmpty() ? Optional.empty() : Optional.of(id);
    }

    @Override
    public Optional<String> find(String path) throws IOException {
        return iso.lookupIgnoreCase(path).map(IsoEntry::path);
    }

    @Override
    public List<String> list(String dir) throws IOException {
        Optional<IsoEntry> d = iso.lookup(dir);
        if (d.isEmpty() || !d.get().directory()) return List.of();
        return iso.list(d.get()).stream().map(IsoEntry::name).toList();
    }

    @Override
    public Optional<byte[]> read(String path, int max) throws IOException {
        Optional<IsoEntry> f = iso.lookupIgnoreCase(path);
        if (f.isEmpty() || f.get().directory()) return Optional.empty();
        int n = (int) Math.min(max, f.get().size());
        ByteBuffer b = ByteBuffer.allocate(n);
        try (SeekableByteChannel ch = iso.open(f.get())) {
            while (b.hasRemaining() && ch.read(b) >= 0) {
                // reads fully or throws
            }
        }
        return Optional.of(b.array());
    }

    @Override
    public Optional<InputStream> open(String path) throws IOException {
        Optional<IsoEntry> f = iso.lookupIgnoreCase(path);
        if (f.isEmpty() || f.get().directory()) return Optional.empty();
        return Optional.of(Channels.newInputStream(iso.open(f.get())));
    }

    @Override
    public Set<BootMode> elTorito() throws IOException {
        Optional<ElToritoCatalog> c = iso.elTorito();
        Set<BootMode> out = EnumSet.noneOf(BootMode.class);
        if (c.isEmpty()) return out;
        for (ElToritoEntry e : c.get().entries()) {
            if (!e.bootable()) continue;
            if (e.isBios()) out.add(BootMode.BIOS);
            if (e.isEfi()) out.add(BootMode.UEFI);
        }
        return out;
    }
}
