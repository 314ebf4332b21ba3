package dev.polyboot.core.device;

import dev.polyboot.core.install.TestSticks;
import dev.polyboot.core.layout.PartitionStyle;
import dev.polyboot.formats.exfat.ExfatFormatOptions;
import dev.polyboot.formats.exfat.ExfatFormatter;
import dev.polyboot.formats.fat.FatFormatOptions;
import dev.polyboot.formats.fat.FatFormatter;
import dev.polyboot.formats.fat.FatVolume;
import dev.polyboot.formats.gpt.GptPartition;
import dev.polyboot.formats.gpt.GptTable;
import dev.polyboot.formats.gpt.GptTypes;
import dev.polyboot.formats.gpt.GptWriter;
import dev.polyboot.formats.io.BlockDevice;
import dev.polyboot.formats.io.FileBlockDevice;
import dev.polyboot.formats.io.SliceBlockDevice;
import dev.polyboot.formats.mbr.MbrBuilder;
import dev.polyboot.formats.mbr.MbrCodec;
import dev.polyboot.formats.mbr.MbrPartitionSpec;
import dev.polyboot.formats.part.PartitionInfo;
import dev.polyboot.formats.part.PartitionTables;
import dev.polyboot.formats.testing.Tools;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.UUID;

/**
 * A whole fake machine under one directory, as {@link DeviceLister#under} reads it: ROOT/sys (devices where the
 * kernel puts them, class/block, dev/block), ROOT/dev (sparse image files standing in for the disks) and
 * ROOT/proc (mountinfo, swaps). The disks:
 * <ul>
 * <li>sda: SATA SSD, GPT, ESP (FAT16 "EFI") + ext4 "system"; / and /boot/efi are mounted from it</li>
 * <li>sdb: USB stick, removable, polyboot 0.1.0-test (MBR)</li>
 * <li>sdc: USB stick, removable, Ventoy 1.0.99 (exFAT "Ventoy" + 32 MiB FAT16 "VTOYEFI")</li>
 * <li>sdd: USB disk that says it is not removable, blank</li>
 * <li>loop0: loop device over a FAT16 volume "SCRATCH" without partition table</li>
 * <li>nvme0n1: NVMe disk, GPT, ext4 "home" + swap "swap"</li>
 * </ul>
 * Needs mkfs.ext4 and mkswap (the ext and swap volumes are made by the real tools).
 */
public final class FakeMachine {
    public static final long GIB = 1L << 30;
    public static final long MIB = 1L << 20;
    private static final String PCI = "devices/pci0000:00/";
    private static final UUID LINUX_SWAP = dev.polyboot.formats.gpt.Guids.parse("0657FD6D-A4AB-43C4-84E5-0933C84B4F4F");
    private final Path root;

    private FakeMachine(Path root) {
        this.root = root;
    }

