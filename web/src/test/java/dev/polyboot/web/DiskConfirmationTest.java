package dev.polyboot.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.polyboot.core.api.Confirmation;
import dev.polyboot.core.api.TargetDescription;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Erasing a disk from the page needs its name typed, as the CLI's prompt asks it (name or path, exactly); the yes
 * given is bound to that disk. Image files need none. (No disk is touched: the description is a value.)
 */
class DiskConfirmationTest {
    private static final TargetDescription SDB = new TargetDescription("/dev/sdb", true, "sdb", "SanDisk Cruzer Blade",
            2L << 30, true, Optional.empty());

    private static com.fasterxml.jackson.databind.JsonNode typed(String s) {
        return Http.MAPPER.createObjectNode().put("confirm", s);
    }

    @Test
    void theDeviceNameOrPathMustBeTypedExactly() {
        assertThat(Setup.confirmed(true, SDB, typed("sdb"))).isEqualTo(Confirmation.of(SDB));
        assertThat(Setup.confirmed(true, SDB, typed(" /dev/sdb "))).isEqualTo(Confirmation.of(SDB));
        for (String wrong : new String[] {"", "sdc", "SDB", "yes", "/dev/sdb1"}) {
            assertThatThrownBy(() -> Setup.confirmed(true, SDB, typed(wrong))).as(wrong).isInstanceOf(WebException.class)
                    .hasMessage("not confirmed: the device name did not match")
                    .satisfies(e -> assertThat(((WebException) e).error.status()).isEqualTo(409));
        }
        assertThatThrownBy(() -> Setup.confirmed(true, SDB, Http.MAPPER.createObjectNode())).isInstanceOf(WebException.class);
    }

    @Test
    void anImageFileNeedsNoName() {
        TargetDescription img = new TargetDescription("/tmp/stick.img", false, null, null, 0, false, Optional.empty());
        assertThat(Setup.confirmed(false, img, Http.MAPPER.createObjectNode())).isEqualTo(Confirmation.of(img));
    }
}
