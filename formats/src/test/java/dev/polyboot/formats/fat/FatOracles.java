package dev.polyboot.formats.fat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.polyboot.formats.testing.Tools;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** fsck.fat and mtools as independent oracles, run in a UTF-8 locale so long names come through intact. */
final class FatOracles {
    private FatOracles() {}

    record Out(int exit, byte[] stdout, String stderr) {
        String text() {
            return new String(stdout, StandardCharsets.UTF_8);
        }
    }

    static Out run(String... cmd) {
        Tools.require(cmd[0]);
        try {
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
            pb.environment().put("LC_ALL", "C.UTF-8");
            pb.environment().put("MTOOLSRC", "/dev/null");
            Process p = pb.start();
            CompletableFuture<byte[]> out = CompletableFuture.supplyAsync(() -> slurp(p.getInputStream()));
            CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> slurp(p.getErrorStream()));
            if (!p.waitFor(300, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("timed out: " + List.of(cmd));
            }
            return new Out(p.exitValue(), out.join(), new String(err.join(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static byte[] slurp(InputStream in) {
        try (in) {
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            in.transferTo(b);
            return b.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** fsck.fat -n must exit 0 and find nothing to fix. */
    static void assertFsckClean(Path image) {
        Out r = run("fsck.fat", "-n", "-V", image.toString());
        String all = r.text() + r.stderr();
        assertThat(r.exit()).as("fsck.fat -n exit code; output:\n" + all).isZero();
        assertThat(all).as("fsck.fat output").doesNotContain("differences").doesNotContain("Free cluster summary wrong")
                .doesNotContain("Unable to");
    }

    /** mdir -/ -b: every path on the volume, as mtools sees it (directories end without slash). */
    static List<String> mtoolsPaths(Path image) {
        Out r = run("mdir", "-i", image.toString(), "-/", "-b", "::/");
        return parsePaths(r);
    }

    /** mdir -b of one directory: its entries in on-disk order. */
    static List<String> mtoolsPaths(Path image, String dir) {
        return parsePaths(run("mdir", "-i", image.toString(), "-b", "::" + dir));
    }

    private static List<String> parsePaths(Out r) {
        assertThat(r.exit()).as("mdir: " + r.stderr()).isZero();
        List<String> paths = new ArrayList<>();
        for (String line : r.text().split("\n")) {
            if (line.isBlank()) continue;
            String p = line.strip();
            if (p.startsWith("::")) p = p.substring(2);
            if (p.endsWith("/")) p = p.substring(0, p.length() - 1);
            paths.add(p);
        }
        return paths;
    }

    static byte[] mtoolsRead(Path image, String path) {
        // mtools globs '[...]'; '?' matches the bracket itself and nothing else in our names.
        String pattern = path.replace('[', '?').replace(']', '?');
        Out r = run("mcopy", "-n", "-i", image.toString(), "::" + pattern, "-");
        assertThat(r.exit()).as("mcopy " + path + ": " + r.stderr()).isZero();
        return r.stdout();
    }
}
