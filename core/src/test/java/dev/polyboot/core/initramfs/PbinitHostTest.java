package dev.polyboot.core.initramfs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.polyboot.core.payload.Payload;
import dev.polyboot.formats.testing.LoopDevice;
import dev.polyboot.formats.testing.Tools;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the real initramfs helper ({@link Payload#pbinit()}) in its {@code watch} testing mode
 * (payload/src/helper/README.md) against sticks this test makes with independent tools (sfdisk, mkfs.exfat,
 * tune.exfat, exfat-fuse, xorriso) and attaches as real loop devices. Every loop and device-mapper device made
 * here, by the test or by the helper, is removed again in {@link #cleanUp()}; the helper only reads the first
 * sector of other block devices. Each stick gets a random exFAT serial so that nothing else on the host matches.
 */
class PbinitHostTest {
    private static final long MIB = 1 << 20;
    private static final long VOLUME_BYTES = 24 * MIB;
    private static final Pattern DEVICE = Pattern.compile("/dev/(loop\\d+|dm-\\d+)");

    @TempDir
    Path tmp;

    private final Deque<Runnable> cleanup = new ArrayDeque<>();
    private final SecureRandom random = new SecureRandom();
    private Path pbinit;
    private int files;

    /** A stick attached as a loop device with its partition device {@code /dev/loopNp1} (the exFAT data partition). */
    private record Stick(LoopDevice disk, Path image, Path partition, String serial) {
        String partName() {
            return partition.getFileName().toString();
        }
    }

    private record Run(int exit, String stdout, String stderr, Path links) {
        String device() {
            Matcher m = DEVICE.matcher(stdout.strip());
            if (exit != 0 || !m.matches()) fail("pbinit made no device: exit " + exit + "\nstdout: " + stdout + "\nstderr: " + stderr);
            return m.group(1);
        }
    }

    @BeforeEach
    void setUp() throws IOException {
        for (String t : List.of("losetup", "partx", "sfdisk", "mkfs.exfat", "tune.exfat", "mount.exfat-fuse", "umount", "xorriso")) {
            Tools.require(t);
        }
        pbinit = tmp.resolve("pbinit");
        Files.write(pbinit, Payload.load().pbinit());
        assertThat(pbinit.toFile().setExecutable(true)).isTrue();
    }

    @AfterEach
    void cleanUp() {
        List<Throwable> failures = new ArrayList<>();
        while (!cleanup.isEmpty()) {
            try {
                cleanup.pop().run();
            } catch (Throwable t) {
                failures.add(t);
            }
        }
        if (!failures.isEmpty()) fail("cleanup failed: " + failures, failures.get(0));
    }

    @Test
    void contiguousExtentsBecomeAReadOnlyLoopDeviceOverThePartition() throws IOException {
        byte[] iso = iso("PB TEST");
        Path volume = volume("/debian.iso", iso);
        long offset = find(Files.readAllBytes(volume), iso);
        assertThat(offset).as("exfat-fuse wrote the ISO contiguously").isNotNegative();
        Stick stick = attach(volume, false);

        Run run = pbinit("polyboot.fsuuid=" + stick.serial() + " polyboot.part=" + partuuid(stick)
                + " polyboot.size=" + VOLUME_BYTES + " polyboot.ext=" + offset + "+" + iso.length
                + " polyboot.fp=" + fingerprint(iso) + " polyboot.label=PB\\x20TEST polyboot.wait=10");

        String dev = run.device();
        assertThat(dev).startsWith("loop");
        assertThat(run.stderr()).contains("polyboot: ISO PB\\x20TEST is /dev/" + dev + " (loop, 1 extent)");
        assertThat(read(Path.of("/dev", dev))).as("device content").isEqualTo(iso);
        JsonNode loop = loopDevices().stream().filter(n -> n.path("name").asText().equals("/dev/" + dev)).findFirst().orElseThrow();
        assertThat(loop.path("back-file").asText()).isEqualTo(stick.partition().toString());
        assertThat(loop.path("offset").asLong()).isEqualTo(offset);
        assertThat(loop.path("sizelimit").asLong()).isEqualTo(iso.length);
        assertThat(loop.path("ro").asBoolean()).isTrue();
        assertThat(loop.path("autoclear").asBoolean()).isFalse();
        assertThat(Files.readSymbolicLink(run.links().resolve("polyboot/iso"))).hasToString("../" + dev);
        assertThat(Files.readSymbolicLink(run.links().resolve("disk/by-label/PB\\x20TEST"))).hasToString("../../" + dev);
        // loop does not claim the partition: the live system can still mount the stick
        try (var holders = Files.list(Path.of("/sys/class/block", stick.partName(), "holders"))) {
            assertThat(holders).isEmpty();
        }
    }

    @Test
    void aWrongFingerprintIsRefusedAndTheDeviceRemoved() throws IOException {
        byte[] iso = iso("PBWRONG");
        Path volume = volume("/a.iso", iso);
        long offset = find(Files.readAllBytes(volume), iso);
        assertThat(offset).as("exfat-fuse wrote the ISO contiguously").isNotNegative();
        Stick stick = attach(volume, false);
        String wrong = fingerprint(iso("PBOTHER"));

        Run run = pbinit("polyboot.fsuuid=" + stick.serial() + " polyboot.ext=" + offset + "+" + iso.length
                + " polyboot.fp=" + wrong + " polyboot.label=PBWRONG polyboot.wait=10");

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.stdout()).isEmpty();
        assertThat(run.stderr()).startsWith("polyboot: ISO PBWRONG: fingerprint " + wrong + " expected, " + fingerprint(iso) + " found");
        assertThat(loopsOver(stick.partition())).as("loop devices left over the partition").isEmpty();
        assertThat(run.links().resolve("polyboot")).doesNotExist();
    }

    @Test
    void twoIdenticalSticksAreRefusedNamingBoth() throws IOException {
        byte[] iso = iso("PBTWIN");
        Path volume = volume("/a.iso", iso);
        long offset = find(Files.readAllBytes(volume), iso);
        assertThat(offset).as("exfat-fuse wrote the ISO contiguously").isNotNegative();
        Stick first = attach(volume, false);
        Stick copy = copyOf(first);

        Run run = pbinit("polyboot.fsuuid=" + first.serial() + " polyboot.part=" + partuuid(first)
                + " polyboot.ext=" + offset + "+" + iso.length + " polyboot.fp=" + fingerprint(iso) + " polyboot.wait=10");

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.stderr()).startsWith("polyboot: stick " + first.serial() + ": found on 2 devices")
                .contains(first.partName()).contains(copy.partName());
        assertThat(loopsOver(first.partition())).isEmpty();
        assertThat(loopsOver(copy.partition())).isEmpty();
    }

    @Test
    void aHandCopiedIsoIsFoundByItsPathOnAGptStick() throws IOException {
        byte[] iso = iso("HANDCOPY");
        Path volume = volume("/Images/Linux ISOs/My ISO #1.iso", iso);
        Stick stick = attach(volume, true);
        String path = "/images/linux%20isos/my%20ISO%20%231.iso"; // ASCII case-insensitive, as exFAT

        Run run = pbinit("polyboot.fsuuid=" + stick.serial().toLowerCase() + " polyboot.part=" + partuuid(stick).toUpperCase()
                + " polyboot.iso=" + path + " polyboot.label=HANDCOPY polyboot.wait=10");

        String dev = run.device();
        assertThat(run.stderr()).contains("polyboot: ISO /images/linux isos/my ISO #1.iso is /dev/" + dev + " (loop, 1 extent)");
        assertThat(read(Path.of("/dev", dev))).isEqualTo(iso);
        assertThat(Files.readSymbolicLink(run.links().resolve("disk/by-label/HANDCOPY"))).hasToString("../../" + dev);
        detach(dev);

        Run otherLabel = pbinit("polyboot.fsuuid=" + stick.serial() + " polyboot.iso=" + path + " polyboot.label=OTHER polyboot.wait=10");
        assertThat(otherLabel.exit()).isEqualTo(1);
        assertThat(otherLabel.stderr()).contains("volume id 'HANDCOPY' is not polyboot.label 'OTHER'");
        assertThat(loopsOver(stick.partition())).isEmpty();

        Run missing = pbinit("polyboot.fsuuid=" + stick.serial() + " polyboot.iso=/images/nothere.iso polyboot.wait=10");
        assertThat(missing.exit()).isEqualTo(1);
        assertThat(missing.stderr()).contains("polyboot: ISO /images/nothere.iso: 'nothere.iso' not found in '/images'");
    }

    @Test
    void aFragmentedIsoNeedsDeviceMapper() throws IOException {
        byte[] iso = iso("FRAGMENT");
        Path volume = fragmentedVolume(iso);
        assertThat(find(Files.readAllBytes(volume), iso)).as("the file is not contiguous").isNegative();
        Stick stick = attach(volume, false);

        Run run = pbinit("polyboot.fsuuid=" + stick.serial() + " polyboot.iso=/frag.iso polyboot.fp=" + fingerprint(iso)
                + " polyboot.wait=10");

        if (deviceMapperWorks()) {
            String dev = run.device();
            assertThat(dev).startsWith("dm-");
            Matcher m = Pattern.compile("\\(dm, (\\d+) extents\\)").matcher(run.stderr());
            assertThat(m.find()).as(run.stderr()).isTrue();
            int extents = Integer.parseInt(m.group(1));
            assertThat(extents).isGreaterThan(1);
            assertThat(read(Path.of("/dev", dev))).isEqualTo(iso);
            String table = Tools.run("dmsetup", "table", "polyboot-iso").assertOk().stdout();
            assertThat(table.lines()).hasSize(extents).allMatch(l -> l.contains(" linear " + devno(stick.partition()) + " "));
            assertThat(Tools.run("dmsetup", "info", "-c", "--noheadings", "-o", "attr", "polyboot-iso").assertOk().stdout()).contains("r");
        } else {
            // this kernel has no device-mapper: the helper says so and makes nothing
            assertThat(run.exit()).isEqualTo(1);
            assertThat(run.stderr()).matches("(?s)polyboot: ISO /frag\\.iso: \\d+ extents on " + stick.partName()
                    + ": device-mapper is not available \\(.*\\)\n");
            assertThat(loopsOver(stick.partition())).isEmpty();
        }
    }

    @Test
    void aMissingStickIsReportedAfterPolybootWait() throws IOException {
        long start = System.nanoTime();
        Run nothing = pbinit("polyboot.fsuuid=" + serial() + " polyboot.ext=1048576+1048576 polyboot.wait=2");
        long seconds = (System.nanoTime() - start) / 1_000_000_000L;
        assertThat(nothing.exit()).isEqualTo(1);
        assertThat(nothing.stderr()).matches("polyboot: stick [0-9A-F]{4}-[0-9A-F]{4}: not found within 2 s \\(polyboot\\.wait\\)\n");
        assertThat(seconds).isBetween(2L, 8L);

        // the right serial on a partition with another PARTUUID is no match either, and the message says why
        Stick stick = attach(volume("/a.iso", iso("NEARMISS")), false);
        Run other = pbinit("polyboot.fsuuid=" + stick.serial() + " polyboot.part=0badf00d-01 polyboot.ext=1048576+1048576 polyboot.wait=2");
        assertThat(other.exit()).isEqualTo(1);
        assertThat(other.stderr()).contains("not found within 2 s")
                .contains(stick.partName() + " has this serial but PARTUUID " + partuuid(stick) + ", not 0badf00d-01");
    }

    // ---- the helper

    @Test
    void aPersistenceFileBecomesAWritableDmDeviceOnlyAfterItsChecksAndBeforeTheIso() throws IOException {
        Tools.require("mke2fs");
        byte[] iso = iso("PBPERS");
        byte[] pers = persistenceFile("persistence");
        Path volume = newVolume(null);
        withMounted(volume, mnt -> {
            Files.write(mnt.resolve("live.iso"), iso);
            Files.createDirectories(mnt.resolve("persistence"));
            Files.write(mnt.resolve("persistence/live data.dat"), pers);
        });
        Stick stick = attach(volume, false);

        Run run = pbinit("polyboot.fsuuid=" + stick.serial() + " polyboot.iso=/live.iso polyboot.fp=" + fingerprint(iso)
                + " persistence polyboot.pfile=/persistence/live%20data.dat polyboot.pfp=" + persistenceFingerprint(pers)
                + " polyboot.wait=10");

        assertThat(run.exit()).as(run.stderr()).isZero();
        // the ISO stays read-only on its loop device
        assertThat(run.stderr()).contains("polyboot: ISO /live.iso is /dev/loop");
        if (!deviceMapperWorks()) {
            // this kernel has no device-mapper (the boot tests' Debian kernel has): every check passed, only dm is missing
            assertThat(run.stderr()).contains("polyboot: persistence /persistence/live data.dat: device-mapper is not available");
            assertThat(run.links().resolve("polyboot/persistence")).doesNotExist();
            org.junit.jupiter.api.Assumptions.abort("device-mapper is not usable here: the checks passed, the mapping is not tested");
        }
        Matcher m = Pattern.compile("polyboot: persistence /persistence/live data.dat is /dev/(dm-\\d+) \\(dm, read-write\\)").matcher(run.stderr());
        assertThat(m.find()).as(run.stderr()).isTrue();
        String dm = m.group(1);
        assertThat(run.stderr().indexOf("polyboot: persistence")).as("persistence before the ISO").isLessThan(run.stderr().indexOf("polyboot: ISO"));
        assertThat(Files.readSymbolicLink(run.links().resolve("polyboot/persistence"))).hasToString("../" + dm);
        assertThat(read(Path.of("/dev", dm))).as("device content").isEqualTo(pers);
        assertThat(Tools.run("blockdev", "--getro", "/dev/" + dm).assertOk().stdout().strip()).as("writable").isEqualTo("0");
        assertThat(Tools.run("blkid", "-p", "-s", "LABEL", "-o", "value", "/dev/" + dm).assertOk().stdout().strip()).isEqualTo("persistence");
        assertThat(Tools.run("dmsetup", "table", "polyboot-persistence").assertOk().stdout()).contains("linear " + devno(stick.partition()) + " ");
    }

    @Test
    void aPersistenceFileReplacedByAnotherOfTheSameSizeIsNeverMapped() throws IOException {
        Tools.require("mke2fs");
        byte[] iso = iso("PBREPL");
        byte[] original = persistenceFile("persistence");
        byte[] other = persistenceFile("persistence"); // same size, same layout, its own id and UUID
        assertThat(other).hasSameSizeAs(original);
        Path volume = newVolume(null);
        withMounted(volume, mnt -> {
            Files.write(mnt.resolve("live.iso"), iso);
            Files.write(mnt.resolve("p.dat"), other);
        });
        Stick stick = attach(volume, false);
        byte[] before = read(stick.partition());

        Run run = pbinit("polyboot.fsuuid=" + stick.serial() + " polyboot.iso=/live.iso polyboot.fp=" + fingerprint(iso)
                + " polyboot.pfile=/p.dat polyboot.pfp=" + persistenceFingerprint(original) + " polyboot.wait=10");

        assertThat(run.stderr()).contains("polyboot: persistence /p.dat: fingerprint " + persistenceFingerprint(original) + " expected, "
                + persistenceFingerprint(other) + " found: the file was replaced since polyboot persistence create; booting without persistence");
        if (deviceMapperWorks()) {
            assertThat(Tools.run("dmsetup", "info", "polyboot-persistence").exitCode()).as("no persistence device").isNotZero();
        }
        assertThat(run.links().resolve("polyboot/persistence")).doesNotExist();
        assertThat(run.exit()).as("the ISO is still mapped").isZero();
        assertThat(read(stick.partition())).as("the stick is unchanged").isEqualTo(before);
    }

    @Test
    void aPersistenceFileWithoutItsFingerprintIsAParameterError() throws IOException {
        Run run = pbinit("polyboot.fsuuid=1234-5678 polyboot.iso=/a.iso polyboot.pfile=/p.dat polyboot.wait=1");
        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.stderr().strip()).isEqualTo("polyboot: parameters: polyboot.pfile is given without polyboot.pfp");
    }

    /**
     * An ext4 image made by mke2fs (not polyboot's code) with polyboot's header written here from the README's layout:
     * "POLYBOOT-PERSIST", version 1, a random 16-byte id, the size, at byte 512.
     */
    private byte[] persistenceFile(String label) throws IOException {
        Path f = tmp.resolve("pers-" + (++files) + ".ext4");
        sparse(f, 4 * MIB);
        Tools.run("mke2fs", "-q", "-F", "-t", "ext4", "-L", label, f.toString()).assertOk();
        byte[] b = Files.readAllBytes(f);
        java.nio.ByteBuffer h = java.nio.ByteBuffer.wrap(b, 512, 512).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        h.put("POLYBOOT-PERSIST".getBytes(StandardCharsets.US_ASCII)).putInt(1);
        byte[] id = new byte[16];
        random.nextBytes(id);
        h.put(id).putLong(b.length);
        return b;
    }

    /** README "Persistence fingerprint": SHA-256 of bytes 0-1023, the ext4 UUID (1024 + 104, 16 bytes), the length (u64 LE). */
    static String persistenceFingerprint(byte[] file) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(file, 0, 1024);
            sha.update(file, 1024 + 104, 16);
            sha.update(java.nio.ByteBuffer.allocate(8).order(java.nio.ByteOrder.LITTLE_ENDIAN).putLong(file.length).array());
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private Run pbinit(String cmdline) throws IOException {
        int n = ++files;
        Path cmd = Files.writeString(tmp.resolve("cmdline-" + n), "BOOT_IMAGE=/vmlinuz quiet " + cmdline + " splash\n");
        Path links = Files.createDirectories(tmp.resolve("links-" + n));
        // not Tools.run: that looks the program up on PATH
        Path out = tmp.resolve("stdout-" + n);
        Path err = tmp.resolve("stderr-" + n);
        Process p = new ProcessBuilder(pbinit.toString(), "watch", "--cmdline", cmd.toString(), "--links", links.toString())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        try {
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor();
                fail("pbinit did not finish within 60 s: " + Files.readString(err));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
        return new Run(p.exitValue(), Files.readString(out), Files.readString(err), links);
    }

    /** README "Fingerprint": SHA-256 of the PVD and of 8 spread 4 KiB samples. */
    static String fingerprint(byte[] image) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            long length = image.length;
            sha.update(image, 32768, 2048);
            for (int i = 0; i < 8; i++) {
                long off = ((length - 4096) * i / 7) / 2048 * 2048;
                sha.update(image, (int) off, 4096);
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    // ---- sticks

    /** An ISO of a few hundred KiB of random data, so that the fingerprint's samples differ between ISOs. */
    private byte[] iso(String label) throws IOException {
        int n = ++files;
        Path dir = Files.createDirectories(tmp.resolve("iso-" + n));
        byte[] data = new byte[300_000];
        random.nextBytes(data);
        Files.write(dir.resolve("data.bin"), data);
        Path out = tmp.resolve("iso-" + n + ".iso");
        Tools.run("xorriso", "-as", "mkisofs", "-quiet", "-V", label, "-o", out.toString(), dir.toString()).assertOk();
        return Files.readAllBytes(out);
    }

    /** An exFAT volume image (random serial) holding {@code bytes} at {@code path}, written through exfat-fuse. */
    private Path volume(String path, byte[] bytes) throws IOException {
        Path volume = newVolume(null);
        withMounted(volume, mnt -> {
            Path file = mnt.resolve(path.substring(1));
            Files.createDirectories(file.getParent());
            Files.write(file, bytes);
        });
        return volume;
    }

    /** /frag.iso written in 64 KiB pieces alternating with another file's 8 KiB, on 4 KiB clusters. */
    private Path fragmentedVolume(byte[] iso) throws IOException {
        Path volume = newVolume("4k");
        withMounted(volume, mnt -> {
            try (OutputStream a = Files.newOutputStream(mnt.resolve("frag.iso"));
                 OutputStream b = Files.newOutputStream(mnt.resolve("between.bin"))) {
                for (int at = 0; at < iso.length; at += 65536) {
                    a.write(iso, at, Math.min(65536, iso.length - at));
                    a.flush();
                    b.write(new byte[8192]);
                    b.flush();
                }
            }
        });
        return volume;
    }

    private Path newVolume(String clusterSize) throws IOException {
        Path volume = tmp.resolve("volume-" + (++files) + ".img");
        sparse(volume, VOLUME_BYTES);
        List<String> mkfs = new ArrayList<>(List.of("mkfs.exfat"));
        if (clusterSize != null) mkfs.addAll(List.of("-c", clusterSize));
        mkfs.add(volume.toString());
        Tools.run(mkfs).assertOk();
        // mkfs.exfat of Debian 12 (exfatprogs 1.2.0) cannot set the serial; tune.exfat can
        Tools.run("tune.exfat", "-I", "0x" + serial().replace("-", ""), volume.toString()).assertOk();
        return volume;
    }

    private interface Fill {
        void into(Path mountPoint) throws IOException;
    }

    private void withMounted(Path volume, Fill fill) throws IOException {
        Path mnt = Files.createDirectories(tmp.resolve("mnt-" + (++files)));
        try (LoopDevice loop = LoopDevice.attach(volume, 512)) {
            Tools.run("mount.exfat-fuse", loop.node().toString(), mnt.toString()).assertOk();
            try {
                fill.into(mnt);
            } finally {
                Tools.run("umount", mnt.toString()).assertOk();
            }
        }
    }

    private static String volumeSerial(Path volume) throws IOException {
        byte[] boot = new byte[512];
        try (InputStream in = Files.newInputStream(volume)) {
            if (in.readNBytes(boot, 0, 512) != 512) fail("short volume " + volume);
        }
        int serial = (boot[100] & 0xff) | (boot[101] & 0xff) << 8 | (boot[102] & 0xff) << 16 | (boot[103] & 0xff) << 24;
        String hex = String.format("%08X", serial);
        return hex.substring(0, 4) + "-" + hex.substring(4);
    }

    private Stick attach(Path volume, boolean gpt) throws IOException {
        Path disk = tmp.resolve("disk-" + (++files) + ".img");
        sparse(disk, MIB + VOLUME_BYTES + MIB);
        String table = gpt
                ? "label: gpt\nstart=2048, size=" + VOLUME_BYTES / 512 + ", type=EBD0A0A2-B9E5-4433-87C0-68B6B72699C7\n"
                : "label: dos\nstart=2048, size=" + VOLUME_BYTES / 512 + ", type=7\n";
        sfdisk(disk, table);
        try (FileChannel out = FileChannel.open(disk, StandardOpenOption.WRITE);
             FileChannel in = FileChannel.open(volume, StandardOpenOption.READ)) {
            long done = 0;
            while (done < VOLUME_BYTES) done += in.transferTo(done, VOLUME_BYTES - done, out.position(MIB + done));
        }
        return attach(disk, volumeSerial(volume));
    }

    /** A dd copy of the stick: same partition table, same serial. */
    private Stick copyOf(Stick stick) throws IOException {
        Path copy = tmp.resolve("copy-" + (++files) + ".img");
        Files.copy(stick.image(), copy);
        return attach(copy, stick.serial());
    }

    /** Attaches a disk image; from here on cleanUp() removes the helper's devices over it and then the loop. */
    private Stick attach(Path image, String serial) {
        LoopDevice loop = LoopDevice.attach(image, 512);
        Stick stick = new Stick(loop, image, loop.partition(1), serial);
        cleanup.push(() -> {
            removeHelperDevices(stick.partition());
            loop.close();
        });
        loop.addPartitions();
        return stick;
    }

    private static void sfdisk(Path disk, String script) throws IOException {
        Tools.require("sfdisk");
        Process p = new ProcessBuilder("sfdisk", "-q", disk.toString()).redirectErrorStream(true).start();
        try (OutputStream in = p.getOutputStream()) {
            in.write(script.getBytes(StandardCharsets.US_ASCII));
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (p.waitFor() != 0) fail("sfdisk failed: " + out);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    /** PARTUUID as blkid prints it (an independent reading of the table). */
    private static String partuuid(Stick stick) {
        return Tools.run("blkid", "-p", "-s", "PART_ENTRY_UUID", "-o", "value", stick.partition().toString()).assertOk().stdout().strip();
    }

    private String serial() {
        String hex = String.format("%08X", random.nextInt());
        return hex.substring(0, 4) + "-" + hex.substring(4);
    }

    // ---- devices

    private static List<JsonNode> loopDevices() {
        try {
            String json = Tools.run("losetup", "--list", "--json").assertOk().stdout();
            JsonNode root = new ObjectMapper().readTree(json.isBlank() ? "{}" : json); // no devices: no output
            List<JsonNode> out = new ArrayList<>();
            root.path("loopdevices").forEach(out::add);
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> loopsOver(Path partition) {
        return loopDevices().stream().filter(n -> n.path("back-file").asText().equals(partition.toString()))
                .map(n -> n.path("name").asText()).toList();
    }

    private static void detach(String dev) {
        if (dev.startsWith("dm-")) Tools.run("dmsetup", "remove", "polyboot-iso").assertOk();
        else Tools.run("losetup", "-d", "/dev/" + dev).assertOk();
    }

    /** Only devices over this test's own partition: loops backed by it, and polyboot-iso/-persistence when they map it. */
    private static void removeHelperDevices(Path partition) {
        for (String loop : loopsOver(partition)) Tools.run("losetup", "-d", loop).assertOk();
        if (Tools.find("dmsetup") != null) {
            for (String name : List.of("polyboot-iso", "polyboot-persistence")) {
                Tools.Result table = Tools.run("dmsetup", "table", name);
                if (table.exitCode() == 0 && table.stdout().contains(" " + devno(partition) + " ")) {
                    Tools.run("dmsetup", "remove", "--retry", name).assertOk();
                }
            }
        }
    }

    private static String devno(Path partition) {
        try {
            return Files.readString(Path.of("/sys/class/block", partition.getFileName().toString(), "dev")).strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean deviceMapperWorks() {
        return Tools.find("dmsetup") != null && Tools.run("dmsetup", "version").exitCode() == 0;
    }

    private static byte[] read(Path device) throws IOException {
        try (InputStream in = Files.newInputStream(device)) {
            return in.readAllBytes();
        }
    }

    /** Where {@code image} starts in {@code volume} (512-byte aligned, as exFAT clusters are), or -1. */
    private static long find(byte[] volume, byte[] image) {
        byte[] pvd = Arrays.copyOfRange(image, 32768, 32768 + 2048);
        for (int at = 0; at + image.length <= volume.length; at += 512) {
            if (Arrays.equals(volume, at + 32768, at + 32768 + 2048, pvd, 0, 2048)
                    && Arrays.equals(volume, at, at + image.length, image, 0, image.length)) {
                return at;
            }
        }
        return -1;
    }

    private static void sparse(Path file, long size) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.setLength(size);
        }
    }
}
