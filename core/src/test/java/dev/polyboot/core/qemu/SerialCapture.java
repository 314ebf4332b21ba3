package dev.polyboot.core.qemu;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Everything the guest wrote to its serial port, raw and as plain text, with expect-style
 * waiting: each successful wait consumes the plain text up to the end of its match, so the next
 * wait only sees newer output.
 */
final class SerialCapture {
    /** A guest that prints without end must not exhaust our heap; later output is dropped. */
    static final int MAX_CHARS = 32 * 1024 * 1024;
    private static final int TAIL_IN_MESSAGES = 2000;

    private final Object lock = new Object();
    private final StringBuilder raw = new StringBuilder();
    private final StringBuilder plain = new StringBuilder();
    private final ConsoleText stripper = new ConsoleText();
    private int cursor;
    private boolean ended;
    private boolean truncated;

    /** Starts a daemon thread that drains {@code stream} until it ends. */
    void drain(InputStream stream, String threadName) {
        Thread t = new Thread(() -> pump(stream), threadName);
        t.setDaemon(true);
        t.start();
    }

    private void pump(InputStream stream) {
        char[] buf = new char[8192];
        try (Reader r = new InputStreamReader(stream, StandardCharsets.UTF_8)) {
            int n;
            while ((n = r.read(buf)) >= 0) {
                append(new String(buf, 0, n));
            }
        } catch (IOException e) {
            // the pipe broke because QEMU was killed: same as end of output
        } finally {
            synchronized (lock) {
                ended = true;
                lock.notifyAll();
            }
        }
    }

    void append(String chunk) {
        synchronized (lock) {
            if (raw.length() + chunk.length() > MAX_CHARS) {
                truncated = true;
            } else {
                raw.append(chunk);
                stripper.feed(chunk, plain);
            }
            lock.notifyAll();
        }
    }

    /** Waits until the stream has ended (QEMU exited), at most {@code timeout}. */
    void awaitEnd(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (lock) {
            long left;
            while (!ended && (left = deadline - System.nanoTime()) > 0) {
                try {
                    lock.wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    String plainText() {
        synchronized (lock) {
            return plain.toString();
        }
    }

    String rawText() {
        synchronized (lock) {
            return raw.toString();
        }
    }

    /**
     * Waits for {@code pattern} in the plain text after the cursor.
     *
     * @param exitStatus describes why QEMU is gone, called once output has ended
     * @return plain text from the old cursor to the end of the match
     */
    String await(Pattern pattern, Duration timeout, Supplier<String> exitStatus) throws QemuException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (lock) {
            while (true) {
                Matcher m = pattern.matcher(plain);
                m.region(cursor, plain.length());
                if (m.find()) {
                    String seen = plain.substring(cursor, m.end());
                    cursor = m.end();
                    return seen;
                }
                if (ended) {
                    throw new QemuException("serial output ended (" + exitStatus.get() + ") without /" + pattern
                            + "/; last output:\n" + tail());
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new QemuTimeoutException("no /" + pattern + "/ on serial within " + timeout
                            + (truncated ? " (output beyond " + MAX_CHARS + " chars was dropped)" : "")
                            + "; last output:\n" + tail());
                }
                try {
                    lock.wait(Math.max(1, Math.min(left / 1_000_000, 500)));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new QemuException("interrupted while waiting for /" + pattern + "/", e);
                }
            }
        }
    }

    private String tail() {
        int from = Math.max(cursor, plain.length() - TAIL_IN_MESSAGES);
        return plain.substring(from);
    }
}
