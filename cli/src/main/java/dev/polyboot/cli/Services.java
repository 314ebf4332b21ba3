package dev.polyboot.cli;

import dev.polyboot.core.target.TargetGuard;
import dev.polyboot.core.target.TargetResolver;

/** The system services the commands use; one place so they are easy to find. */
final class Services {
    private Services() {}

    static TargetResolver resolver() {
        return TargetResolver.system();
    }

    static TargetGuard guard() {
        return TargetGuard.system();
    }
}
