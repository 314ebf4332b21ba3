package dev.polyboot.formats.cpio;

import static org.assertj.core.api.Assertions.assertThat;

import dev.polyboot.formats.testing.Tools;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * GNU cpio 2.13 as the oracle, both ways: it extracts and lists what we write (and makes the same bytes from the
 * same tree, c_ino aside), and we read what it writes ({@code find . | cpio -o -H newc}, and {@code -H crc}).
 */
class CpioGnuOracleTest {
    private static final LinkOption[] NOFOLLOW = {LinkOption.NOFOLLOW_LINKS};
    @TempDir Path tmp;

    /** Nested directories, an empty file, a non-ASCII name with a space, relative and absolute symlinks, an mtime. */
    static List<CpioEntry> sample() {
        byte[] pattern = new byte[5000];
        for (int i = 0; i < pattern.length; i++) pattern[i] = (byte) (i * 31 + 7);
        return List.of(
                CpioEntry.directory("polyboot", 0755),
                CpioEntry.file("polyboot/init", 0755, "x".getBytes(StandardCharsets.US_ASCII)),
                CpioEntry.symlink("init", "polyboot/init"),
                CpioEntry.directory("lib", 0755),
                CpioEntry.directory("lib/modules", 0700),
                CpioEntry.file("lib/modules/exfat.ko", 0644, pattern),
                CpioEntry.file("lib/empty", 0600, new byte[0]),
                CpioEntry.directory("docs", 0750),
                new CpioEntry("docs/ä b.txt", 0100640, 1_700_000_000L, "text\n".getBytes(StandardCharsets.UTF_8), null),
                CpioEntry.symlink("docs/hostname", "/etc/hostname"));
    }

    static List<String> names(List<CpioEntry> entries) {
        return entries.stream().map(CpioEntry::name).toList();
    }

    @Test
    void gnuCpioExtractsOurArchive() throws IOException {
        Path archive = Files.write(tmp.resolve("ours.cpio"), CpioNewcWriter.write(sample()));
        Path out = Files.createDirectories(tmp.resolve("out"));
        Tools.Result r = Tools.run("cpio", "-idmv", "--no-absolute-filenames", "-D", out.toString(), "-F", archive.toString()).assertOk();
        // -v lists the names on stderr; anything else there would be a complaint
        List<String> expectedStderr = new ArrayList<>(names(sample()));
        expectedStderr.add(Files.size(archive) / 512 + " block" + (Files.size(archive) == 512 ? "" : "s"));
        assertThat(r.stderr().lines().toList()).isEqualTo(expectedStderr);

        try (Stream<Path> s = Files.walk(out)) {
            assertThat(s.filter(p -> !p.equals(out)).map(p -> out.relativize(p).toString()).collect(Collectors.toSet()))
                    .isEqualTo(Set.copyOf(names(sample())));
        }
        for (CpioEntry e : sample()) {
            Path p = out.resolve(e.name());
            assertThat((int) Files.getAttribute(p, "unix:mode", NOFOLLOW)).as(e.name()).isEqualTo(e.mode());
            if (e.regularFile()) assertThat(Files.readAllBytes(p)).as(e.name()).isEqualTo(e.data());
            if (e.symlink()) assertThat(Files.readSymbolicLink(p).toString()).isEqualTo(e.linkTarget());
            // GNU cpio 2.13's -m sets file times only: directories get the time of their last child, symlinks "now" (measured)
            if (e.regularFile()) assertThat(Files.getLastModifiedTime(p, NOFOLLOW)).as(e.name()).isEqualTo(FileTime.fromMillis(e.mtime() * 1000));
        }
    }

    @Test
    void gnuCpioListsOurNames() throws IOException {
        Path archive = Files.write(tmp.resolve("ours.cpio"), CpioNewcWriter.write(sample()));
        Tools.Result r = Tools.run("cpio", "-t", "--quiet", "-F", archive.toString()).assertOk();
        assertThat(r.stdout().lines().toList()).isEqualTo(names(sample()));
        assertThat(r.stderr()).isEmpty();
    }

    /** GNU cpio from the same tree (mtime 0, owner 0:0, --reproducible) writes our bytes, except that it numbers inodes from 0. */
    @Test
    void gnuCpioWritesTheSameBytesApartFromInodeNumbers() throws IOException {
        // GNU cpio takes nlink from the file system: a directory with subdirectories would have more than 2
        Tools.require("cpio");
        List<CpioEntry> entries = new ArrayList<>(CpioNewcWriterTest.tiny());
        entries.add(CpioEntry.file("polyboot/big", 0600, "0123456789".repeat(100).getBytes(StandardCharsets.US_ASCII)));
        entries.add(CpioEntry.directory("empty", 0700));
        entries.add(CpioEntry.file("hello.txt", 0644, "hello\n".getBytes(StandardCharsets.US_ASCII)));
        Path tree = Files.createDirectories(tmp.resolve("tree"));
        materialize(tree, entries);
        Files.writeString(tmp.resolve("list"), String.join("\n", names(entries)) + "\n");
        Tools.run("sh", "-c", "cd \"$1\" && cpio --quiet -o -H newc -R 0:0 --reproducible < \"$2\" > \"$3\"", "sh",
                tree.toString(), tmp.resolve("list").toString(), tmp.resolve("gnu.cpio").toString()).assertOk();
        byte[] gnu = Files.readAllBytes(tmp.resolve("gnu.cpio"));
        byte[] ours = CpioNewcWriter.write(entries);

        assertThat(inodes(gnu)).isEqualTo(List.of(0L, 1L, 2L, 3L, 4L, 5L, 0L));
        assertThat(inodes(ours)).isEqualTo(List.of(1L, 2L, 3L, 4L, 5L, 6L, 0L));
        assertThat(CpioNewcWriterTest.xxd(withoutInodes(ours))).isEqualTo(CpioNewcWriterTest.xxd(withoutInodes(gnu)));
    }

