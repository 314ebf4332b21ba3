package dev.polyboot.web;

import dev.polyboot.core.api.Polyboot;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Path;

/**
 * The server in a JVM of its own (started by {@link LargeUploadTest} with a small heap): prints "url TOKEN PORT",
 * serves until its standard input closes, then prints "peak-heap BYTES" (the sum of the heap pools' peaks).
 */
public final class ChildServer {
    private ChildServer() {}

    public static void main(String[] args) throws Exception {
        try (WebServer server = WebServer.start(Polyboot.system(), new WebServer.Options(0, null, Path.of(args[0])))) {
            System.out.println("url " + server.token() + " " + server.port());
            System.out.flush();
            while (System.in.read() >= 0) {
                // wait for the test to close our standard input
            }
            long peak = 0;
            for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
                if (p.getType() == MemoryType.HEAP) peak += p.getPeakUsage().getUsed();
            }
            System.out.println("peak-heap " + peak);
            System.out.flush();
        }
    }
}
