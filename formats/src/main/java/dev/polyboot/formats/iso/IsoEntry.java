package dev.polyboot.formats.iso;

import dev.polyboot.formats.fs.Extent;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A file or directory of an ISO image under the chosen {@link NameSet}.
 *
 * @param path       absolute, '/'-separated, as reached (the root is "/")
 * @param size       file size in bytes (sum of all extents of a multi-extent file); for a directory the byte length
 *                   of its directory records
 * @param extents    byte runs relative to the start of the device the image was read from, in file order; a
 *                   multi-extent file (over 4 GiB) has several
 * @param recorded   recording time of the directory record, null when unset
 * @param posixMode  Rock Ridge PX mode, null without Rock Ridge
 * @param symlinkTarget Rock Ridge SL target, null unless a symbolic link
 */
public record IsoEntry(String path, String name, boolean directory, long size, List<Extent> extents,
                       OffsetDateTime recorded, Integer posixMode, String symlinkTarget, boolean hidden) {
    public IsoEntry {
        extents = List.copyOf(extents);
    }

    public Optional<OffsetDateTime> recordedTime() { return Optional.ofNullable(recorded); }

    public OptionalInt mode() { return posixMode == null ? OptionalInt.empty() : OptionalInt.of(posixMode); }

    public boolean isSymlink() { return symlinkTarget != null; }

    /** Byte offset of the first extent on the device (for directories: of the directory records). */
    public long startOffset() {
        return extents.isEmpty() ? 0 : extents.get(0).deviceOffset();
    }
}
