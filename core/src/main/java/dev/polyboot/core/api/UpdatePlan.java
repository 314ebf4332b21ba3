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

    UpdatePlan(Target target, TargetDescription description, MenuConsole console, List<Refusal> refusals) {
        this.target = target;
        this.description = description;
        this.console = console;
        this.refusals = List.copyOf(refusals);
    }

    Target target() { return target; }

    public TargetDescription description() { return description; }

    /** The console asked for, or null to keep the stick's. */
    public MenuConsole console() { return console; }

    public List<Refusal> refusals() { return refusals; }

    public boolean refused() { return !refusals.isEmpty(); }

    public boolean confirmationNeeded() { return description.disk(); }
}
