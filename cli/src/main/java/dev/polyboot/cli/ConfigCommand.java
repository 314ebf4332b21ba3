package dev.polyboot.cli;

import dev.polyboot.core.api.Json;
import dev.polyboot.core.api.StickConfiguration;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "config", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"Show, check or change the stick's configuration, /polyboot.json on the data partition.",
                "", "Keys: timeout (seconds before the default image boots), default (an image path), view (list, or",
                "folders: each folder a submenu; alias./FOLDER names it), show (all, or listed: only images or",
                "folders with listed./PATH true, and no files the catalogue does not know), password",
                "(every image asks for it), and per image alias./PATH (the menu title), hidden./PATH (true: left",
                "out of the menu and list), listed./PATH, mode./PATH (memdisk: under BIOS the whole image in RAM;",
                "loopback: the ISO's own /boot/grub/loopback.cfg), secureBoot./PATH (false: declined for Secure Boot, nothing of it is signed)",
                "and per image or folder password./PATH. Passwords are given as '-' and",
                "typed (or read from standard input), and stored only as GRUB PBKDF2 hashes. GRUB asks for a user",
                "name first: polyboot for the menu password, the file or folder name for the others ('config",
                "show' prints them). With any password set, GRUB's entry editor and command line need the menu",
                "password.",
                "Aliases, hidden and default apply to catalogued images ('polyboot refresh' catalogues files",
                "copied by hand). The file can be edited by hand (schema polyboot-config.schema.json in polyboot's",
                "core jar); the menu follows it at the next config set, add or refresh. A file that is not valid",
                "is ignored with a warning: the menu stays the plain one."},
        subcommands = {ConfigCommand.Show.class, ConfigCommand.Validate.class, ConfigCommand.Set.class, ConfigCommand.Edit.class, ConfigCommand.Import.class},
        footer = {"%nExamples:", "  polyboot config show /dev/sdX", "  polyboot config set stick.img timeout 10",
                "  polyboot config set stick.img default /linux/debian.iso",
                "  polyboot config set stick.img alias./linux/debian.iso 'Debian for the lab'",
                "  polyboot config set stick.img hidden./tools/old.iso true",
                "  polyboot config set stick.img listed./linux true; polyboot config set stick.img show listed",
                "  polyboot config set stick.img mode./tools/dos.img memdisk",
                "  polyboot config set stick.img password./windows -", ExitCodes.FOOTER})
