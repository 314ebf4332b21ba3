package dev.polyboot.core.images;

import dev.polyboot.core.device.RefusedException;
import dev.polyboot.core.device.StickLock;
import dev.polyboot.core.device.StickLocks;
import dev.polyboot.core.device.Target;
import dev.polyboot.core.device.TargetGuard;
import dev.polyboot.core.install.TestSticks;
import dev.polyboot.core.progress.ProgressListener;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A second polyboot process for the lock tests: {@code LOCKDIR WAIT_MS IMAGE OP [ARG]} with OP one of add FILE,
 * remove PATH, refresh, hold (exclusive lock until stdin closes), hold-read (shared lock). Prints "ready" once
 * loaded, waits for a line on stdin, runs, then prints "OK start end", "REFUSED start end message" or "LOCKED pid".
 */
public final class StickWriterMain {
    public static void main(String[] args) throws Exception {
        StickLocks locks = new StickLocks(Path.of(args[0]), Duration.ofMillis(Long.parseLong(args[1])));
        Target stick = new Target.ImageFile(Path.of(args[2]));
        String op = args[3];
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        ImageLibrary lib = new ImageLibrary(TargetGuard.system(), TestSticks.CLOCK, "0.1.0-test", locks);
        if (op.startsWith("hold")) {
            try (StickLock l = op.equals("hold") ? locks.exclusive(stick, "add") : locks.shared(stick, "list")) {
                System.out.println("LOCKED " + ProcessHandle.current().pid());
                System.out.flush();
                in.readLine(); // until the test closes stdin
            }
            return;
        }
        try {
            lib.list(stick); // load the classes before the race starts
        } catch (RefusedException e) {
            // the test holds the stick already
        }
        System.out.println("ready");
        System.out.flush();
        in.readLine();
        long start = System.currentTimeMillis();
        try {
            switch (op) {
                case "add" -> {
                    AddResult r = lib.add(stick, List.of(Path.of(args[4])), "/", true, ProgressListener.NONE);
                    if (!r.complete()) throw new IllegalStateException("add failed: " + r.failed());
                }
                case "remove" -> lib.remove(stick, args[4]);
                case "refresh" -> lib.refresh(stick, ProgressListener.NONE);
                default -> throw new IllegalArgumentException(op);
            }
            System.out.println("OK " + start + " " + System.currentTimeMillis());
        } catch (RefusedException e) {
            System.out.println("REFUSED " + start + " " + System.currentTimeMillis() + " " + e.getMessage());
        }
        System.out.flush();
    }
}
