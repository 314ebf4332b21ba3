package dev.polyboot.cli;

import dev.polyboot.core.api.Polyboot;

/** The one core entry point the commands use; tests of the CLI run against the running system, as users do. */
final class Services {
    private Services() {}

    static Polyboot polyboot() {
        return Polyboot.system();
    }
}
