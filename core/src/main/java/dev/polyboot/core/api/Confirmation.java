package dev.polyboot.core.api;

import java.util.Objects;

/**
 * A person's yes to one plan: the front end asked (the CLI twice, typing the device name) or was told not to ask
 * ({@code --yes}). Bound to the target path of the plan it answers, so a yes to one disk is no yes to another.
 */
public record Confirmation(String target) {
    private static final Confirmation NONE = new Confirmation("");

    /** Nobody said yes: enough for plans that need no confirmation (image files). */
    public static Confirmation none() {
        return NONE;
    }

    /** Yes to exactly this plan's target. */
    public static Confirmation of(TargetDescription t) {
        return new Confirmation(t.path());
    }

    boolean covers(TargetDescription t) {
        return Objects.equals(target, t.path());
    }
}
