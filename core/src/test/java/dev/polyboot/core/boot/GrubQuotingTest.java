package dev.polyboot.core.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.polyboot.formats.testing.Tools;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.CharRange;
import net.jqwik.api.constraints.Chars;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GrubQuotingTest {
    @Test
    void safeTextStaysBareEverythingElseIsSingleQuoted() {
        assertThat(GrubQuoting.quote("(hd0,1)/grub/memdisk")).isEqualTo("(hd0,1)/grub/memdisk");
        assertThat(GrubQuoting.quote("")).isEqualTo("''");
        assertThat(GrubQuoting.quote("a b")).isEqualTo("'a b'");
        assertThat(GrubQuoting.quote("$x")).isEqualTo("'$x'");
        assertThat(GrubQuoting.quote("it's")).isEqualTo("'it'\\''s'");
        assertThat(GrubQuoting.quote("*.iso")).isEqualTo("'*.iso'");
        assertThat(GrubQuoting.quote("#x")).isEqualTo("'#x'");
        assertThat(GrubQuoting.quote("if")).isEqualTo("if");
    }

    @Test
    void controlCharactersAndBadNamesAreRefused() {
        assertThatThrownBy(() -> GrubQuoting.quote("a\nb")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> GrubQuoting.variable("a b")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> GrubQuoting.glob("*; reboot")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new GrubScript.Command("echo;reboot", List.of())).isInstanceOf(IllegalArgumentException.class);
    }

    /** Whatever the text, "echo QUOTED" is exactly one command with one argument as far as GRUB's parser is concerned. */
    @Property(tries = 30)
    void anyPrintableTextParses(@ForAll @Chars({' ', '\'', '"', '$', '\\', ';', '{', '}', '*', '#', '&', '|', '<', '>', '(', ')'})
                                @CharRange(from = 'a', to = 'c') String text) throws IOException {
        Tools.require("grub-script-check");
        Path tmp = Files.createTempFile("quote", ".cfg");
        try {
            String cfg = new GrubScript(List.of(new GrubScript.MenuEntry(GrubWord.lit(text), List.of(), List.of(GrubWord.lit(text)),
                    List.of(new GrubScript.Command("echo", List.of(GrubWord.lit(text))))))).render();
            Files.writeString(tmp, cfg);
            Tools.run("grub-script-check", tmp.toString()).assertOk();
            assertThat(cfg.lines().count()).isEqualTo(3);
        } finally {
            Files.delete(tmp);
        }
    }
}
