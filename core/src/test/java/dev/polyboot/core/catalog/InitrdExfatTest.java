package dev.polyboot.core.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.polyboot.core.boot.BootRecipe;
import dev.polyboot.core.catalog.InitrdMaker.Compressor;
import dev.polyboot.formats.testing.Tools;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The exFAT-driver check on ISOs of a family that still boots by its "ISO file" parameter (Alpine,
 * {@code iso-scan/filename=}; families that polyboot's initramfs helper serves need no exFAT driver and are not
 * checked), made by xorriso, whose {@code /boot/initramfs-lts} was made by GNU cpio and the command-line compressors:
 * the report says whether the live system can find its ISO on exFAT.
 */
class InitrdExfatTest {
    static final String KVER = "lib/modules/6.1.0-x/";
    static final String MISSING = "its initrd has no exFAT driver (exfat.ko): the live system will not find this ISO"
            + " on polyboot's exFAT data partition";
    static final String UNKNOWN = "could not check the initrd for an exFAT driver: ";
    @TempDir Path tmp;

    /** A plausible initramfs: a shell, a few modules, and optionally the exFAT one. */
    static Map<String, byte[]> initramfs(String exfatModule) {
        Map<String, byte[]> f = new LinkedHashMap<>();
        f.put("init", "#!/bin/sh\n".getBytes());
        f.put("bin/busybox", InitrdMaker.bytes(300_000, 1));
        f.put(KVER + "kernel/fs/fat/vfat.ko", InitrdMaker.bytes(20_000, 2));
        f.put(KVER + "kernel/fs/isofs/isofs.ko", InitrdMaker.bytes(40_000, 3));
        f.put(KVER + "modules.order", "kernel/fs/fat/vfat.ko\n".getBytes());
        if (exfatModule != null) f.put(KVER + "kernel/fs/exfat/" + exfatModule, InitrdMaker.bytes(90_000, 4));
        return f;
    }

    static final String INITRD = "/boot/initramfs-lts";

