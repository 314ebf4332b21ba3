package dev.polyboot.core.secureboot;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Runs one of the host programs Secure Boot needs, always as an argument list (never through a shell), with no
 * standard input unless a secret is handed over there (a key passphrase: never on a command line, where {@code ps}
 * shows it). A missing program names its Debian package; a failing one shows the end of its error output.
 */
final class ExternalTool {
    /** Every call here is local work of a few seconds; a hang (gpg waiting for a pinentry) must not block install. */
    private static final long TIMEOUT_SECONDS = 120;
    private static final int MAX_ERROR_CHARS = 2000;

    private ExternalTool() {}

    /** Runs {@code command} and returns its standard output; {@code env} adds to (never replaces) the environment. */
    static String run(List<String> command, Map<String, String> env, String debianPackage) throws SecureBootException {
        return execute(command, env, debianPackage, true, null).stdout();
    }

    /** {@link #run}, with {@code stdin} as the program's whole standard input (a passphrase line). */
    static String run(List<String> command, Map<String, String> env, String debianPackage, byte[] stdin) throws SecureBootException {
        return execute(command, env, debianPackage, true, stdin).stdout();
    }

    /** {@link #status}, with {@code stdin} as the program's whole standard input. */
    static int status(List<String> command, String debianPackage, byte[] stdin) throws SecureBootException {
        return execute(command, Map.of(), debianPackage, false, stdin).exit();
    }

    /**
     * Starts {@code command} in the background with {@code stdin} as its standard input and its output discarded: the
     * writer end of a FIFO another program reads. The caller waits for it or destroys it.
     */
    static Process start(List<String> command, String debianPackage, byte[] stdin) throws SecureBootException {
        ProcessBuilder pb = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD);
        pb.environment().put("LC_ALL", "C");
        Process p = startOrExplain(pb, command, debianPackage);
        feed(p, stdin);
        return p;
    }

    /** Runs {@code command} (a check: its exit status is the answer) and returns the status; output is discarded. */
    static int status(List<String> command, String debianPackage) throws SecureBootException {
        return execute(command, Map.of(), debianPackage, false, null).exit();
    }

    private record Finished(int exit, String stdout) {}

    private static Process startOrExplain(ProcessBuilder pb, List<String> command, String debianPackage) throws SecureBootException {
        try {
            return pb.start();
        } catch (IOException e) {
            throw new SecureBootException(command.get(0) + " could not be started: " + e.getMessage(),
                    "install it: apt-get install " + debianPackage + " (or install with --no-secure-boot)", e);
        }
    }

    /** Writes {@code stdin} and closes the pipe (a program that exits early just closes it: that is not an error here). */
    private static void feed(Process p, byte[] stdin) {
        try (var in = p.getOutputStream()) {
            in.write(stdin);
        } catch (IOException e) {
            // the program exited before reading: its exit status tells what happened
        }
    }

    private static Finished execute(List<String> command, Map<String, String> env, String debianPackage, boolean mustSucceed,
                                    byte[] stdin) throws SecureBootException {
        ProcessBuilder pb = new ProcessBuilder(command);
        if (stdin == null) pb.redirectInput(ProcessBuilder.Redirect.from(nullDevice()));
        pb.environment().putAll(env);
        pb.environment().put("LC_ALL", "C");
        Process p = startOrExplain(pb, command, debianPackage);
        if (stdin != null) feed(p, stdin);
        CompletableFuture<byte[]> out = CompletableFuture.supplyAsync(() -> readAll(p.getInputStream()));
        CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> readAll(p.getErrorStream()));
        try {
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new SecureBootException(command.get(0) + " did not finish within " + TIMEOUT_SECONDS + " s",
                        "run it by hand to see what it waits for: " + String.join(" ", command));
            }
            String stdout = new String(out.get(), StandardCharsets.UTF_8);
            String stderr = new String(err.get(), StandardCharsets.UTF_8).strip();
            if (mustSucceed && p.exitValue() != 0) {
                String tail = stderr.length() > MAX_ERROR_CHARS ? "…" + stderr.substring(stderr.length() - MAX_ERROR_CHARS) : stderr;
                throw new SecureBootException(command.get(0) + " failed (exit " + p.exitValue() + "): " + tail,
                        "check that package " + debianPackage + " is installed and working; the command was: "
                                + String.join(" ", command));
            }
            return new Finished(p.exitValue(), stdout);
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new SecureBootException("interrupted while " + command.get(0) + " ran", "run the command again", e);
        } catch (ExecutionException e) {
            throw new SecureBootException("reading the output of " + command.get(0) + " failed: " + e.getCause(),
                    "run the command again", e);
        }
    }

    private static byte[] readAll(java.io.InputStream in) {
        try (in) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static java.io.File nullDevice() {
        return Path.of("/dev/null").toFile();
    }
}
