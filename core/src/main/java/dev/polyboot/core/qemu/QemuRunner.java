package dev.polyboot.core.qemu;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Boots a stick image in QEMU (DESIGN §6): the stick as USB mass storage on an xHCI controller,
 * no network, q35, SeaBIOS or OVMF with a private variable store, TCG unless real KVM exists.
 * {@link #runInteractive} is {@code polyboot try} (the user's terminal or a window); the tests' piped sessions
 * ({@code QemuSession}, serial on pipes, QMP) live in the core test-jar, not in polyboot.jar.
 */
public final class QemuRunner {
    private static final long GRACE_SECONDS = 5;

    private final QemuHost host;

    public QemuRunner(QemuHost host) {
        this.host = Objects.requireNonNull(host, "host");
    }

    /** A runner for this machine; fails naming the Debian package when QEMU is not installed. */
    public static QemuRunner detect() throws QemuException {
        return new QemuRunner(QemuHost.detect());
    }

    public QemuHost host() {
        return host;
    }

    /** What {@link #runInteractive} would start, with {@code workDir} standing in for its temp directory. */
    public QemuLaunch plan(QemuOptions options, Path workDir) throws QemuException {
        return QemuCommand.plan(host, options, workDir, QemuCommand.Mode.INTERACTIVE);
    }

    /**
     * Runs QEMU for a person (polyboot try) and blocks until it exits: the terminal or a window
     * is QEMU's, Ctrl-A X quits in TERMINAL mode.
     *
     * @param notes receives messages for the user (fallbacks taken) before QEMU starts
     * @return QEMU's exit code
     * @throws QemuTimeoutException when the options' timeout ran out and QEMU was stopped
     */
    public int runInteractive(QemuOptions options, Consumer<String> notes) throws IOException {
        return runInteractive(options, notes, ProcessBuilder::inheritIO);
    }

    /** {@link #runInteractive(QemuOptions, Consumer)} with QEMU's stdin/stdout/stderr set by {@code io}. */
    int runInteractive(QemuOptions options, Consumer<String> notes, Consumer<ProcessBuilder> io) throws IOException {
        Path work = WorkDirectory.create();
        Process process = null;
        Thread hook = null;
        try {
            QemuLaunch launch = plan(options, work);
            launch.notes().forEach(notes);
            prepare(launch);
            ProcessBuilder pb = new ProcessBuilder(launch.command());
            io.accept(pb);
            Process p = pb.start();
            process = p;
            hook = new Thread(() -> cleanUp(p, work), "qemu-cleanup-" + p.pid());
            Runtime.getRuntime().addShutdownHook(hook);
            if (options.timeout().isEmpty()) return p.waitFor();
            if (p.waitFor(options.timeout().get().toMillis(), TimeUnit.MILLISECONDS)) return p.exitValue();
            throw new QemuTimeoutException("QEMU stopped after the timeout of " + options.timeout().get());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new QemuException("interrupted while QEMU was running", e);
        } finally {
            if (hook != null) {
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                } catch (IllegalStateException e) {
                    // JVM shutting down: the hook does the same clean-up
                }
            }
            if (process != null) stop(process);
            WorkDirectory.delete(work);
        }
    }

    static void prepare(QemuLaunch launch) throws IOException {
        if (launch.firmwareVarsTemplate().isPresent()) {
            Path copy = launch.varsCopy();
            Files.copy(launch.firmwareVarsTemplate().get(), copy, StandardCopyOption.REPLACE_EXISTING);
            // Debian ships the template read-only; OVMF must be able to write its boot entries.
            copy.toFile().setWritable(true, true);
        }
    }

    private static void cleanUp(Process p, Path work) {
        stop(p);
        try {
            WorkDirectory.delete(work);
        } catch (IOException e) {
            System.err.println("polyboot: could not remove " + work + ": " + e.getMessage());
        }
    }

    /** SIGTERM first, so QEMU restores the terminal it put into raw mode; SIGKILL if it lingers. */
    static void stop(Process p) {
        if (!p.isAlive()) return;
        p.destroy();
        try {
            if (!p.waitFor(GRACE_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                p.waitFor(GRACE_SECONDS, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
