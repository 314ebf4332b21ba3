package dev.polyboot.cli;

import dev.polyboot.web.WebServer;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "web", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"Serve polyboot's page on this computer: drives, install, images, add by upload, configuration.",
                "", "Listens on 127.0.0.1 only and prints the address with a one-time token (every call of the page's",
                "API needs it; a new one at every start). The page calls the same operations as the commands, with the",
                "same checks and the same two steps before erasing a disk. Writing to a disk needs root, as for the",
                "commands. Ctrl-C stops the server (a job still running is cut off, as Ctrl-C cuts a command off)."},
        footer = {"%nExamples:", "  polyboot web                  a free port", "  sudo polyboot web --port 8080 --open",
                ExitCodes.FOOTER})
final class WebCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--port", paramLabel = "N", defaultValue = "0", description = "port on 127.0.0.1 (default: a free one)")
    int port;

    @Option(names = "--upload-dir", paramLabel = "DIR",
            description = "where a file uploaded to be inspected waits (default: $TMPDIR or /tmp); added images go straight onto the stick")
    Path uploadDir;

    @Option(names = "--open", description = "open the page in the desktop's browser (xdg-open)")
    boolean open;

    @Override
    public Integer call() throws Exception {
        unlockKeys(Services.polyboot());
        WebServer server;
        try {
            server = WebServer.start(Services.polyboot(), new WebServer.Options(port, null, uploadDir));
        } catch (IllegalArgumentException e) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "polyboot-web-stop"));
        PrintWriter out = spec.commandLine().getOut();
        out.println("polyboot web: open " + server.url());
        out.println("(127.0.0.1 only; the token changes at every start; Ctrl-C stops)");
        out.flush();
        if (open) openBrowser(server.url(), spec.commandLine().getErr());
        stopped.await();
        return ExitCodes.OK;
    }

    /**
     * Protected Secure Boot keys: the passphrase is asked here, once, before the server starts (a job must never wait
     * for a terminal), unless POLYBOOT_KEY_PASSPHRASE_FILE names it. Jobs then never prompt.
     */
    private static void unlockKeys(dev.polyboot.core.api.Polyboot polyboot) throws Exception {
        if (polyboot.keysNeedPassphrase() && System.getenv(dev.polyboot.core.api.Polyboot.KEY_PASSPHRASE_FILE) == null) {
            char[] p = Secrets.keyPassphrase(Path.of(polyboot.keys().keysDirectory()));
            if (p == null) {
                throw new CliException("your Secure Boot keys are protected by a passphrase and there is no terminal to ask for it",
                        "name a file holding it (mode 0600) in " + dev.polyboot.core.api.Polyboot.KEY_PASSPHRASE_FILE, ExitCodes.USAGE);
            }
            try {
                polyboot.unlockKeys(p);
            } finally {
                java.util.Arrays.fill(p, '\0');
            }
        }
        dev.polyboot.core.api.Polyboot.keyPassphrasePrompt(null);
    }

    private static void openBrowser(String url, PrintWriter err) {
        try {
            new ProcessBuilder(List.of("xdg-open", url)).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException e) {
            err.println("warning: could not start xdg-open (" + e.getMessage() + "); open the address above yourself");
            err.flush();
        }
    }
}
