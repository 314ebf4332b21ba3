package dev.polyboot.core.crash;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One line per writer of the crash-state table. Printed as a {@code CRASH-ROW} line on stdout, and appended to the
 * file named by {@code -Dpolyboot.crash.table} (bench/crash-states reads it).
 */
final class CrashTable {
    /** States checked per writer when more steps were recorded; {@code -Dpolyboot.crash.maxStates} changes it. */
    static final int MAX_STATES = Integer.getInteger("polyboot.crash.maxStates", 60);

    private CrashTable() {}

    /**
     * @param bootable "bootable/checked" for update and install, "-" for the data-partition writers
     * @param notes    free text: sampling, re-run outcomes
     */
    record Row(String writer, int writes, int steps, int checked, String fsckClean, int filesIntact, int listComplete,
               int recovered, String bootable, long millis, String notes) {
        static String part(int n, int of) {
            return n < 0 ? "-" : n + "/" + of;
        }

        String line() {
            return String.join("\t", writer, Integer.toString(writes), Integer.toString(steps + 1), Integer.toString(checked),
                    fsckClean, part(filesIntact, checked), part(listComplete, checked),
                    recovered + "/" + checked, bootable, millis + " ms", notes);
        }
    }

    static synchronized void report(Row row) throws IOException {
        String line = row.line();
        System.out.println("CRASH-ROW\t" + line);
        String file = System.getProperty("polyboot.crash.table");
        if (file != null && !file.isBlank()) {
            Files.writeString(Path.of(file), line + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        }
    }
}
