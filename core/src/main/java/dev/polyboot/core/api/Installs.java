package dev.polyboot.core.api;

import dev.polyboot.core.boot.MenuOptions;
import dev.polyboot.core.device.PolybootProbe;
import dev.polyboot.core.boot.EspContents;
import dev.polyboot.core.device.ExclusiveClaim;
import dev.polyboot.core.secureboot.SecureBootStick;
import dev.polyboot.core.secureboot.UserKeys;
import java.util.Map;
import dev.polyboot.core.device.PartitionTableReload;
import dev.polyboot.core.device.StickLock;
import dev.polyboot.core.device.RefusedException;
import dev.polyboot.core.device.Target;
import dev.polyboot.core.device.TargetResolver;
import dev.polyboot.core.install.CapacityProbe;
import dev.polyboot.core.install.StickInspector;
import dev.polyboot.core.install.StickInstaller;
import dev.polyboot.core.install.StickVerifier;
import dev.polyboot.core.layout.InstallRequest;
import dev.polyboot.core.layout.LayoutException;
import dev.polyboot.core.layout.PartitionStyle;
import dev.polyboot.core.layout.Sizes;
import dev.polyboot.core.layout.StickLayout;
import dev.polyboot.core.layout.StickLayoutPlanner;
import dev.polyboot.core.payload.Payload;
import dev.polyboot.formats.io.BlockDevice;
import java.io.IOException;
import java.nio.file.Files;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** install's plan and its application ({@link Polyboot#installPlan}, {@link Polyboot#install}). */
final class Installs {
    private final Environment env;

    Installs(Environment env) {
        this.env = env;
    }

    InstallPlan plan(InstallOptions o) throws IOException, LayoutException {
        if (o.reserveMib() < 0) throw new IllegalArgumentException("--reserve must not be negative");
        Target t;
        try {
            t = env.resolver().resolve(o.target());
        } catch (RefusedException e) {
            // nothing to plan on (a mistyped /dev/sdq): the refusal is the whole plan
            return new InstallPlan(o, null, TargetDescription.unresolved(o.target()), null, List.of(Refusal.of(e)), false);
        }
        long diskBytes;
        int sectorSize;
        if (t instanceof Target.Device d) {
            diskBytes = d.node().sizeBytes();
            sectorSize = d.node().sectorSize();
        } else if (o.size() != null) {
            diskBytes = Sizes.parse(o.size());
            sectorSize = 512;
        } else if (Files.exists(t.path())) {
            diskBytes = Files.size(t.path());
            sectorSize = 512;
        } else {
            throw new IllegalArgumentException(t.path() + " does not exist; give --size to create it (e.g. --size 8G)");
        }
        InstallRequest req = new InstallRequest(diskBytes, sectorSize, o.gpt() ? PartitionStyle.GPT : PartitionStyle.MBR,
                Math.multiplyExact(o.reserveMib(), StickLayoutPlanner.MIB), o.label(), new SecureRandom());
        StickLayout layout = StickLayoutPlanner.plan(req);
        List<Refusal> refusals = new ArrayList<>();
        check(t, o).ifPresent(refusals::add);
        TargetDescription description = TargetDescription.of(t, t instanceof Target.Device d
                ? new Polyboot(env).nowOn(d) : Optional.empty());
        return new InstallPlan(o, t, description, layout, refusals, t instanceof Target.Device);
    }

    /** The safety rules for erasing {@code t}; empty when it may be erased. */
    private Optional<Refusal> check(Target t, InstallOptions o) throws IOException {
        try {
            env.guard().checkInstall(t, o.size() != null, o.force(), probe());
            return Optional.empty();
        } catch (RefusedException e) {
            return Optional.of(Refusal.of(e));
        }
    }

