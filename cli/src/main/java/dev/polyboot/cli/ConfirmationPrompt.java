package dev.polyboot.cli;

import dev.polyboot.core.api.Bytes;
import dev.polyboot.core.api.DeviceText;
import dev.polyboot.core.api.TargetDescription;
import java.io.Console;

/** Asks twice before a disk is erased: type the device name, then "yes". No terminal means no. */
final class ConfirmationPrompt {
    private ConfirmationPrompt() {}

    /** What is shown before the questions: the disk, what is on it now, and what the action does to it. */
    static String summary(TargetDescription d, String action) {
        StringBuilder b = new StringBuilder();
        String model = d.model() == null || d.model().isEmpty() ? "unknown model" : d.model();
        b.append(String.format("%s: %s, %s (%d bytes)%s%n", d.path(), model, Bytes.human(d.sizeBytes()),
                d.sizeBytes(), d.removable() ? ", removable" : ", NOT removable"));
        if (d.now().isPresent()) {
            b.append("Now on it:").append(System.lineSeparator()).append(DeviceText.contents(d.now().get()));
        }
        b.append(String.format("%s %s.%n", Character.toUpperCase(action.charAt(0)) + action.substring(1),
                action.startsWith("eras") ? "destroys everything on it" : "rewrites its boot code and boot partition"));
        return b.toString();
    }

    /**
     * Asks; returns the person's yes to the plan's target. What the disk holds now ({@code polyboot devices}' view
     * of it) is printed before the questions, so that a Ventoy stick or a disk with someone's photos is recognised
     * before it is erased.
     */
    static dev.polyboot.core.api.Confirmation eraseDisk(TargetDescription d, String action) throws CliException {
        Console c = System.console();
        if (c == null) {
            throw refused("no terminal to confirm " + action + " " + d.path(), "add --yes to confirm in a script");
        }
        c.printf("%s", summary(d, action));
        String name = c.readLine("Type the device name (%s) to continue: ", d.name());
        if (name == null || !(name.trim().equals(d.name()) || name.trim().equals(d.path()))) {
            throw refused("not confirmed: the device name did not match", "type " + d.name() + " exactly, or use --yes");
        }
        String yes = c.readLine("Really %s %s? Type yes: ", action, d.path());
        if (yes == null || !yes.trim().equals("yes")) {
            throw refused("not confirmed", "type yes to go ahead, or use --yes");
        }
        return dev.polyboot.core.api.Confirmation.of(d);
    }

    private static CliException refused(String message, String hint) {
        return new CliException(message, hint, ExitCodes.REFUSED);
    }
}
