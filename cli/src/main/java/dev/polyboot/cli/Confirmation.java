package dev.polyboot.cli;

import dev.polyboot.core.layout.Sizes;
import dev.polyboot.core.device.RefusedException;
import dev.polyboot.core.device.Target;
import dev.polyboot.core.device.DeviceInfo;
import java.io.Console;
import java.util.Optional;

/** Asks twice before a disk is erased: type the device name, then "yes". No terminal means no. */
final class Confirmation {
    private Confirmation() {}

    /** What is shown before the questions: the disk, what is on it now, and what the action does to it. */
    static String summary(Target.Device d, String action, Optional<DeviceInfo> now) {
        StringBuilder b = new StringBuilder();
        String model = d.node().model().isEmpty() ? "unknown model" : d.node().model();
        b.append(String.format("%s: %s, %s (%d bytes)%s%n", d.path(), model, Sizes.human(d.node().sizeBytes()),
                d.node().sizeBytes(), d.node().removable() ? ", removable" : ", NOT removable"));
        if (now.isPresent()) {
            b.append("Now on it:").append(System.lineSeparator()).append(DevicesText.contents(now.get()));
        }
        b.append(String.format("%s %s.%n", Character.toUpperCase(action.charAt(0)) + action.substring(1),
                action.startsWith("eras") ? "destroys everything on it" : "rewrites its boot code and boot partition"));
        return b.toString();
    }

    /**
     * @param now what the disk holds now ({@code polyboot devices}' view of it), printed before the questions so
     *            that a Ventoy stick or a disk with someone's photos is recognised before it is erased
     */
    static void eraseDisk(Target.Device d, String action, Optional<DeviceInfo> now) throws RefusedException {
        Console c = System.console();
        if (c == null) {
            throw new RefusedException("no terminal to confirm " + action + " " + d.path(),
                    "add --yes to confirm in a script");
        }
        c.printf("%s", summary(d, action, now));
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
