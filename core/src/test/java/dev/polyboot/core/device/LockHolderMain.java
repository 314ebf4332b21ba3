package dev.polyboot.core.device;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Another polyboot process for {@link StickLocksTest}: {@code LOCKDIR TARGET} resolves TARGET as the CLI does, takes
 * the exclusive lock ("install"), prints "LOCKED pid" and holds it until stdin closes; "REFUSED message" if it cannot.
 */
public final class LockHolderMain {
    public static void main(String[] args) throws Exception {
        StickLocks locks = new StickLocks(Path.of(args[0]), Duration.ofMillis(200));
        Target target = TargetResolver.system().resolve(args[1]);
        try (StickLock l = locks.exclusive(target, "install")) {
            System.out.println("LOCKED " + ProcessHandle.current().pid());
            System.out.flush();
            new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        } catch (RefusedException e) {
            System.out.println("REFUSED " + e.getMessage());
        }
    }
}
