package dev.polyboot.core.qemu;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class ConsoleTextTest {
    // captured from OVMF 2022.11 + iPXE on this machine's serial port
    static final String OVMF_IPXE = "\u001b[2J\u001b[01;01H\u001b[=3h\u001b[2J\u001b[01;01HBdsDxe: starting Boot0001\r\n"
            + "\u001b[1m\u001b[37m\u001b[40miPXE 1.0.0+git\u001b[0m\u001b[37m\u001b[40m -- Open Source Network Boot Firmware --"
            + " \u001b[0m\u001b[36m\u001b[40mhttp://ipxe.org\u001b[0m\r\nPress Ctrl-B\b \b\b \b.";

    @Test
    void stripsOvmfAndIpxeSequences() {
        String plain = ConsoleText.strip(OVMF_IPXE);
        assertThat(plain).contains("BdsDxe: starting Boot0001\n")
                .contains("iPXE 1.0.0+git -- Open Source Network Boot Firmware -- http://ipxe.org\n")
                .doesNotContain("\u001b").doesNotContain("\r").doesNotContain("\b");
    }

    @Test
    void cursorPositioningSeparatesRows() {
        assertThat(ConsoleText.strip("\u001b[5;3HFirst entry\u001b[6;3HSecond entry")).isEqualTo("\nFirst entry\nSecond entry");
    }

    @Test
    void oscCharsetAndEightBitCsi() {
        assertThat(ConsoleText.strip("a\u001b]0;title\u0007b\u001b(Bc\u009b1md\u001b]2;t\u001b\\e\u001b7f")).isEqualTo("abcdef");
    }

    @Test
    void keepsUnicodeText() {
        assertThat(ConsoleText.strip("Grüße \u001b[1mfür\u001b[0m dich")).isEqualTo("Grüße für dich");
    }

    @Property
    void splittingTheStreamChangesNothing(@ForAll @IntRange(min = 0, max = 1000) int cut) {
        String raw = OVMF_IPXE + OVMF_IPXE;
        int at = Math.min(cut, raw.length());
        ConsoleText stream = new ConsoleText();
        StringBuilder out = new StringBuilder();
        stream.feed(raw.substring(0, at), out);
        stream.feed(raw.substring(at), out);
        assertThat(out.toString()).isEqualTo(ConsoleText.strip(raw));
    }
}