    @ParameterizedTest(name = "-H {0}")
    @ValueSource(strings = {"newc", "crc"})
    void weReadWhatGnuCpioWrites(String format) throws IOException {
        Tools.require("cpio");
        Path tree = Files.createDirectories(tmp.resolve("tree"));
        Files.createDirectories(tree.resolve("lib/modules/6.1.0"));
        Files.write(tree.resolve("lib/modules/6.1.0/exfat.ko"), CpioNewcWriterTest.xxd(new byte[3000]).getBytes(StandardCharsets.US_ASCII));
        Files.writeString(tree.resolve("init"), "#!/bin/sh\nexec /bin/sh\n");
        Files.setPosixFilePermissions(tree.resolve("init"), Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE,
                PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.OTHERS_EXECUTE));
        Files.write(tree.resolve("empty"), new byte[0]);
        Files.writeString(tree.resolve("grüße.txt"), "ü\n");
        Files.createSymbolicLink(tree.resolve("sh"), Path.of("lib/modules"));
        Tools.run("sh", "-c", "cd \"$1\" && find . | cpio --quiet -o -H \"$2\" > \"$3\"", "sh",
                tree.toString(), format, tmp.resolve("gnu.cpio").toString()).assertOk();

        Map<String, CpioEntry> read = new LinkedHashMap<>();
        CpioNewcReader r = new CpioNewcReader(Files.newInputStream(tmp.resolve("gnu.cpio")), 1 << 20);
        for (Optional<CpioEntry> e = r.next(); e.isPresent(); e = r.next()) {
            assertThat(r.header().magic()).isEqualTo(format.equals("crc") ? CpioNewcHeader.MAGIC_CRC : CpioNewcHeader.MAGIC);
            read.put(e.get().name(), e.get());
        }
        List<String> expected;
        try (Stream<Path> s = Files.walk(tree)) {
            // find prints "./init"; GNU cpio stores "init" (it drops a leading "./")
            expected = s.map(p -> p.equals(tree) ? "." : tree.relativize(p).toString()).sorted().toList();
        }
        assertThat(read.keySet()).containsExactlyInAnyOrderElementsOf(expected);
        for (String name : expected) {
            Path p = tree.resolve(name);
            CpioEntry e = read.get(name);
            assertThat(e.mode()).as(name).isEqualTo((int) Files.getAttribute(p, "unix:mode", NOFOLLOW));
            assertThat(e.mtime()).as(name).isEqualTo(Files.getLastModifiedTime(p, NOFOLLOW).toMillis() / 1000);
            if (Files.isSymbolicLink(p)) assertThat(e.linkTarget()).isEqualTo(Files.readSymbolicLink(p).toString());
            else if (Files.isRegularFile(p)) assertThat(e.data()).as(name).isEqualTo(Files.readAllBytes(p));
            else assertThat(e.directory()).as(name).isTrue();
        }
    }

    /** Creates the entries under {@code root} with their modes, then sets every mtime (children first changed parents). */
    static void materialize(Path root, List<CpioEntry> entries) throws IOException {
        for (CpioEntry e : entries) {
            Path p = root.resolve(e.name());
            if (e.directory()) Files.createDirectories(p);
            else if (e.symlink()) Files.createSymbolicLink(p, Path.of(e.linkTarget()));
            else Files.write(p, e.data());
        }
        for (CpioEntry e : entries) {
            Path p = root.resolve(e.name());
            if (!e.symlink()) Tools.run("chmod", Integer.toOctalString(e.permissions()), p.toString()).assertOk();
            Tools.run("touch", "-h", "-d", "@" + e.mtime(), p.toString()).assertOk();
        }
    }

    static List<Long> inodes(byte[] archive) throws IOException {
        List<Long> inodes = new ArrayList<>();
        CpioNewcReader r = new CpioNewcReader(archive, 1 << 20);
        while (true) {
            boolean more = r.next().isPresent();
            inodes.add(r.header().ino());
            if (!more) return inodes;
        }
    }

    static byte[] withoutInodes(byte[] archive) throws IOException {
        byte[] b = archive.clone();
        CpioNewcReader r = new CpioNewcReader(archive, 1 << 20);
        while (true) {
            boolean more = r.next().isPresent();
            int at = (int) r.header().offset() + CpioNewcHeader.OFF_INO;
            for (int i = 0; i < 8; i++) b[at + i] = '_';
            if (!more) return b;
        }
    }
}
