package dev.polyboot.core.api;

import dev.polyboot.core.device.RefusedException;
import java.util.Locale;
import java.util.Objects;

/**
 * One reason polyboot will not write a target, as a value in a plan. Applying a plan that has one throws
 * {@link #exception()}: the same sentence and hint a dry run shows.
 *
 * @param kind    which safety rule
 * @param message one line: what is wrong with the target
 * @param hint    one line: what to do
 */
public record Refusal(Kind kind, String message, String hint) {
    public Refusal {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(message, "message");
    }

    /** The safety rules; JSON spells them {@link #id()}. */
    public enum Kind {
        NO_SUCH_DISK, NOT_A_TARGET, PARTITION, SYSTEM_DISK, MOUNTED, IN_USE, NOT_REMOVABLE, ALREADY_POLYBOOT, NOT_EMPTY,
        NOT_CONFIRMED, TARGET_CHANGED, BUSY, NOT_POLYBOOT, ADD_CHECKS, OTHER;

        /** "not-removable". */
        public String id() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    /**
     * The kind of a refusal core's guard threw. The guard names its rules only in its sentences, so they are matched
     * here, once; {@code RefusalTest} pins each sentence to its kind.
     */
    public static Refusal of(RefusedException e) {
        String m = String.valueOf(e.getMessage());
        Kind k;
        if (m.contains(" this stick (")) k = Kind.BUSY;
        else if (m.startsWith("no such disk")) k = Kind.NO_SUCH_DISK;
        else if (m.contains("is a directory") || m.contains("neither a regular file") || m.startsWith("no block device")) k = Kind.NOT_A_TARGET;
        else if (m.contains("is a partition, not a whole disk")) k = Kind.PARTITION;
        else if (m.contains("holds the running system")) k = Kind.SYSTEM_DISK;
        else if (m.contains("is in use by")) k = Kind.IN_USE;
        else if (m.contains("mounted")) k = Kind.MOUNTED;
        else if (m.contains("is not a removable disk")) k = Kind.NOT_REMOVABLE;
        else if (m.contains("already holds polyboot")) k = Kind.ALREADY_POLYBOOT;
        else if (m.contains("exists and is not empty")) k = Kind.NOT_EMPTY;
        else if (m.startsWith("not confirmed") || m.startsWith("no terminal to confirm")) k = Kind.NOT_CONFIRMED;
        else if (m.contains("changed since the plan")) k = Kind.TARGET_CHANGED;
        else if (m.startsWith("not a polyboot stick")) k = Kind.NOT_POLYBOOT;
        else if (m.startsWith("nothing was added")) k = Kind.ADD_CHECKS;
        else k = Kind.OTHER;
        return new Refusal(k, m, e.hint());
    }

    /** What applying a plan with this refusal throws. */
    public RefusedException exception() {
        return new RefusedException(message, hint);
    }
}