final class ConfigCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing subcommand: show, validate, set, edit or import");
    }

    @Command(name = "show", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
            description = "Print the stick's configuration (fails with the key and line when the file is not valid).",
            footer = {"%nExamples:", "  polyboot config show /dev/sdX --json", ExitCodes.FOOTER})
    static final class Show implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "TARGET", description = "polyboot stick (/dev/sdX) or image file")
        String target;

        @Option(names = "--json", description = "print JSON (schema: config.schema.json in polyboot's core jar)")
        boolean json;

        @Override
        public Integer call() throws Exception {
            StickConfiguration c = Services.polyboot().config(target);
            print(spec.commandLine().getOut(), c, json);
            return ExitCodes.OK;
        }
    }

    @Command(name = "validate", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
            description = "Check /polyboot.json against its schema; a problem is printed with its key and line.",
            footer = {"%nExamples:", "  polyboot config validate /dev/sdX", ExitCodes.FOOTER})
    static final class Validate implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "TARGET", description = "polyboot stick (/dev/sdX) or image file")
        String target;

        @Override
        public Integer call() throws Exception {
            StickConfiguration c = Services.polyboot().config(target);
            PrintWriter out = spec.commandLine().getOut();
            out.println(c.exists() ? StickConfiguration.FILE + " is valid" : "no " + StickConfiguration.FILE + ": the menu uses polyboot's defaults");
            out.flush();
            return ExitCodes.OK;
        }
    }

    @Command(name = "set", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
            description = {"Set one key of /polyboot.json and render the menu's catalogue again.",
                    "", "An empty VALUE ('') removes the key. A password's VALUE is '-': polyboot asks for it twice on",
                    "a terminal (else reads one line from standard input) and writes only its GRUB PBKDF2 hash; a hash",
                    "from grub-mkpasswd-pbkdf2 is taken as it is. A password is never taken from the command line."},
            footer = {"%nExamples:", "  polyboot config set /dev/sdX timeout 5", "  polyboot config set stick.img timeout ''",
                    "  polyboot config set stick.img password -", "  printf '%s\\n' \"$PW\" | polyboot config set stick.img password./tools -",
                    ExitCodes.FOOTER})
    static final class Set implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "TARGET", description = "polyboot stick (/dev/sdX) or image file")
        String target;

        @Parameters(index = "1", paramLabel = "KEY", description = "timeout, default, view, show, password, alias./PATH, hidden./PATH, listed./PATH, mode./PATH, secureBoot./PATH or password./PATH")
        String key;

        @Parameters(index = "2", paramLabel = "VALUE", description = "seconds, an image path, a title, true/false, - (a password); '' removes")
        String value;

        @Option(names = "--json", description = "print the new configuration as JSON (schema: config.schema.json)")
        boolean json;

        @Override
        public Integer call() throws Exception {
            TerminalProgress progress = TerminalProgress.forStderr(spec.commandLine().getErr());
            boolean password = key.equals("password") || key.startsWith("password.");
            StickConfiguration c = password && value.equals("-")
                    ? Services.polyboot().setConfigPassword(target, key, readPassword(key), progress)
                    : Services.polyboot().setConfig(target, key, value, progress);
            progress.finish();
            print(spec.commandLine().getOut(), c, json);
            return ExitCodes.OK;
        }
    }

    @Command(name = "edit", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
            description = {"Open /polyboot.json in your editor ($VISUAL, else $EDITOR, else vi) and write it back",
                    "only when it is valid; the menu is rendered again. A file that is not valid is not written: the",
                    "problem is printed with its key and line and, on a terminal, the editor opens again."},
            footer = {"%nExamples:", "  polyboot config edit /dev/sdX", "  EDITOR=nano polyboot config edit stick.img", ExitCodes.FOOTER})
    static final class Edit implements Callable<Integer> {
        /** What a stick without the file starts from. */
        static final String TEMPLATE = "{\n  \"$schema\": \"https://polyboot.dev/schema/polyboot-config.schema.json\",\n  \"version\": 1\n}\n";

        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "TARGET", description = "polyboot stick (/dev/sdX) or image file")
        String target;

        @Option(names = "--editor", paramLabel = "COMMAND", description = "the editor command (default: $VISUAL, $EDITOR, vi); the file's path is added")
        String editor;

        @Override
        public Integer call() throws Exception {
            String before = Services.polyboot().configText(target).orElse(TEMPLATE);
            java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("polyboot-edit");
            java.nio.file.Path file = dir.resolve("polyboot.json");
            java.nio.file.Files.writeString(file, before);
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            while (true) {
                runEditor(file);
                String after = java.nio.file.Files.readString(file);
                if (after.equals(before)) {
                    out.println("no change: " + StickConfiguration.FILE + " was not written");
                    out.flush();
                    deleteQuietly(file, dir);
                    return ExitCodes.OK;
                }
                java.util.Optional<String> problem = dev.polyboot.core.api.Polyboot.configProblem(after);
                if (problem.isEmpty()) {
                    TerminalProgress progress = TerminalProgress.forStderr(err);
                    StickConfiguration c = Services.polyboot().replaceConfig(target, after, progress);
                    progress.finish();
                    deleteQuietly(file, dir);
                    print(out, c, false);
                    return ExitCodes.OK;
                }
                err.println("polyboot: " + problem.get());
                err.flush();
                if (System.console() == null || !askAgain()) {
                    throw new CliException(problem.get() + "; nothing was written",
                            "your edit is kept in " + file + ": fix it and copy it onto the data partition, or run 'polyboot config edit' again",
                            ExitCodes.FAILURE);
                }
            }
        }

        private void runEditor(java.nio.file.Path file) throws Exception {
            String cmd = editor;
            if (cmd == null || cmd.isBlank()) cmd = System.getenv("VISUAL");
            if (cmd == null || cmd.isBlank()) cmd = System.getenv("EDITOR");
            if (cmd == null || cmd.isBlank()) cmd = "vi";
            // through sh, so that EDITOR may carry arguments ("code --wait"); the path is one quoted argument
            Process p = new ProcessBuilder("sh", "-c", cmd + " \"$1\"", "polyboot-edit", file.toString()).inheritIO().start();
            int rc = p.waitFor();
            if (rc != 0) {
                throw new CliException("the editor (" + cmd + ") exited with " + rc + "; nothing was written",
                        "set VISUAL or EDITOR to an editor that exits with 0 after saving", ExitCodes.FAILURE);
            }
        }

        private static boolean askAgain() {
            String answer = System.console().readLine("Edit again? [Y/n] ");
            return answer != null && !answer.trim().toLowerCase(java.util.Locale.ROOT).startsWith("n");
        }

        private static void deleteQuietly(java.nio.file.Path file, java.nio.file.Path dir) {
            try {
                java.nio.file.Files.deleteIfExists(file);
                java.nio.file.Files.deleteIfExists(dir);
            } catch (java.io.IOException ignored) {
                // a temp file left behind is harmless
            }
        }
    }

    @Command(name = "import", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
            description = {"Convert a Ventoy ventoy.json into the stick's /polyboot.json and render the menu again.",
                    "", "Converted: control (VTOY_MENU_TIMEOUT, VTOY_DEFAULT_IMAGE, list view), menu_alias of images,",
                    "image_blacklist (hidden), image_list (show listed, each entry listed), password",
                    "(bootpwd and menupwd given as txt#: hashed, never stored plain). Every other key is printed with",
                    "why it was not converted (md5#/sha256# passwords, tips, classes, themes, tree view, ...)."},
            footer = {"%nExamples:", "  polyboot config import /dev/sdX /media/ventoy/ventoy/ventoy.json", ExitCodes.FOOTER})
    static final class Import implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "TARGET", description = "polyboot stick (/dev/sdX) or image file")
        String target;

        @Parameters(index = "1", paramLabel = "VENTOY_JSON", description = "a Ventoy configuration file (ventoy.json)")
        java.nio.file.Path file;

        @Override
        public Integer call() throws Exception {
            TerminalProgress progress = TerminalProgress.forStderr(spec.commandLine().getErr());
            dev.polyboot.core.api.VentoyImportReport r = Services.polyboot().importVentoy(target, file, progress);
            progress.finish();
            PrintWriter out = spec.commandLine().getOut();
            out.println("converted (" + r.converted().size() + "):");
            r.converted().forEach(c -> out.println("  " + c));
            out.println("not converted (" + r.unconverted().size() + "):");
            r.unconverted().forEach(u -> out.println("  " + u.key() + ": " + u.why()));
            r.notes().forEach(n -> out.println("note: " + n));
            out.println();
            print(out, r.configuration(), false);
            return ExitCodes.OK;
        }
    }

    /** Twice without echo on a terminal; else one line of standard input (for scripts), never the command line. */
    private static char[] readPassword(String key) throws CliException, java.io.IOException {
        return Secrets.readNew("Password for " + key, "password",
                "pipe it in: printf '%s\\n' \"$PW\" | polyboot config set TARGET " + key + " -");
    }

    static void print(PrintWriter out, StickConfiguration c, boolean json) {
        if (json) {
            out.print(Json.render(c));
        } else if (!c.exists()) {
            out.println("no " + StickConfiguration.FILE + ": the menu uses polyboot's defaults");
        } else {
            out.println("timeout  " + (c.timeoutSeconds() == null ? "(none: the menu waits)" : c.timeoutSeconds() + " s"));
            out.println("default  " + (c.defaultImage() == null ? "(the first image)" : c.defaultImage()));
            if (c.view() != null) out.println("view     " + c.view());
            if (c.show() != null) out.println("show     " + c.show() + ("listed".equals(c.show()) ? " (only images marked listed)" : ""));
            if (c.passwordUser() != null) out.println("password set (GRUB user name: " + c.passwordUser() + ")");
            for (StickConfiguration.ImageSetting i : c.images()) {
                out.println(i.path() + (i.hidden() ? "  hidden" : "") + (i.listed() ? "  listed" : "") + (i.mode() == null ? "" : "  mode " + i.mode()) + (i.alias() == null ? "" : "  alias \"" + i.alias() + "\"")
                        + (i.passwordUser() == null ? "" : "  password (GRUB user name: " + i.passwordUser() + ")")
                        + (i.secureBootDeclined() ? "  declined for Secure Boot" : ""));
            }
        }
        out.flush();
    }
}
