package dev.polyboot.core.boot;

import dev.polyboot.formats.grub.BiosBootCode;
import static org.junit.jupiter.api.Assertions.fail;

import dev.polyboot.core.payload.Payload;
import dev.polyboot.formats.testing.LoopDevice;
import dev.polyboot.formats.testing.Tools;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A 1 GiB MBR test stick made with independent tools only (sfdisk, mkfs.exfat, exfat-fuse, mkfs.fat, mtools,
 * xorriso) and our boot files (EspContents, BiosBootCode): nothing from the formats module writes it, so the
 * boot tests prove the menu, not our file systems. Layout as DESIGN section 2: exFAT data partition 1 from
 * 1 MiB (type 7, active), FAT16 boot partition {@code PBOOT} (type EF, 64 MiB) at the end.
 */
final class TestStick {
    static final long SIZE = 1L << 30;
    static final long DATA_START_LBA = 2048;
    static final long ESP_SECTORS = 64L * 2048;
    static final long ESP_START_LBA = SIZE / 512 - ESP_SECTORS;
    static final long DATA_SECTORS = ESP_START_LBA - DATA_START_LBA;
    static final long CORE_LBA = 1;

    static final Path MEMTEST_ISO = Path.of("/usr/lib/memtest86+/memtest86+x64.iso");
    static final Path IPXE_ISO = Path.of("/usr/lib/ipxe/ipxe.iso");
    static final Path RESCUE_ISO = Path.of("/usr/lib/grub-rescue/grub-rescue-cdrom.iso");

    /** Menu titles as GRUB shows them for this stick (measured; MenuScan must agree). */
    static final List<String> MENU = List.of("memtest86+x64.iso", "memtest.efi", "tools/grub-rescue-cdrom.iso",
            "a/win 10;$x.wim", "tools/net/ipxe.iso", "a/b/c/deep.ISO", "a/b/c/big.iso");

    final Path image;
    final Path dataPartition;

    private TestStick(Path image, Path dataPartition) {
        this.image = image;
        this.dataPartition = dataPartition;
    }

    static TestStick build(Path dir, MenuOptions options) throws IOException {
        for (String t : List.of("sfdisk", "mkfs.exfat", "mount.exfat-fuse", "mkfs.fat", "mmd", "mcopy", "xorriso", "losetup", "umount")) Tools.require(t);
        Path image = dir.resolve("stick.img");
        Path data = dir.resolve("data.img");
        Path esp = dir.resolve("esp.img");
        sparse(image, SIZE);
        Path script = Files.writeString(dir.resolve("sfdisk.txt"), "label: dos\n"
                + "start=" + DATA_START_LBA + ", size=" + DATA_SECTORS + ", type=7, bootable\n"
                + "start=" + ESP_START_LBA + ", size=" + ESP_SECTORS + ", type=ef\n");
        runWithInput(script, "sfdisk", "-q", image.toString());

        sparse(data, DATA_SECTORS * 512);
        Tools.run("mkfs.exfat", "-L", "POLYBOOT", data.toString()).assertOk();
        fillData(data, dir.resolve("mnt"));

        Tools.run("mkfs.fat", "-F", "16", "-n", Payload.BOOT_LABEL, "-C", esp.toString(), Long.toString(ESP_SECTORS / 2)).assertOk();
        Payload payload = Payload.load();
        Path staged = Files.createDirectories(dir.resolve("esp-files"));
        List<String> made = new ArrayList<>();
        for (Map.Entry<String, byte[]> f : EspContents.files(payload, options).entrySet()) {
            String parent = f.getKey().substring(0, f.getKey().lastIndexOf('/'));
            StringBuilder p = new StringBuilder();
            for (String part : parent.substring(1).split("/")) {
                p.append('/').append(part);
                if (!made.contains(p.toString())) {
                    Tools.run("mmd", "-i", esp.toString(), "::" + p).assertOk();
                    made.add(p.toString());
                }
            }
            Path local = Files.write(staged.resolve(f.getKey().replace('/', '_')), f.getValue());
            Tools.run("mcopy", "-i", esp.toString(), local.toString(), "::" + f.getKey()).assertOk();
        }

        copyInto(image, data, DATA_START_LBA * 512);
        copyInto(image, esp, ESP_START_LBA * 512);
        try (FileChannel ch = FileChannel.open(image, StandardOpenOption.WRITE)) {
            ch.write(java.nio.ByteBuffer.wrap(BiosBootCode.bootCode(payload.bootImg(), CORE_LBA)), 0);
            ch.write(java.nio.ByteBuffer.wrap(BiosBootCode.coreImage(payload.coreImg(), CORE_LBA)), CORE_LBA * 512);
        }
        Files.delete(esp);
        return new TestStick(image, data);
    }

    /** Creation order matters: it is the on-disk directory order GRUB lists in. */
    private static void fillData(Path data, Path mnt) throws IOException {
        Files.createDirectories(mnt);
        try (LoopDevice loop = LoopDevice.attach(data, 512)) {
            Tools.run("mount.exfat-fuse", loop.node().toString(), mnt.toString()).assertOk();
            try {
                Files.createDirectories(mnt.resolve("tools/net"));
                Files.createDirectories(mnt.resolve("a/b/c/d"));
                Files.copy(MEMTEST_ISO, mnt.resolve("memtest86+x64.iso"));
                Tools.run("xorriso", "-osirrox", "on", "-indev", MEMTEST_ISO.toString(),
                        "-extract", "/EFI/BOOT/bootx64.efi", mnt.resolve("memtest.efi").toString()).assertOk();
                Files.copy(IPXE_ISO, mnt.resolve("tools/net/ipxe.iso"));
                Files.copy(RESCUE_ISO, mnt.resolve("tools/grub-rescue-cdrom.iso"));
                Files.writeString(mnt.resolve("a/b/c/deep.ISO"), "not an ISO");
                Files.writeString(mnt.resolve("a/b/c/d/toodeep.iso"), "below the scan depth");
                Files.writeString(mnt.resolve(".hidden.iso"), "hidden");
                Files.writeString(mnt.resolve("a/win 10;$x.wim"), "not a WIM");
                Files.createDirectories(mnt.resolve("folder.iso"));
                Files.writeString(mnt.resolve("readme.txt"), "not listed");
                // One byte over the BIOS memdisk limit; exfat-fuse fills the clusters with zeros.
                try (RandomAccessFile big = new RandomAccessFile(mnt.resolve("a/b/c/big.iso").toFile(), "rw")) {
                    big.setLength(BootMenu.BIOS_MEMDISK_LIMIT_BYTES + 1);
                }
            } finally {
                Tools.run("umount", mnt.toString()).assertOk();
            }
        }
    }

    private static void sparse(Path file, long size) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.setLength(size);
        }
    }

    private static void copyInto(Path target, Path source, long offset) throws IOException {
        try (FileChannel out = FileChannel.open(target, StandardOpenOption.WRITE);
             FileChannel in = FileChannel.open(source, StandardOpenOption.READ)) {
            long done = 0;
            long size = in.size();
            while (done < size) done += in.transferTo(done, size - done, out.position(offset + done));
        }
    }

    private static void runWithInput(Path stdin, String... command) throws IOException {
        Process p = new ProcessBuilder(command).redirectInput(stdin.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        try {
            if (p.waitFor() != 0) fail(String.join(" ", command) + " failed: " + out);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }
}