    InstallResult apply(InstallPlan plan, Confirmation yes, ProgressListener progress)
            throws IOException, RefusedException, LayoutException {
        if (plan.refused()) throw plan.refusals().get(0).exception();
        InstallOptions o = plan.options();
        if (plan.confirmationNeeded() && !yes.covers(plan.description())) {
            throw new RefusedException("not confirmed: erasing " + plan.description().path(),
                    "confirm the plan (type the device name and yes), or use --yes");
        }
        // Again, right before the first write: while the question was on the screen a desktop may have mounted the
        // disk, or another stick may have been plugged in under the same name. From here to the end the stick is
        // locked against other polyboot processes and, for a disk, held open exclusively (O_EXCL: nothing can mount
        // it or any of its partitions meanwhile).
        StickLayout layout = plan.layout();
        Payload payload = Payload.load();
        MenuOptions menu = MenuOptions.defaults(env.version()).withConsole(o.console().core());
        // Secure Boot: the user's keys (made on first use) and the signed GRUB, before anything is written
        UserKeys keys = o.secureBoot() ? UserKeys.openOrCreate(UserKeys.defaultDirectory()) : null;
        Map<String, byte[]> bootFiles = keys == null ? EspContents.files(payload, menu) : SecureBootStick.bootFiles(keys, payload, menu);
        Target t;
        VerifyResult verified;
        try (StickLock lock = env.locks().exclusive(env.resolver().resolve(o.target()), "install")) {
            t = sameTarget(plan, env.resolver().resolve(o.target()));
            Optional<Refusal> now = check(t, o);
            if (now.isPresent()) throw now.get().exception();
            try (ExclusiveClaim claim = t instanceof Target.Device d ? ExclusiveClaim.claim(d) : null;
                 BlockDevice dev = t instanceof Target.ImageFile image && o.size() != null
                         ? TargetResolver.createImage(image, layout.diskBytes()) : TargetResolver.open(t, false)) {
                try (BlockDevice back = TargetResolver.openUncached(t)) {
                    progress.phase("checking the capacity", 0);
                    CapacityProbe.check(dev, back, new SecureRandom().nextLong());
                }
                new StickInstaller(env.clock()).apply(layout, dev, payload, bootFiles, progress);
                dev.flush();
                if (claim != null) reloadPartitions(claim, progress);
            }
            try (BlockDevice back = TargetResolver.openUncached(t)) { // the bytes on the stick, not the page cache
                verified = VerifyResult.of(o.target(), new StickVerifier(env.clock()).verify(back, payload));
            }
        }
        return new InstallResult(t.path().toString(), env.version(), layout.style().name(), layout.diskBytes(),
                layout.data().fsLabel(), layout.data().sizeBytes(), layout.boot().fsLabel(), layout.boot().sizeBytes(),
                payload.version(), verified, keys == null ? null : SecureBootSetup.of(keys));
    }

    /**
     * Asks the kernel to read the new partition table (BLKRRPART, else partx's BLKPG), so the partitions appear without
     * replugging; a kernel that does not follow is a warning, not a failure (the stick is written and verified).
     */
    private static void reloadPartitions(ExclusiveClaim claim, ProgressListener progress) {
        progress.phase("telling the kernel about the new partitions", 0);
        try {
            PartitionTableReload.Result r = PartitionTableReload.reload(claim);
            if (!r.matchesTable()) {
                progress.warning("the kernel did not take the new partition table (" + String.join("; ", r.notes())
                        + "); unplug and replug the stick before using it");
            }
        } catch (IOException e) {
            progress.warning("could not ask the kernel to re-read the partition table: " + e.getMessage()
                    + "; unplug and replug the stick before using it");
        }
    }

    /** The target resolved again must be the one planned: same disk (device number and size) or same file. */
    private static Target sameTarget(InstallPlan plan, Target now) throws RefusedException {
        Target before = plan.target();
        boolean same = before instanceof Target.Device b && now instanceof Target.Device n
                ? b.node().majorMinor().equals(n.node().majorMinor()) && b.node().sizeBytes() == n.node().sizeBytes()
                : before instanceof Target.ImageFile && now instanceof Target.ImageFile;
        if (!same) {
            throw new RefusedException(plan.description().path() + " changed since the plan was made",
                    "run the command again and check the disk it shows");
        }
        return now;
    }

    /** Reads the target to tell whether it is a polyboot stick already (false for a new or empty image). */
    private PolybootProbe probe() {
        return t -> {
            if (t instanceof Target.ImageFile && (!Files.isRegularFile(t.path()) || Files.size(t.path()) < 512)) return false;
            try (BlockDevice dev = TargetResolver.open(t, true)) {
                return new StickInspector(env.clock()).holdsPolyboot(dev);
            } catch (IOException e) {
                return false;
            }
        };
    }
}
