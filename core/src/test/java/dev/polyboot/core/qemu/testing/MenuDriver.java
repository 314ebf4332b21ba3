package dev.polyboot.core.qemu.testing;

import dev.polyboot.core.qemu.QemuSession;
import dev.polyboot.core.qemu.QemuTimeoutException;
import dev.polyboot.core.qemu.SerialKeys;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

/** Drives polyboot's GRUB menu over a serial console (menu built with {@code --console serial}). */
public final class MenuDriver {
    private MenuDriver() {}

    /**
     * Selects image {@code index} of {@code titles} (0 = first image, the menu's default entry; the polyboot
     * header entry is above it) and presses Enter. Call it with the menu on screen.
     */
    public static void choose(QemuSession vm, List<String> titles, int index) throws IOException {
        // GRUB marks the highlighted entry with '*'; under TCG a key sent while GRUB redraws can be
        // lost, so each step down is confirmed before the next.
        for (int i = 1; i <= index; i++) {
            Pattern highlighted = Pattern.compile("\\*" + Pattern.quote(titles.get(i)));
            for (int attempt = 0; ; attempt++) {
                vm.sendSerial(SerialKeys.DOWN);
                try {
                    vm.waitForSerial(highlighted, Duration.ofSeconds(15));
                    break;
                } catch (QemuTimeoutException e) {
                    if (attempt == 2) throw e;
                }
            }
        }
        pause(500);
        vm.sendSerial(SerialKeys.ENTER);
    }

    public static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
