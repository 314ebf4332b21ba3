package dev.polyboot.core.qemu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Expect-style waiting on serial output, without QEMU. */
class SerialCaptureTest {
    static final Duration SHORT = Duration.ofMillis(300);
    static final Duration LONG = Duration.ofSeconds(30);

    @Test
    void eachWaitConsumesUpToItsMatch() throws QemuException {
        SerialCapture c = new SerialCapture();
        c.append("\u001b[1mMENU\u001b[0m\r\nPOLYBOOT-A\r\nPOLYBOOT-B\r\n");
        assertThat(c.await(Pattern.compile("POLYBOOT-\\w"), SHORT, () -> "")).isEqualTo("MENU\nPOLYBOOT-A");
        assertThat(c.await(Pattern.compile("POLYBOOT-\\w"), SHORT, () -> "")).isEqualTo("\nPOLYBOOT-B");
        assertThatThrownBy(() -> c.await(Pattern.compile("POLYBOOT-\\w"), SHORT, () -> ""))
                .isInstanceOf(QemuTimeoutException.class).hasMessageContaining("POLYBOOT");
        assertThat(c.plainText()).isEqualTo("MENU\nPOLYBOOT-A\nPOLYBOOT-B\n");
        assertThat(c.rawText()).startsWith("\u001b[1mMENU");
    }

    @Test
    void outputArrivingLaterWakesTheWait() throws Exception {
        SerialCapture c = new SerialCapture();
        PipedOutputStream guest = new PipedOutputStream();
        c.drain(new PipedInputStream(guest), "test-serial");
        Thread writer = new Thread(() -> {
            try {
                Thread.sleep(200);
                // an escape sequence split across writes, then the marker
                guest.write("boot\u001b[".getBytes(StandardCharsets.UTF_8));
                guest.flush();
                Thread.sleep(100);
                guest.write("2Jing OK-MARK\n".getBytes(StandardCharsets.UTF_8));
                guest.flush();
            } catch (IOException | InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        writer.start();
        assertThat(c.await(Pattern.compile("OK-MARK"), LONG, () -> "")).isEqualTo("booting OK-MARK");
        writer.join();
        guest.close();
    }

    @Test
    void endOfOutputFailsWithTheExitStatusInsteadOfTimingOut() {
        SerialCapture c = new SerialCapture();
        c.drain(new ByteArrayInputStream("last words\n".getBytes(StandardCharsets.UTF_8)), "test-serial");
        assertThatThrownBy(() -> c.await(Pattern.compile("never"), LONG, () -> "exit code 1"))
                .isInstanceOf(QemuException.class).isNotInstanceOf(QemuTimeoutException.class)
                .hasMessageContaining("exit code 1").hasMessageContaining("last words");
    }
}
