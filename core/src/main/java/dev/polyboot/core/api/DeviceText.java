package dev.polyboot.core.api;

import dev.polyboot.core.device.DeviceInfo;
import dev.polyboot.core.device.PartitionSummary;
import java.util.List;
import java.util.Locale;

/** The text of {@code polyboot devices}, and the "now on the disk" block of the erase confirmation. */
public final class DeviceText {
    private DeviceText() {}

    public static String render(List<DeviceInfo> all, boolean showHidden) {
        StringBuilder b = new StringBuilder();
        List<DeviceInfo> shown = all.stream().filter(d -> showHidden || !d.hidden()).toList();
        for (DeviceInfo d : shown) {
            if (b.length() > 0) b.append(System.lineSeparator());
            b.append(heading(d)).append(System.lineSeparator());
            b.append(contents(d));
            if (d.hidden()) b.append("  hidden: ").append(String.join("; ", d.hiddenBecause())).append(System.lineSeparator());
        }
        long hidden = all.size() - shown.size();
        if (shown.isEmpty()) {
            b.append("no removable or USB disks found: plug in a USB stick").append(System.lineSeparator());
        }
        if (hidden > 0) {
            if (!shown.isEmpty()) b.append(System.lineSeparator());
            b.append(hidden).append(hidden == 1 ? " more disk is" : " more disks are")
                    .append(" hidden (system, fixed or loop disks): polyboot devices --all shows them").append(System.lineSeparator());
        }
        return b.toString();
    }

    /** "/dev/sdb: 14.9 GiB, usb, removable, "SanDisk Cruzer Blade"". */
    public static String heading(DeviceInfo d) {
        return String.format(Locale.ROOT, "%s: %s, %s, %s%s", d.path(), Bytes.human(d.sizeBytes()), d.transport().id(),
                d.removable() ? "removable" : "not removable", d.displayModel().isEmpty() ? "" : ", \"" + d.displayModel() + "\"");
    }

    /** What is on the disk: one "holds" line, one line per partition, a note. Two-space indent. */
    public static String contents(DeviceInfo d) {
        StringBuilder b = new StringBuilder("  holds: ").append(holds(d)).append(System.lineSeparator());
        for (PartitionSummary p : d.partitions()) {
            b.append(String.format(Locale.ROOT, "  %-16s %10s  %s", p.path(), Bytes.human(p.sizeBytes()), volume(p.fileSystem() == null
                    ? null : p.fileSystem().display(), p.label())).stripTrailing());
            if (!p.mountPoints().isEmpty()) b.append("  mounted at ").append(String.join(", ", p.mountPoints()));
            b.append(System.lineSeparator());
        }
        if (d.note() != null) b.append("  note: ").append(d.note()).append(System.lineSeparator());
        return b.toString();
    }

    private static String holds(DeviceInfo d) {
        String table = d.partitionTable() == null ? "" : " (" + ("none".equals(d.partitionTable()) ? "no partition table"
                : d.partitionTable().toUpperCase(Locale.ROOT)) + ")";
        String whole = d.fileSystem() == null ? "" : ", " + volume(d.fileSystem().display(), d.label()) + " on the whole disk";
        return switch (d.content()) {
            case POLYBOOT -> "polyboot " + (d.version() == null ? "(version unknown)" : d.version()) + table;
            case VENTOY -> "Ventoy " + (d.version() == null ? "(version unknown)" : d.version()) + table;
            case BLANK -> "blank: no partition table, no file system";
            case OTHER -> d.partitions().isEmpty() && d.fileSystem() != null
                    ? volume(d.fileSystem().display(), d.label()) + " on the whole disk" + table
                    : (d.partitions().size() == 1 ? "1 partition" : d.partitions().size() + " partitions") + table + whole;
            case UNKNOWN -> "unknown (not readable)";
        };
    }

    private static String volume(String fs, String label) {
        if (fs == null) return label == null ? "" : "\"" + label + "\"";
        return label == null ? fs : fs + " \"" + label + "\"";
    }
}
