package dev.polyboot.cli;

import dev.polyboot.core.install.StickInspector;
import dev.polyboot.core.device.DeviceInfo;
import dev.polyboot.core.device.DeviceLister;
import dev.polyboot.core.device.PolybootProbe;
import dev.polyboot.core.device.Target;
import dev.polyboot.core.device.TargetGuard;
import dev.polyboot.core.device.TargetResolver;
import dev.polyboot.formats.io.BlockDevice;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Clock;
import java.util.Optional;

/** The system services the commands use; one place so they are easy to find. */
final class Services {
    private Services() {}

    static TargetResolver resolver() {
        return TargetResolver.system();
    }

    static TargetGuard guard() {
        return TargetGuard.system();
    }

    /** What the disk holds now, as {@code polyboot devices} shows it; empty when it cannot be read (it only informs). */
    static Optional<DeviceInfo> nowOn(Target.Device d) {
        try {
            return DeviceLister.system(clock()).describe(d.node().name());
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    static Clock clock() {
        return Clock.systemDefaultZone();
    }

    /** Reads the target to tell whether it is a polyboot stick already (false for a new or empty image). */
    static PolybootProbe probe() {
        return t -> {
            if (t instanceof Target.ImageFile && (!Files.isRegularFile(t.path()) || Files.size(t.path()) < 512)) return false;
            try (BlockDevice dev = TargetResolver.open(t, true)) {
                return new StickInspector(clock()).holdsPolyboot(dev);
            } catch (IOException e) {
                return false;
            }
        };
    }

    /** Resolves TARGET and checks it exists (commands other than install never create images). */
    static Target existing(String arg) throws Exception {
        Target t = resolver().resolve(arg);
        if (t instanceof Target.ImageFile && !Files.isRegularFile(t.path())) {
            throw new CliException("no such file: " + t.path(), "create a stick image with 'polyboot install "
                    + t.path() + " --size 8G'", ExitCodes.FAILURE);
        }
        return t;
    }
}
