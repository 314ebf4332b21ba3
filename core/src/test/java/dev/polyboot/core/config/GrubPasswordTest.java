package dev.polyboot.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.polyboot.formats.testing.Tools;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Our PBKDF2 hashes are GRUB's: grub-mkpasswd-pbkdf2 (GRUB 2.06, the same code as password_pbkdf2 at boot) hashes a
 * password with its own random salt; the Java code, given that salt and iteration count, must give the same hash.
 */
class GrubPasswordTest {
    static final String PASSWORD = "Lab room 2, pässword!";

    @Test
    void sameHashAsGrubMkpasswdPbkdf2ForItsSalt() {
        Tools.require("grub-mkpasswd-pbkdf2");
        // two salt sizes and iteration counts, so that neither is taken for granted
        for (String[] opts : new String[][] {{"-c", "1000", "-s", "16"}, {"-c", "10000", "-s", "64"}}) {
            Tools.Result r = Tools.run("sh", "-c", "printf '%s\\n%s\\n' '" + PASSWORD + "' '" + PASSWORD + "' | grub-mkpasswd-pbkdf2 "
                    + String.join(" ", opts));
            r.assertOk();
            Matcher m = Pattern.compile("(grub\\.pbkdf2\\.sha512\\.(\\d+)\\.([0-9A-F]+)\\.[0-9A-F]+)").matcher(r.stdout());
            assertThat(m.find()).as(r.stdout()).isTrue();
            String grub = m.group(1);
            byte[] salt = HexFormat.of().parseHex(m.group(3));
            assertThat(GrubPassword.hash(PASSWORD.toCharArray(), salt, Integer.parseInt(m.group(2)))).isEqualTo(grub);
            assertThat(GrubPassword.isHash(grub)).isTrue();
            assertThat(GrubPassword.matches(PASSWORD.toCharArray(), grub)).isTrue();
            assertThat(GrubPassword.matches("Lab room 2, password!".toCharArray(), grub)).isFalse();
        }
    }

    @Test
    void freshHashesHaveGrubsDefaultsAndARandomSalt() {
        String a = GrubPassword.hash("x".toCharArray());
        String b = GrubPassword.hash("x".toCharArray());
        assertThat(a).isNotEqualTo(b).startsWith("grub.pbkdf2.sha512.10000.").hasSize("grub.pbkdf2.sha512.10000.".length() + 128 + 1 + 128);
        assertThat(GrubPassword.matches("x".toCharArray(), a)).isTrue();
        assertThat(GrubPassword.matches("x".toCharArray(), b)).isTrue();
    }

    @Test
    void refusesWhatGrubCouldNotReadOrType() {
        assertThat(GrubPassword.isHash("secret")).isFalse();
        assertThat(GrubPassword.isHash("grub.pbkdf2.sha512.10000.ABC.12")).isFalse(); // odd salt length
        assertThat(GrubPassword.isHash("grub.pbkdf2.sha512.0.AB.12")).isFalse();
        assertThatThrownBy(() -> GrubPassword.hash(new char[0])).hasMessageContaining("empty");
        assertThatThrownBy(() -> GrubPassword.hash("a\tb".toCharArray())).hasMessageContaining("control character");
    }
}
