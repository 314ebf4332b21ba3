package dev.polyboot.core.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.github.luben.zstd.ZstdOutputStream;
import dev.polyboot.core.boot.BootMode;
import dev.polyboot.formats.cpio.CpioNewcHeader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.tukaani.xz.LZMA2Options;
import org.tukaani.xz.XZOutputStream;

/**
 * Hostile initrds: the exFAT check must answer (FOUND / MISSING / UNKNOWN with a reason) and never throw, within
 * its budget. Seeds: newc archives written here (the layout GNU cpio writes, see InitrdExfatTest for the tool-made
 * ones), plain, behind a microcode archive, and gzip / xz / zstd compressed.
 */
@Tag("fuzz")
class InitrdFuzzTest {

    @MethodSource("seeds")
    @FuzzTest(maxDuration = "60s")
    void initrd(byte[] initrd) throws Exception {
        InitrdModules.ExfatDriver d = InitrdModules.exfat(content(initrd), List.of("/initrd.img"), new InitrdInput.Budget(64L << 20, 8));
        assertThat(d.verdict()).isNotNull();
        if (d.verdict() == InitrdModules.ExfatDriver.Verdict.UNKNOWN) assertThat(d.note()).get().asString().contains("/initrd.img");
    }

    static ImageContent content(byte[] initrd) {
        return new ImageContent() {
            @Override public Optional<String> volumeId() { return Optional.empty(); }
            @Override public Optional<String> find(String path) { return Optional.of(path); }
            @Override public List<String> list(String dir) { return List.of(); }
            @Override public Optional<byte[]> read(String path, int max) { return Optional.empty(); }
            @Override public Optional<InputStream> open(String path) { return Optional.of(new ByteArrayInputStream(initrd)); }
            @Override public Set<BootMode> elTorito() { return Set.of(); }
        };
    }

    static Stream<Arguments> seeds() throws IOException {
        byte[] early = newc(512, "kernel/x86/microcode/GenuineIntel.bin", "u");
        byte[] main = newc(4, "init", "#!/bin/sh", "lib/modules/6.1.0-x/kernel/fs/fat/vfat.ko", "ko",
                "lib/modules/6.1.0-x/modules.builtin", "kernel/fs/ext4/ext4.ko\n", "lib/modules/6.1.0-x/kernel/fs/exfat/exfat.ko", "ko");
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (OutputStream o = new GZIPOutputStream(gz)) { o.write(main); }
        ByteArrayOutputStream xz = new ByteArrayOutputStream();
        try (OutputStream o = new XZOutputStream(xz, new LZMA2Options(0))) { o.write(main); }
        ByteArrayOutputStream zst = new ByteArrayOutputStream();
        try (OutputStream o = new ZstdOutputStream(zst)) { o.write(main); }
        return Stream.of(new byte[0], main, concat(early, gz.toByteArray()), concat(early, xz.toByteArray()), zst.toByteArray())
                .map(b -> Arguments.of((Object) b));
    }

    /** A newc archive of (name, content) pairs plus the trailer, padded to {@code block} bytes as cpio does. */
    static byte[] newc(int block, String... namesAndContents) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i <= namesAndContents.length; i += 2) {
            boolean trailer = i == namesAndContents.length;
            String name = trailer ? CpioNewcHeader.TRAILER : namesAndContents[i];
            byte[] data = trailer ? new byte[0] : namesAndContents[i + 1].getBytes(StandardCharsets.UTF_8);
            byte[] n = (name + "\0").getBytes(StandardCharsets.UTF_8);
            out.write(String.format("070701%08x%08x%08x%08x%08x%08x%08x%08x%08x%08x%08x%08x%08x",
                    i / 2 + 1, 0100644, 0, 0, 1, 0, data.length, 0, 0, 0, 0, n.length, 0).getBytes(StandardCharsets.US_ASCII));
            out.write(n);
            out.write(new byte[(int) CpioNewcHeader.pad4(CpioNewcHeader.SIZE + n.length)]);
            out.write(data);
            out.write(new byte[(int) CpioNewcHeader.pad4(data.length)]);
        }
        while (out.size() % block != 0) out.write(0);
        return out.toByteArray();
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] r = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }
}
