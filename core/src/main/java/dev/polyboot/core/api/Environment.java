package dev.polyboot.core.api;

import dev.polyboot.core.device.DeviceLister;
import dev.polyboot.core.device.StickLocks;
import dev.polyboot.core.device.TargetGuard;
import dev.polyboot.core.device.TargetResolver;
import dev.polyboot.core.install.PolybootVersion;
import java.time.Clock;

/**
 * The system services {@link Polyboot} composes: how TARGET arguments resolve, the safety rules, the per-stick
 * locks, the clock and the version written into sticks. {@link #system()} is the running machine; tests inject
 * their own (a lock directory of their own, a fixed clock).
 */
public record Environment(TargetResolver resolver, TargetGuard guard, StickLocks locks, Clock clock, String version) {

    public static Environment system() {
        return new Environment(TargetResolver.system(), TargetGuard.system(), StickLocks.system(), Clock.systemDefaultZone(),
                PolybootVersion.get());
    }

    DeviceLister lister() {
        return DeviceLister.system(clock);
    }
}
