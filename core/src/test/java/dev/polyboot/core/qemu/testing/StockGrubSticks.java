package dev.polyboot.core.qemu.testing;

import static org.junit.jupiter.api.Assertions.fail;

import dev.polyboot.formats.testing.Tools;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

/**
 * Tiny bootable sticks made only with stock Debian tools (grub-mkimage, sfdisk, mkfs.fat,
 * mtools, tar) and none of our code, so boot tests have images whose correctness does not
 * depend on what they test. The GRUB config sits in a memdisk inside the GRUB image and runs in
 * normal mode, so it may use menus, {@code if} and the like.
 */
public final class StockGrubSticks {
    static final String GRUB_LIB = "/usr/lib/grub";
    /** Stock modules the configs in our tests use (grub-mkimage adds their dependencies). */
    static final List<String> MODULES = List.of("normal", "memdisk", "tar", "serial", "terminal", "terminfo",
            "echo", "sleep", "configfile", "test", "halt", "reboot", "part_msdos", "fat");
    // memdisk holds the real config; the embedded one runs in GRUB's rescue parser: plain commands only.
    static final String EARLY_CONFIG = "set root=(memdisk)\nset prefix=(memdisk)/\nnormal (memdisk)/grub.cfg\n";

    static final long SECTOR = 512;
    static final long STICK_BYTES = 32L << 20;
    static final long PARTITION_START_LBA = 2048;
    // boot.img fields that grub-bios-setup fills in (DESIGN §3).
    static final int BOOT_IMG_CODE_BYTES = 440;
    static final int BOOT_IMG_KERNEL_SECTOR = 0x5c;
    static final int BOOT_IMG_DRIVE_CHECK = 0x66;
    static final int CORE_BLOCKLIST_START = 0x1f4;
    static final long CORE_LBA = 1;

    private StockGrubSticks() {}

    /** MBR stick with one FAT ESP holding {@code /EFI/BOOT/BOOTX64.EFI} (x86_64-efi GRUB). */
    public static Path uefi(Path dir, String grubCfg) throws IOException {
        Tools.require("grub-mkimage");
        BootHarness.requireFile(Path.of(GRUB_LIB, "x86_64-efi", "memdisk.mod"), "grub-efi-amd64-bin");
        Path efi = dir.resolve("BOOTX64.EFI");
        mkimage(dir, "x86_64-efi", grubCfg, efi);
        return esp(dir.resolve("uefi-stick.img"), Map.of("/EFI/BOOT/BOOTX64.EFI", efi));
    }

    /**
     * MBR stick with one FAT16 ESP (type 0xEF, from LBA 2048) holding {@code files}: path on
     * the ESP ("/EFI/BOOT/BOOTX64.EFI") to host file.
     */
    public static Path esp(Path image, Map<String, Path> files) throws IOException {
        Tools.require("mkfs.fat");
        Tools.require("mcopy");
        Path stick = partitioned(image, "ef");
        long sectors = STICK_BYTES / SECTOR - PARTITION_START_LBA;
        String fat = stick + "@@" + PARTITION_START_LBA * SECTOR;
        Tools.run(List.of("mkfs.fat", "-F", "16", "-n", "ESP", "--offset", Long.toString(PARTITION_START_LBA),
                stick.toString(), Long.toString(sectors * SECTOR / 1024))).assertOk();
        Set<String> made = new TreeSet<>();
        for (Map.Entry<String, Path> f : new TreeMap<>(files).entrySet()) {
            String path = f.getKey();
            for (int slash = path.indexOf('/', 1); slash > 0; slash = path.indexOf('/', slash + 1)) {
                String parent = path.substring(0, slash);
                if (made.add(parent)) Tools.run(List.of("mmd", "-i", fat, "::" + parent)).assertOk();
            }
            Tools.run(List.of("mcopy", "-i", fat, f.getValue().toString(), "::" + path)).assertOk();
        }
        return stick;
    }

    /** MBR stick with i386-pc GRUB: boot.img in LBA 0, core.img from LBA 1 (the post-MBR gap). */
    public static Path bios(Path dir, String grubCfg) throws IOException {
        Tools.require("grub-mkimage");
        Path bootImg = Path.of(GRUB_LIB, "i386-pc", "boot.img");
        BootHarness.requireFile(bootImg, "grub-pc-bin");
        Path core = dir.resolve("core.img");
        mkimage(dir, "i386-pc", grubCfg, core);
        Path stick = partitioned(dir.resolve("bios-stick.img"), "c");
        byte[] coreBytes = Files.readAllBytes(core);
        if (coreBytes.length > (PARTITION_START_LBA - CORE_LBA) * SECTOR) fail("core.img too big for the gap: " + coreBytes.length);
        ByteBuffer boot = ByteBuffer.wrap(Files.readAllBytes(bootImg)).order(ByteOrder.LITTLE_ENDIAN);
        boot.putLong(BOOT_IMG_KERNEL_SECTOR, CORE_LBA);
        boot.put(BOOT_IMG_DRIVE_CHECK, (byte) 0x90).put(BOOT_IMG_DRIVE_CHECK + 1, (byte) 0x90);
        ByteBuffer.wrap(coreBytes).order(ByteOrder.LITTLE_ENDIAN).putLong(CORE_BLOCKLIST_START, CORE_LBA + 1);
        try (FileChannel ch = FileChannel.open(stick, StandardOpenOption.WRITE)) {
            ch.write(ByteBuffer.wrap(boot.array(), 0, BOOT_IMG_CODE_BYTES), 0); // the partition table stays sfdisk's
            ch.write(ByteBuffer.wrap(coreBytes), CORE_LBA * SECTOR);
        }
        return stick;
    }

    private static void mkimage(Path dir, String platform, String grubCfg, Path output) throws IOException {
        Path cfgDir = Files.createDirectories(dir.resolve(platform + "-memdisk"));
        Files.writeString(cfgDir.resolve("grub.cfg"), grubCfg);
        Path tar = dir.resolve(platform + "-memdisk.tar");
        Tools.run(List.of("tar", "-cf", tar.toString(), "-C", cfgDir.toString(), "grub.cfg")).assertOk();
        Path early = Files.writeString(dir.resolve(platform + "-early.cfg"), EARLY_CONFIG);
        List<String> cmd = new ArrayList<>(List.of("grub-mkimage", "-O", platform, "-d", GRUB_LIB + "/" + platform,
                "-p", "(memdisk)/", "-c", early.toString(), "-m", tar.toString(), "-o", output.toString()));
        cmd.addAll(MODULES);
        if (platform.equals("i386-pc")) cmd.add("biosdisk");
        Tools.run(cmd).assertOk();
    }

    /** A sparse stick image with an MBR and one bootable partition of {@code type} from LBA 2048. */
    private static Path partitioned(Path image, String type) throws IOException {
        Tools.require("sfdisk");
        try (RandomAccessFile f = new RandomAccessFile(image.toFile(), "rw")) {
            f.setLength(STICK_BYTES);
        }
        Path script = Files.writeString(image.resolveSibling(image.getFileName() + ".sfdisk"),
                "label: dos\nstart=" + PARTITION_START_LBA + ", type=" + type + ", bootable\n");
        Process p = new ProcessBuilder(Tools.find("sfdisk").toString(), "--no-reread", "--no-tell-kernel", image.toString())
                .redirectInput(script.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        try {
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) fail("sfdisk failed:\n" + out);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fail("interrupted", e);
        }
        return image;
    }
}