    ImageReport isoFileFamily(Path initrd) throws Exception {
        Tools.require("xorriso");
        Path tree = Files.createDirectories(tmp.resolve("iso-tree"));
        FamilyLayouts.write(FamilyLayouts.named("alpine"), tree);
        Files.copy(initrd, tree.resolve(INITRD.substring(1)), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Path iso = tmp.resolve("alpine.iso");
        Tools.run("xorriso", "-as", "mkisofs", "-quiet", "-R", "-J", "-V", "alpine-std 3.19.0 x86_64", "-o", iso.toString(), tree.toString()).assertOk();
        ImageReport r = ImageClassifier.classify(iso);
        assertThat(r.family()).isEqualTo("alpine");
        assertThat(r.recipe()).isInstanceOfSatisfying(BootRecipe.Linux.class, l -> {
            assertThat(l.initrds()).containsExactly(INITRD);
            assertThat(l.isoDevice()).isFalse();
        });
        return r;
    }

    /** A family the helper serves: no exFAT check, no warning, whatever its initrd holds. */
    @org.junit.jupiter.api.Test
    void helperFamiliesAreNotChecked() throws Exception {
        Tools.require("xorriso");
        Path tree = Files.createDirectories(tmp.resolve("live-tree"));
        FamilyLayouts.write(FamilyLayouts.named("debian-live"), tree);
        Files.copy(initrd(Compressor.GZIP, false, initramfs(null)), tree.resolve("live/initrd.img"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Path iso = tmp.resolve("debian-live.iso");
        Tools.run("xorriso", "-as", "mkisofs", "-quiet", "-R", "-J", "-V", "d-live 12.2.0 gn amd64", "-o", iso.toString(), tree.toString()).assertOk();
        ImageReport r = ImageClassifier.classify(iso);
        assertThat(r.notes()).noneMatch(n -> n.contains("exFAT"));
        assertThat(r.reason()).contains("no exFAT driver needed").doesNotContain("initrd: exFAT");
    }

    Path initrd(Compressor c, boolean microcode, Map<String, byte[]> files) throws Exception {
        Tools.require(c.tool);
        Path main = c.compress(InitrdMaker.cpio(tmp, "main", files));
        return microcode ? InitrdMaker.concat(tmp.resolve("initrd.img"), InitrdMaker.microcode(tmp), main) : main;
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = Compressor.class, names = {"NONE", "GZIP", "XZ", "LZMA", "ZSTD"})
    void exfatModuleFoundBehindEarlyMicrocode(Compressor c) throws Exception {
        ImageReport r = isoFileFamily(initrd(c, true, initramfs("exfat.ko")));
        assertThat(r.reason()).endsWith("; booting /boot/vmlinuz-lts with iso-scan/filename= (its initramfs must read exFAT); initrd: exFAT driver found (exfat.ko)");
        assertThat(r.notes()).noneMatch(n -> n.contains("exFAT"));
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = Compressor.class, names = {"NONE", "GZIP", "XZ", "LZMA", "ZSTD"})
    void noExfatModuleIsWarned(Compressor c) throws Exception {
        ImageReport r = isoFileFamily(initrd(c, true, initramfs(null)));
        assertThat(r.reason()).doesNotContain("exFAT driver found");
        assertThat(r.notes()).contains(MISSING);
    }

    @Test
    void compressedModulesCountWithoutMicrocode() throws Exception {
        assertThat(isoFileFamily(initrd(Compressor.ZSTD, false, initramfs("exfat.ko.zst"))).reason()).endsWith("initrd: exFAT driver found (exfat.ko.zst)");
        assertThat(isoFileFamily(initrd(Compressor.GZIP, false, initramfs("exfat.ko.xz"))).reason()).endsWith("initrd: exFAT driver found (exfat.ko.xz)");
    }

    @Test
    void modulesBuiltinListingExfatMeansBuiltIn() throws Exception {
        Map<String, byte[]> f = initramfs(null);
        f.put(KVER + "modules.builtin", "kernel/fs/ext4/ext4.ko\nkernel/fs/exfat/exfat.ko\nkernel/fs/fat/fat.ko\n".getBytes());
        assertThat(isoFileFamily(initrd(Compressor.XZ, true, f)).reason())
                .endsWith("initrd: exFAT driver found (built into the kernel: " + KVER + "modules.builtin)");
    }

    @Test
    void modulesBuiltinWithoutExfatIsStillMissing() throws Exception {
        Map<String, byte[]> f = initramfs(null);
        f.put(KVER + "modules.builtin", "kernel/fs/ext4/ext4.ko\nkernel/fs/exfat/exfat.ko.old\n".getBytes());
        assertThat(isoFileFamily(initrd(Compressor.GZIP, false, f)).notes()).contains(MISSING);
    }

    @Test
    void initrdWithoutAnyModuleCannotTell() throws Exception {
        ImageReport r = isoFileFamily(initrd(Compressor.GZIP, true, Map.of("init", "#!/bin/sh\n".getBytes())));
        assertThat(r.notes()).contains(UNKNOWN + "no kernel modules in " + INITRD + " (the driver may be built into the kernel)");
    }

    @Test
    void lz4IsNamedNotGuessed() throws Exception {
        Tools.require("lz4");
        Path early = InitrdMaker.microcode(tmp);
        Path lz4 = Compressor.LZ4.compress(InitrdMaker.cpio(tmp, "main", initramfs("exfat.ko")));
        ImageReport r = isoFileFamily(InitrdMaker.concat(tmp.resolve("initrd.img"), early, lz4));
        assertThat(r.notes()).contains(UNKNOWN + INITRD + ": initrd part at offset " + Files.size(early)
                + ": compressed with lz4, which polyboot does not read");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = Compressor.class, names = {"GZIP", "XZ", "LZMA", "ZSTD"})
    void truncatedCompressedPartCannotTell(Compressor c) throws Exception {
        Path whole = initrd(c, false, initramfs("exfat.ko"));
        byte[] b = Files.readAllBytes(whole);
        // cut inside busybox, before the exFAT module: the reader must not claim either way
        Path cut = Files.write(tmp.resolve("cut.img"), java.util.Arrays.copyOf(b, b.length / 4));
        ImageReport r = isoFileFamily(cut);
        assertThat(r.notes()).anySatisfy(n -> assertThat(n).startsWith(UNKNOWN + INITRD + ": " + c.name().toLowerCase() + " data at offset 0")
                .contains("damaged or truncated after"));
        assertThat(r.reason()).doesNotContain("exFAT driver found");
    }

    @Test
    void garbageAfterMagicAndUnknownBytesCannotTell() throws Exception {
        byte[] junk = InitrdMaker.bytes(5000, 9);
        junk[0] = (byte) 0xfd; junk[1] = '7'; junk[2] = 'z'; junk[3] = 'X'; junk[4] = 'Z'; junk[5] = 0;
        assertThat(isoFileFamily(Files.write(tmp.resolve("junk-xz"), junk)).notes())
                .anySatisfy(n -> assertThat(n).startsWith(UNKNOWN + INITRD + ": xz data at offset 0: damaged or truncated"));
        byte[] text = "initrd".getBytes();
        assertThat(isoFileFamily(Files.write(tmp.resolve("text"), text)).notes()).contains(UNKNOWN
                + INITRD + ": initrd part at offset 0: neither a cpio archive nor gzip, xz, lzma or zstd data (starts with 69 6e 69 74 72 64)");
    }

    @Test
    void truncatedUncompressedArchiveCannotTell() throws Exception {
        byte[] b = Files.readAllBytes(initrd(Compressor.NONE, false, initramfs("exfat.ko")));
        ImageReport r = isoFileFamily(Files.write(tmp.resolve("cut.cpio"), java.util.Arrays.copyOf(b, 200_000)));
        assertThat(r.notes()).anySatisfy(n -> assertThat(n).startsWith(UNKNOWN + INITRD + ": cpio newc data").contains("ends"));
    }

    @Test
    void unpackingStopsAtTheBudget() throws Exception {
        // 8 MiB of zeros before the module: a budget of 4 MiB gives up instead of reading on
        Map<String, byte[]> f = new LinkedHashMap<>();
        f.put("a/zeros", new byte[8 << 20]);
        f.put(KVER + "kernel/fs/exfat/exfat.ko", InitrdMaker.bytes(1000, 5));
        Path tree = Files.createDirectories(tmp.resolve("budget"));
        Files.copy(initrd(Compressor.XZ, false, f), Files.createDirectories(tree.resolve("live")).resolve("initrd.img"));
        InitrdModules.ExfatDriver d = InitrdModules.exfat(new DirectoryContent(tree, null), List.of("/live/initrd.img"),
                new InitrdInput.Budget(4 << 20, 60));
        assertThat(d.verdict()).isEqualTo(InitrdModules.ExfatDriver.Verdict.UNKNOWN);
        assertThat(d.detail()).startsWith("/live/initrd.img: ").contains("more than 4 MiB unpacked; polyboot stops there");
        assertThat(InitrdModules.exfat(new DirectoryContent(tree, null), List.of("/live/initrd.img")).verdict())
                .isEqualTo(InitrdModules.ExfatDriver.Verdict.FOUND);
    }
}
