package dev.polyboot.core.catalog;

import dev.polyboot.formats.testing.Tools;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Initrds made by the tools distributions use: GNU cpio ({@code -o -H newc}) for the archives, gzip / xz /
 * zstd / lz4 for the compressed part, concatenated after an optional uncompressed early-microcode archive as
 * initramfs-tools and dracut write them.
 */
public final class InitrdMaker {
    /** A command-line compressor; {@code NONE} leaves the archive as it is. */
    public enum Compressor {
        NONE("cat", ""), GZIP("gzip", ".gz"), XZ("xz", ".xz"), LZMA("xz", ".lzma"), ZSTD("zstd", ".zst"), LZ4("lz4", ".lz4");

        public final String tool;
        final String suffix;

        Compressor(String tool, String suffix) {
            this.tool = tool;
            this.suffix = suffix;
        }

        public Path compress(Path file) {
            Path out = file.resolveSibling(file.getFileName() + suffix);
            switch (this) {
                case NONE: return file;
                case GZIP: Tools.run("gzip", "-9", "-n", "-k", file.toString()).assertOk(); break;
                case XZ: Tools.run("xz", "-k", "--check=crc32", file.toString()).assertOk(); break;
                case LZMA: Tools.run("xz", "-k", "--format=lzma", file.toString()).assertOk(); break;
                case ZSTD: Tools.run("zstd", "-q", "-k", file.toString(), "-o", out.toString()).assertOk(); break;
                // -l: the legacy frame format, the only one the kernel unpacks
                case LZ4: Tools.run("lz4", "-q", "-l", file.toString(), out.toString()).assertOk(); break;
                default: throw new IllegalStateException();
            }
            return out;
        }
    }

    private InitrdMaker() {}

    /** A newc archive of {@code files} (path → content), written by GNU cpio from a directory tree. */
    public static Path cpio(Path dir, String name, Map<String, byte[]> files) throws IOException, InterruptedException {
        Tools.require("cpio");
        Path tree = Files.createDirectories(dir.resolve(name + "-tree"));
        for (Map.Entry<String, byte[]> f : files.entrySet()) {
            Path p = tree.resolve(f.getKey());
            Files.createDirectories(p.getParent());
            Files.write(p, f.getValue());
        }
        List<String> names;
        try (Stream<Path> s = Files.walk(tree)) {
            names = s.filter(p -> !p.equals(tree)).map(p -> tree.relativize(p).toString()).sorted().toList();
        }
        Path list = dir.resolve(name + ".list");
        Files.writeString(list, String.join("\n", names) + "\n", StandardCharsets.UTF_8);
        Path out = dir.resolve(name + ".cpio");
        Process p = new ProcessBuilder("cpio", "--quiet", "-o", "-H", "newc", "-R", "0:0")
                .directory(tree.toFile()).redirectInput(list.toFile()).redirectOutput(out.toFile())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) throw new IOException("cpio failed for " + name);
        return out;
    }

    /** The parts one after the other, as GRUB / the kernel see a multi-part initrd. */
    public static Path concat(Path out, Path... parts) throws IOException {
        try (OutputStream o = Files.newOutputStream(out)) {
            for (Path p : parts) Files.copy(p, o);
        }
        return out;
    }

    /** An early microcode archive as initramfs-tools and dracut prepend it (uncompressed, block-padded). */
    public static Path microcode(Path dir) throws IOException, InterruptedException {
        return cpio(dir, "early", Map.of("kernel/x86/microcode/GenuineIntel.bin", bytes(3000, 7)));
    }

    public static byte[] bytes(int n, int seed) {
        byte[] b = new byte[n];
        new java.util.Random(seed).nextBytes(b);
        return b;
    }
}
