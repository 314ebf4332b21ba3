package dev.polyboot.core.api;

import dev.polyboot.core.device.Target;
import java.util.List;

/**
 * What update will do: rewrite the boot code and the boot partition of {@link #description()}, keeping the data
 * partition; the refusals the real run would give; whether a person must confirm (disks).
 */
public final class UpdatePlan {
    private final Target target;
    private final TargetDescription description;
    private final MenuConsole console;
    private final List<Refusal> refusals;
    private final SecureBootChange secureBoot;

    /** What update does about Secure Boot. */
    public enum SecureBootChange {
        /** The stick has it: its GRUB is built and signed again with the key it was made with. */
        KEEP,
        /** The stick has none: update sets it up (shim, GRUB signed with the user's key) and approves its images. */
        SET_UP,
        /** The stick has none and keeps it so ({@code --no-secure-boot}). */
        NONE;

        /** {@code keep}, {@code set-up}, {@code none}. */
        public String id() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }
    }

    UpdatePlan(Target target, TargetDescription description, MenuConsole console, List<Refusal> refusals, SecureBootChange secureBoot) {
        this.target = target;
        this.description = description;
        this.console = console;
        this.refusals = List.copyOf(refusals);
        this.secureBoot = secureBoot;
    }

    /** What the update does about Secure Boot (null when the plan is refused before the stick was read). */
    public SecureBootChange secureBoot() { return secureBoot; }

    Target target() { return target; }

    public TargetDescription description() { return description; }

    /** The console asked for, or null to keep the stick's. */
    public MenuConsole console() { return console; }

    public List<Refusal> refusals() { return refusals; }

    public boolean refused() { return !refusals.isEmpty(); }

    public boolean confirmationNeeded() { return description.disk(); }
}
