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
                "", "Keys: timeout (seconds before the default image boots), default (an image path), and per",
                "image alias./PATH (the menu title) and hidden./PATH (true: left out of the menu and list).",
                "Aliases, hidden and default apply to catalogued images ('polyboot refresh' catalogues files",
                "copied by hand). The file can be edited by hand (schema polyboot-config.schema.json in polyboot's",
                "core jar); the menu follows it at the next config set, add or refresh. A file that is not valid",
                "is ignored with a warning: the menu stays the plain one."},
        subcommands = {ConfigCommand.Show.class, ConfigCommand.Validate.class, ConfigCommand.Set.class},
        footer = {"%nExamples:", "  polyboot config show /dev/sdX", "  polyboot config set stick.img timeout 10",
                "  polyboot config set stick.img default /linux/debian.iso",
                "  polyboot config set stick.img alias./linux/debian.iso 'Debian for the lab'",
                "  polyboot config set stick.img hidden./tools/old.iso true", ExitCodes.FOOTER})
final class ConfigCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing subcommand: show, validate or set");
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
                    "", "An empty VALUE ('') removes the key."},
            footer = {"%nExamples:", "  polyboot config set /dev/sdX timeout 5", "  polyboot config set stick.img timeout ''",
                    ExitCodes.FOOTER})
    static final class Set implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "TARGET", description = "polyboot stick (/dev/sdX) or image file")
        String target;

        @Parameters(index = "1", paramLabel = "KEY", description = "timeout, default, alias./PATH or hidden./PATH")
        String key;

        @Parameters(index = "2", paramLabel = "VALUE", description = "seconds, an image path, a title, true/false; '' removes")
        String value;

        @Option(names = "--json", description = "print the new configuration as JSON (schema: config.schema.json)")
        boolean json;

        @Override
        public Integer call() throws Exception {
            TerminalProgress progress = TerminalProgress.forStderr(spec.commandLine().getErr());
            StickConfiguration c = Services.polyboot().setConfig(target, key, value, progress);
            progress.finish();
            print(spec.commandLine().getOut(), c, json);
            return ExitCodes.OK;
        }
    }

    static void print(PrintWriter out, StickConfiguration c, boolean json) {
        if (json) {
            out.print(Json.render(c));
        } else if (!c.exists()) {
            out.println("no " + StickConfiguration.FILE + ": the menu uses polyboot's defaults");
        } else {
            out.println("timeout  " + (c.timeoutSeconds() == null ? "(none: the menu waits)" : c.timeoutSeconds() + " s"));
            out.println("default  " + (c.defaultImage() == null ? "(the first image)" : c.defaultImage()));
            for (StickConfiguration.ImageSetting i : c.images()) {
                out.println(i.path() + (i.hidden() ? "  hidden" : "") + (i.alias() == null ? "" : "  alias \"" + i.alias() + "\""));
            }
        }
        out.flush();
    }
}
