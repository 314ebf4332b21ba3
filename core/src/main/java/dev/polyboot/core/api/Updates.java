package dev.polyboot.core.api;

import dev.polyboot.core.boot.EspContents;
import dev.polyboot.core.device.ExclusiveClaim;
import dev.polyboot.core.install.StickInspector;
import dev.polyboot.core.secureboot.SecureBootStick;
import dev.polyboot.core.secureboot.StickSecureBoot;
import dev.polyboot.core.secureboot.UserKeys;
import java.nio.file.Path;
import dev.polyboot.core.device.RefusedException;
import dev.polyboot.core.device.StickLock;
import dev.polyboot.core.device.Target;
import dev.polyboot.core.device.TargetResolver;
import dev.polyboot.core.install.StickUpdater;
import dev.polyboot.core.install.StickVerifier;
import dev.polyboot.core.install.UpdateResult;
import dev.polyboot.core.payload.Payload;
import dev.polyboot.formats.io.BlockDevice;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

/** update's plan and its application ({@link Polyboot#updatePlan}, {@link Polyboot#update}). */
final class Updates {
    private final Environment env;

    Updates(Environment env) {
        this.env = env;
    }

    UpdatePlan plan(String target, MenuConsole console, boolean secureBoot) throws IOException {
        Polyboot api = new Polyboot(env);
        Target t;
        try {
            t = api.existing(target);
        } catch (RefusedException e) {
            return new UpdatePlan(null, TargetDescription.unresolved(target), console, List.of(Refusal.of(e)), null);
        }
        TargetDescription d = TargetDescription.of(t, t instanceof Target.Device dev ? api.nowOn(dev) : Optional.empty());
        UpdatePlan.SecureBootChange change = null;
        try {
            env.guard().checkUpdate(t);
            change = secureBootKeys(t).isPresent() ? UpdatePlan.SecureBootChange.KEEP
                    : secureBoot ? UpdatePlan.SecureBootChange.SET_UP : UpdatePlan.SecureBootChange.NONE;
            return new UpdatePlan(t, d, console, List.of(), change);
        } catch (RefusedException e) {
            return new UpdatePlan(t, d, console, List.of(Refusal.of(e)), change);
        }
    }

    /**
     * A stick set up for Secure Boot keeps its layout, which needs the key it was made with (its GRUB is rebuilt and
     * signed again): empty for a stick without Secure Boot; refused when that key is not on this computer.
     */
    private Optional<UserKeys> secureBootKeys(Target t) throws IOException, RefusedException {
        StickSecureBoot sb;
        try (BlockDevice dev = TargetResolver.open(t, true)) {
            sb = new StickInspector(env.clock()).inspect(dev).secureBoot();
        }
        if (!sb.capable()) return Optional.empty();
        Path dir = UserKeys.defaultDirectory();
        Optional<UserKeys> keys = UserKeys.open(dir);
        if (keys.isEmpty() || !keys.get().certificateFingerprint().equals(sb.certificateFingerprint())) {
            throw new RefusedException("this stick boots under Secure Boot with a key that is not on this computer"
                    + " (stick's certificate sha256 " + sb.certificateFingerprint() + (keys.isEmpty() ? "; no keys in " + dir
                    : "; the keys in " + dir + " are " + keys.get().certificateFingerprint()) + ")",
                    "update it where it was installed, or point POLYBOOT_KEYS at a copy of that key directory");
        }
        return keys;
    }

    UpdateOutcome apply(UpdatePlan plan, Confirmation yes, ProgressListener progress) throws IOException, RefusedException {
        if (plan.refused()) throw plan.refusals().get(0).exception();
        if (plan.confirmationNeeded() && !yes.covers(plan.description())) {
            throw new RefusedException("not confirmed: updating " + plan.description().path(),
                    "confirm the plan (type the device name and yes), or use --yes");
        }
        UpdateOutcome done = update(plan, progress);
        if (done.secureBootSetUp() != null) {
            // its images were added without a key: the catalogue, initrds, programs and kernels are approved now
            // (polyboot's own files under /.polyboot; the user's files are not touched), under the stick's lock again
            new Polyboot(env).library().approveAll(plan.target(), progress);
        }
        return done;
    }

    private UpdateOutcome update(UpdatePlan plan, ProgressListener progress) throws IOException, RefusedException {
        Target t = plan.target();
        Payload payload = Payload.load();
        try (StickLock lock = env.locks().exclusive(t, "update")) {
            env.guard().checkUpdate(t); // again, right before writing: a boot partition may have been mounted meanwhile
            Optional<UserKeys> kept = secureBootKeys(t);
            // set up now: the keys are made if this computer has none (as install does), the plan said so
            boolean setUp = kept.isEmpty() && plan.secureBoot() == UpdatePlan.SecureBootChange.SET_UP;
            Optional<UserKeys> keys = setUp ? Optional.of(UserKeys.openOrCreate(UserKeys.defaultDirectory())) : kept;
            StickUpdater.BootFiles files = keys.isPresent()
                    ? menu -> SecureBootStick.bootFiles(keys.get(), payload, menu) : menu -> EspContents.files(payload, menu);
            UpdateResult r;
            // a disk is held open exclusively while it is written: nothing can mount it meanwhile
            try (ExclusiveClaim claim = t instanceof Target.Device d ? ExclusiveClaim.claim(d) : null;
                 BlockDevice dev = TargetResolver.open(t, false)) {
                r = new StickUpdater(env.clock()).update(dev, payload,
                        plan.console() == null ? null : plan.console().core(), env.version(), files, progress);
                dev.flush();
            }
            VerifyResult v;
            try (BlockDevice back = TargetResolver.openUncached(t)) { // the bytes on the stick, not the page cache
                v = VerifyResult.of(plan.description().path(), new StickVerifier(env.clock()).verify(back, payload));
            }
            return new UpdateOutcome(plan.description().path(), r.previousVersion(), r.previousPayload(), r.newVersion(),
                    r.newPayload(), r.console(), v, setUp ? SecureBootSetup.of(keys.get()) : null);
        }
    }
}
