package dev.polyboot.cli;

import dev.polyboot.core.layout.Sizes;
import dev.polyboot.core.device.RefusedException;
import dev.polyboot.core.device.Target;
import java.io.Console;

/** Asks twice before a disk is erased: type the device name, then "yes". No terminal means no. */
final class Confirmation {
    private Confirmation() {}

    static void eraseDisk(Target.Device d, String action) throws RefusedException {
        Console c = System.console();
        if (c == null) {
            throw new RefusedException("no terminal to confirm " + action + " " + d.path(),
                    "add --yes to confirm in a script");
        }
        String model = d.node().model().isEmpty() ? "unknown model" : d.node().model();
        c.printf("%s: %s, %s (%d bytes)%s%n", d.path(), model, Sizes.human(d.node().sizeBytes()), d.node().sizeBytes(),
                d.node().removable() ? ", removable" : ", NOT removable");
        c.printf("%s %s.%n", Character.toUpperCase(action.charAt(0)) + action.substring(1),
                action.startsWith("eras") ? "destroys everything on it" : "rewrites its boot code and boot partition");
        String name = c.readLine("Type the device name (%s) to continue: ", d.node().name());
        if (name == null || !(name.trim().equals(d.node().name()) || name.trim().equals(d.path().toString()))) {
            throw new RefusedException("not confirmed: the device name did not match", "type " + d.node().name()
                    + " exactly, or use --yes");
        }
        String yes = c.readLine("Really %s %s? Type yes: ", action, d.path());
        if (yes == null || !yes.trim().equals("yes")) {
            throw new RefusedException("not confirmed", "type yes to go ahead, or use --yes");
        }
    }
}