    /** Builds the machine in {@code dir} (an empty directory) and returns its root. */
    public static Path build(Path dir) throws Exception {
        Tools.require("mkfs.ext4");
        Tools.require("mkswap");
        FakeMachine m = new FakeMachine(dir);
        Files.createDirectories(dir.resolve("dev"));
        Path tmp = Files.createDirectories(dir.resolve("tmp"));

        Path sda = m.image("sda", 8 * GIB);
        try (FileBlockDevice dev = FileBlockDevice.open(sda, false)) {
            gpt(dev, List.of(new long[] {2048, 256 * MIB / 512}, new long[] {2048 + 256 * MIB / 512, 64 * MIB / 512}),
                    List.of(GptTypes.EFI_SYSTEM, GptTypes.LINUX_FILESYSTEM), List.of("EFI system", "root"));
            FatFormatter.format(new SliceBlockDevice(dev, MIB, 256 * MIB),
                    FatFormatOptions.defaults("EFI", 0x1234ABCDL, TestSticks.CLOCK).withHiddenSectors(2048));
        }
        copyInto(sda, MIB + 256 * MIB, tool(tmp, "system.ext4", 64 * MIB, "mkfs.ext4", "-q", "-F", "-L", "system",
                "-U", "11111111-2222-3333-4444-555555555555"));
        m.disk(PCI + "0000:00:17.0/ata1/host0/target0:0:0/0:0:0:0/block/sda", "sda", "8:0", sda, false, false, "ATA", "Samsung SSD 870");

        Path sdb = m.root.resolve("dev/sdb");
        TestSticks.install(sdb, 2 * GIB, PartitionStyle.MBR, 7);
        m.disk(PCI + "0000:00:14.0/usb2/2-1/2-1:1.0/host6/target6:0:0/6:0:0:0/block/sdb", "sdb", "8:16", sdb, true, true, "SanDisk", "Cruzer Blade");

        Path sdc = m.image("sdc", 4 * GIB);
        ventoy(sdc);
        m.disk(PCI + "0000:00:14.0/usb2/2-2/2-2:1.0/host7/target7:0:0/7:0:0:0/block/sdc", "sdc", "8:32", sdc, true, true, "Kingston", "DataTraveler 3.0");

        Path sdd = m.image("sdd", 1 * GIB);
        m.disk(PCI + "0000:00:14.0/usb2/2-3/2-3:1.0/host8/target8:0:0/8:0:0:0/block/sdd", "sdd", "8:48", sdd, false, true, "Generic", "Flash Disk");

        Path loop0 = m.image("loop0", 64 * MIB);
        try (FileBlockDevice dev = FileBlockDevice.open(loop0, false)) {
            FatFormatter.format(dev, FatFormatOptions.defaults("SCRATCH", 0x0BADCAFEL, TestSticks.CLOCK));
        }
        m.disk("devices/virtual/block/loop0", "loop0", "7:0", loop0, false, false, "", "");
        FakeSys.write(m.sys("devices/virtual/block/loop0/loop/backing_file"), "/home/user/scratch.img");

        Path nvme = m.image("nvme0n1", 16 * GIB);
        try (FileBlockDevice dev = FileBlockDevice.open(nvme, false)) {
            gpt(dev, List.of(new long[] {2048, 64 * MIB / 512}, new long[] {2048 + 64 * MIB / 512, 16 * MIB / 512}),
                    List.of(GptTypes.LINUX_FILESYSTEM, LINUX_SWAP), List.of("home", "swap"));
        }
        copyInto(nvme, MIB, tool(tmp, "home.ext4", 64 * MIB, "mkfs.ext4", "-q", "-F", "-L", "home",
                "-U", "66666666-2222-3333-4444-555555555555"));
        copyInto(nvme, MIB + 64 * MIB, tool(tmp, "swap.img", 16 * MIB, "mkswap", "-L", "swap",
                "-U", "77777777-2222-3333-4444-555555555555"));
        m.disk(PCI + "0000:00:1d.0/0000:3d:00.0/nvme/nvme0/nvme0n1", "nvme0n1", "259:0", nvme, false, false, "", "WD Blue SN570 1TB");

        Path self = Files.createDirectories(dir.resolve("proc/self"));
        Files.writeString(self.resolve("mountinfo"), String.join("\n",
                "22 1 8:2 / / rw,relatime shared:1 - ext4 /dev/sda2 rw",
                "23 22 0:21 / /proc rw,nosuid shared:2 - proc proc rw",
                "24 22 8:1 / /boot/efi rw,relatime shared:3 - vfat /dev/sda1 rw",
                "25 22 0:30 / /tmp rw shared:4 - tmpfs tmpfs rw", ""));
        Files.writeString(dir.resolve("proc/swaps"), "Filename\t\t\t\tType\t\tSize\t\tUsed\t\tPriority\n");
        Files.walk(tmp).sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        return dir;
    }

    private Path image(String name, long size) throws IOException {
        Path p = root.resolve("dev").resolve(name);
        FileBlockDevice.createSparse(p, size).close();
        return p;
    }

    private Path sys(String rel) {
        return root.resolve("sys").resolve(rel);
    }

    /** The disk's sysfs directory and links, its partitions as the kernel would read them from the image. */
    private void disk(String devPath, String name, String majMin, Path image, boolean removable, boolean rotational,
                      String vendor, String model) throws IOException {
        Path dir = sys(devPath);
        FakeSys.write(dir.resolve("dev"), majMin);
        FakeSys.write(dir.resolve("size"), String.valueOf(Files.size(image) / 512));
        FakeSys.write(dir.resolve("removable"), removable ? "1" : "0");
        FakeSys.write(dir.resolve("queue/logical_block_size"), "512");
        FakeSys.write(dir.resolve("queue/rotational"), rotational ? "1" : "0");
        if (!vendor.isEmpty()) FakeSys.write(dir.resolve("device/vendor"), vendor);
        if (!model.isEmpty()) FakeSys.write(dir.resolve("device/model"), model);
        link(name, majMin, dir);
        int major = Integer.parseInt(majMin.split(":")[0]);
        int minor = Integer.parseInt(majMin.split(":")[1]);
        try (BlockDevice dev = FileBlockDevice.open(image, true)) {
            for (PartitionInfo p : PartitionTables.read(dev).partitions()) {
                String pname = Character.isDigit(name.charAt(name.length() - 1)) ? name + "p" + p.number() : name + p.number();
                Path pdir = dir.resolve(pname);
                String pmm = major + ":" + (minor + p.number());
                FakeSys.write(pdir.resolve("dev"), pmm);
                FakeSys.write(pdir.resolve("partition"), String.valueOf(p.number()));
                FakeSys.write(pdir.resolve("start"), String.valueOf(p.startByte() / 512));
                FakeSys.write(pdir.resolve("size"), String.valueOf(p.sizeBytes() / 512));
                link(pname, pmm, pdir);
            }
        }
    }

