package dev.polyboot.formats.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Independent tools used as test oracles. A missing tool skips the test on a developer machine but
 * fails it under CI=true, so CI can never pass by silently skipping its oracles.
 */
public final class Tools {
    private Tools() {}

    public record Result(int exitCode, String stdout, String stderr) {
        public Result assertOk() {
            if (exitCode != 0) fail("command failed with exit " + exitCode + "\nstdout:\n" + stdout + "\nstderr:\n" + stderr);
            return this;
        }
    }

    public static boolean inCi() {
        return "true".equalsIgnoreCase(System.getenv("CI"));
    }

    /** Skips (locally) or fails (CI) unless {@code name} is an executable on PATH or in /sbin. */
    public static void require(String name) {
        if (find(name) == null) {
            String msg = "required tool not installed: " + name + " (see scripts/debian-packages-test.txt)";
            if (inCi()) fail(msg);
            Assumptions.assumeTrue(false, msg);
        }
    }

    public static Path find(String name) {
        String path = System.getenv().getOrDefault("PATH", "") + ":/usr/sbin:/sbin:/usr/bin:/bin";
        for (String dir : path.split(":")) {
            if (dir.isEmpty()) continue;
            Path p = Path.of(dir, name);
            if (Files.isExecutable(p)) return p;
        }
        return null;
    }

    /** Runs a command (argument list, no shell), waiting up to {@code timeoutSeconds}. */
    public static Result run(long timeoutSeconds, List<String> command) {
        require(command.get(0));
        try {
            Process p = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
            CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> slurp(p.getInputStream()));
            CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> slurp(p.getErrorStream()));
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                fail("timed out after " + timeoutSeconds + "s: " + command);
            }
            return new Result(p.exitValue(), out.join(), err.join());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static Result run(List<String> command) {
        return run(300, command);
    }

    public static Result run(String... command) {
        return run(300, List.of(command));
    }

    private static String slurp(InputStream in) {
        try (in) {
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            in.transferTo(b);
            return b.toString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
