package dev.polyboot.core.images;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** {@link StickWriterMain} in its own JVM (a second polyboot process); close() kills it if it still runs. */
final class StickProcess implements AutoCloseable {
    private final Process process;
    private final BufferedReader out;
    private final Writer in;

    StickProcess(Path lockDir, long waitMillis, Path image, String... op) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-Xshare:auto", "-cp", System.getProperty("java.class.path"),
                StickWriterMain.class.getName(), lockDir.toString(), Long.toString(waitMillis), image.toString()));
        cmd.addAll(List.of(op));
        process = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        in = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
    }

    long pid() {
        return process.pid();
    }

    /** The next line it printed (null when it exited). */
    String line() throws IOException {
        return out.readLine();
    }

    void go() throws IOException {
        in.write("go\n");
        in.flush();
    }

    /** Closes its stdin (a holder then releases its lock and exits) and returns the exit code. */
    int finish() throws IOException, InterruptedException {
        in.close();
        if (!process.waitFor(60, TimeUnit.SECONDS)) throw new IllegalStateException("child did not finish");
        return process.exitValue();
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