    private void link(String name, String majMin, Path dir) throws IOException {
        for (String d : List.of("class/block", "dev/block", "block")) Files.createDirectories(sys(d));
        Files.createSymbolicLink(sys("class/block").resolve(name), dir);
        Files.createSymbolicLink(sys("dev/block").resolve(majMin), dir);
        if (!Files.isRegularFile(dir.resolve("partition"))) Files.createSymbolicLink(sys("block").resolve(name), dir);
    }

    private static void gpt(BlockDevice dev, List<long[]> ranges, List<UUID> types, List<String> names) throws IOException {
        List<GptPartition> parts = new java.util.ArrayList<>();
        for (int i = 0; i < ranges.size(); i++) {
            long first = ranges.get(i)[0];
            parts.add(GptPartition.of(types.get(i), new UUID(0x1000 + i, 0x2000 + i), first, first + ranges.get(i)[1] - 1, 0, names.get(i)));
        }
        GptWriter.write(dev, GptTable.create(dev.size() / 512, 512, new UUID(0xABCD, 0xEF01), parts), new byte[440]);
    }

    /** Ventoy's layout as Ventoy2Disk.sh makes it (MBR): exFAT "Ventoy" to 32 MiB before the end, then "VTOYEFI". */
    public static void ventoy(Path image) throws IOException {
        try (FileBlockDevice dev = FileBlockDevice.open(image, false)) {
            long sectors = dev.size() / 512;
            long efiSectors = 32 * MIB / 512;
            long efiStart = sectors - efiSectors;
            MbrCodec.write(dev, MbrBuilder.build(new byte[440], 0x5644ABCDL, List.of(
                    new MbrPartitionSpec(2048, efiStart - 2048, 0x07, true),
                    new MbrPartitionSpec(efiStart, efiSectors, 0xEF, false))));
            ExfatFormatter.format(new SliceBlockDevice(dev, MIB, (efiStart - 2048) * 512),
                    new ExfatFormatOptions("Ventoy", 0x11223344L, java.util.Optional.empty(), 0, MIB, ExfatFormatOptions.DEFAULT_BOUNDARY_ALIGNMENT));
            BlockDevice efi = new SliceBlockDevice(dev, efiStart * 512, efiSectors * 512);
            FatFormatter.format(efi, FatFormatOptions.defaults("VTOYEFI", 0x55667788L, TestSticks.CLOCK).withHiddenSectors(efiStart));
            try (FatVolume v = FatVolume.open(efi, TestSticks.CLOCK)) {
                byte[] cfg = "set VENTOY_VERSION=\"1.0.99\"\nset VTOY_DEFAULT_MENU_MODE=0\n".getBytes(StandardCharsets.US_ASCII);
                v.mkdirs("/grub");
                v.writeFile("/grub/grub.cfg", new ByteArrayInputStream(cfg), cfg.length);
            }
        }
    }

    /** Runs a mkfs-like tool on a new sparse file of {@code size} bytes (the file name goes last). */
    private static Path tool(Path tmp, String name, long size, String... command) throws IOException {
        Path f = tmp.resolve(name);
        FileBlockDevice.createSparse(f, size).close();
        String[] cmd = java.util.Arrays.copyOf(command, command.length + 1);
        cmd[command.length] = f.toString();
        Tools.run(cmd).assertOk();
        return f;
    }

    /** Copies a volume into the image at {@code offset}, skipping zero blocks so the image stays sparse. */
    private static void copyInto(Path image, long offset, Path volume) throws IOException {
        try (FileChannel in = FileChannel.open(volume); FileChannel out = FileChannel.open(image, StandardOpenOption.WRITE)) {
            ByteBuffer b = ByteBuffer.allocate(64 * 1024);
            long pos = 0;
            while (true) {
                b.clear();
                int n = in.read(b, pos);
                if (n <= 0) break;
                b.flip();
                boolean zero = true;
                for (int i = 0; i < n && zero; i++) zero = b.get(i) == 0;
                if (!zero) {
                    while (b.hasRemaining()) out.write(b, offset + pos + b.position());
                }
                pos += n;
            }
        }
    }
}
