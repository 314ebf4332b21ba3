package dev.polyboot.core.qemu;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * A running QEMU whose serial console is on pipes: wait for output, type into it, drive the
 * monitor. {@link #close()} kills QEMU and removes the run's temp files; a shutdown hook does the
 * same if the JVM exits first.
 */
public final class QemuSession implements AutoCloseable {
    /** Starts QEMU with its serial console on pipes; close the session to kill it and clean up. */
    public static QemuSession start(QemuRunner runner, QemuOptions options) throws IOException {
        Path work = WorkDirectory.create();
        try {
            QemuLaunch launch = QemuCommand.plan(runner.host(), options, work, QemuCommand.Mode.PIPED);
            QemuRunner.prepare(launch);
            Instant started = Instant.now();
            Process process = new ProcessBuilder(launch.command()).start();
            return new QemuSession(process, launch, started, options.timeout());
        } catch (IOException | RuntimeException e) {
            WorkDirectory.delete(work);
            throw e;
        }
    }

    private static final Duration QMP_PATIENCE = Duration.ofSeconds(20);
    private static final Duration EXIT_PATIENCE = Duration.ofSeconds(5);
    private static final long VGA_TEXT_BUFFER = 0xb8000L;
    private static final int VGA_COLUMNS = 80;
    private static final int VGA_ROWS = 25;

    private final Process process;
    private final QemuLaunch launch;
    private final Instant startedAt;
    private final SerialCapture serial = new SerialCapture();
    private final SerialCapture stderr = new SerialCapture();
    private final OutputStream serialIn;
    private final Thread shutdownHook;
    private QmpClient qmp;
    private boolean closed;

    QemuSession(Process process, QemuLaunch launch, Instant startedAt, Optional<Duration> timeout) {
        this.process = process;
        this.launch = launch;
        this.startedAt = startedAt;
        this.serialIn = process.getOutputStream();
        serial.drain(process.getInputStream(), "qemu-serial-" + process.pid());
        stderr.drain(process.getErrorStream(), "qemu-stderr-" + process.pid());
        this.shutdownHook = new Thread(this::closeQuietly, "qemu-cleanup-" + process.pid());
        Runtime.getRuntime().addShutdownHook(shutdownHook);
        timeout.ifPresent(t -> CompletableFuture.runAsync(this::closeQuietly,
                CompletableFuture.delayedExecutor(t.toMillis(), TimeUnit.MILLISECONDS)));
    }

    public QemuLaunch launch() {
        return launch;
    }

    /** When QEMU was started; time-to-marker figures are measured from here. */
    public Instant startedAt() {
        return startedAt;
    }

    /** QEMU's process id. */
    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /**
     * Waits until the serial output (escape sequences stripped, see {@link ConsoleText}) after
     * the previous match contains {@code pattern}.
     *
     * @return the plain text from the previous match up to the end of this one
     * @throws QemuTimeoutException when it does not appear in time (message has the last output)
     * @throws QemuException when QEMU exits first
     */
    public String waitForSerial(Pattern pattern, Duration timeout) throws QemuException {
        return serial.await(pattern, timeout, this::exitStatus);
    }

    /** {@link #waitForSerial(Pattern, Duration)} for a literal string. */
    public String waitForSerial(String literal, Duration timeout) throws QemuException {
        return waitForSerial(Pattern.compile(Pattern.quote(literal)), timeout);
    }

    /** Types {@code text} into the guest's serial port; see {@link SerialKeys} for keys. */
    public void sendSerial(String text) throws IOException {
        serialIn.write(text.getBytes(StandardCharsets.UTF_8));
        serialIn.flush();
    }

    /** All serial output so far as plain text. */
    public String serialText() {
        return serial.plainText();
    }

    /** All serial output so far, escape sequences included. */
    public String rawSerialText() {
        return serial.rawText();
    }

    /** Presses keys together on the emulated keyboard, as QEMU qcodes: "ret", "down", "ctrl", "alt", "delete", "a". */
    public void sendKey(String... qcodes) throws IOException {
        List<Map<String, String>> keys = new ArrayList<>();
        for (String k : qcodes) keys.add(Map.of("type", "qcode", "data", k));
        qmp().execute("send-key", Map.of("keys", keys));
    }

    /** Writes the current screen as a PPM image (OCR input for screen-only programs). */
    public void screendump(Path ppm) throws IOException {
        qmp().execute("screendump", Map.of("filename", ppm.toAbsolutePath().toString()));
    }

    /**
     * The screen as text, read from the VGA text buffer: right for SeaBIOS and programs in VGA
     * text mode (iPXE, GRUB's BIOS console), meaningless once a program switched to graphics (OVMF).
     */
    public String screenText() throws IOException {
        Path dump = launch.workDirectory().resolve("vga-text.bin");
        int size = VGA_COLUMNS * VGA_ROWS * 2;
        qmp().execute("pmemsave", Map.of("val", VGA_TEXT_BUFFER, "size", size, "filename", dump.toString()));
        byte[] cells = Files.readAllBytes(dump);
        StringBuilder text = new StringBuilder();
        for (int row = 0; row < VGA_ROWS; row++) {
            StringBuilder line = new StringBuilder();
            for (int col = 0; col < VGA_COLUMNS; col++) {
                int i = (row * VGA_COLUMNS + col) * 2;
                int ch = i < cells.length ? cells[i] & 0xff : ' ';
                line.append(ch >= 0x20 && ch < 0x7f ? (char) ch : ' '); // cell = character byte + attribute byte
            }
            text.append(line.toString().stripTrailing()).append('\n');
        }
        return text.toString();
    }

    /** Polls {@link #screenText()} until it contains {@code pattern}; returns that screen. */
    public String waitForScreenText(Pattern pattern, Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        String screen = "";
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) throw new QemuException("QEMU exited (" + exitStatus() + ") without /" + pattern + "/ on screen");
            screen = screenText();
            if (pattern.matcher(screen).find()) return screen;
            pause(Duration.ofMillis(250));
        }
        throw new QemuTimeoutException("no /" + pattern + "/ on screen within " + timeout + "; screen:\n" + screen);
    }

    /** Any human-monitor command ("info block", "system_reset"); returns its output. */
    public String monitor(String command) throws IOException {
        return qmp().execute("human-monitor-command", Map.of("command-line", command)).asText();
    }

    /** Any QMP command ("set-action", "query-status", "cont"); returns its "return" value. */
    public com.fasterxml.jackson.databind.JsonNode qmpExecute(String command, Map<String, ?> arguments) throws IOException {
        return qmp().execute(command, arguments);
    }

    /** Waits for QEMU to exit by itself (guest powered off); the exit code, or empty on timeout. */
    public Optional<Integer> waitForExit(Duration timeout) throws QemuException {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS) ? Optional.of(process.exitValue()) : Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new QemuException("interrupted while waiting for QEMU to exit", e);
        }
    }

    /**
     * Copies the run's OVMF variable store (UEFI only), e.g. after MokManager enrolled a key, for later runs'
     * {@link QemuOptions#withFirmwareVars}. OVMF writes variables through to the file, so a copy taken while the
     * guest sits in a menu holds everything set before.
     */
    public void copyFirmwareVars(Path target) throws IOException {
        Files.copy(launch.varsCopy(), target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    /** QEMU's own messages (errors, warnings). */
    public String qemuMessages() {
        return stderr.plainText();
    }

    private synchronized QmpClient qmp() throws IOException {
        if (closed) throw new IllegalStateException("session closed");
        if (qmp == null) qmp = QmpClient.connect(launch.qmpSocket(), QMP_PATIENCE, process.toHandle());
        return qmp;
    }

    /** Why QEMU's output ended; waits briefly, since stdout closes a moment before the exit status exists. */
    private String exitStatus() {
        try {
            process.waitFor(EXIT_PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        stderr.awaitEnd(EXIT_PATIENCE);
        String code = process.isAlive() ? "still running" : "exit code " + process.exitValue();
        String messages = stderr.plainText().strip();
        return messages.isEmpty() ? code : code + ", QEMU said: " + messages;
    }

    /**
     * Kills QEMU (SIGTERM, then SIGKILL) and deletes the run's temp directory. Idempotent; when
     * it returns, the clean-up is complete even if another thread (the timeout) started it.
     */
    @Override
    public synchronized void close() throws IOException {
        if (closed) return;
        closed = true;
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // the JVM is shutting down and this is the hook itself running
        }
        try {
            if (qmp != null) qmp.close();
            serialIn.close();
        } catch (IOException e) {
            // QEMU already gone: nothing left to close cleanly
        } finally {
            QemuRunner.stop(process);
            WorkDirectory.delete(launch.workDirectory());
        }
    }

    private void closeQuietly() {
        try {
            close();
        } catch (IOException e) {
            System.err.println("polyboot: cleaning up after QEMU failed: " + e.getMessage());
        }
    }

    private static void pause(Duration d) throws QemuException {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new QemuException("interrupted", e);
        }
    }
}
