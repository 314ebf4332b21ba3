package dev.polyboot.cli;

import dev.polyboot.core.api.Json;
import dev.polyboot.core.api.SecureBootSetup;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "keys", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"Your Secure Boot keys: they sign what a polyboot stick boots with Secure Boot on.",
                "", "An X.509 code-signing key and certificate (shim trusts it once you enrol the certificate in MokManager",
                "on each computer) and an OpenPGP key (polyboot's GRUB checks its menu and files with it). They live on",
                "this computer only (POLYBOOT_KEYS, else $XDG_CONFIG_HOME/polyboot/keys, else ~/.config/polyboot/keys;",
                "private files 0600) and never go onto a stick. install makes them on first use; add and refresh sign",
                "with them, so a stick is approved from a computer that holds them.",
                "", "keys init --passphrase encrypts both private keys. polyboot then asks for the passphrase whenever it",
                "signs (install, update, add, refresh, config; web asks once at start); scripts name a file holding it",
                "(mode 0600) in POLYBOOT_KEY_PASSPHRASE_FILE."},
        subcommands = {KeysCommand.Init.class, KeysCommand.Show.class, KeysCommand.ExportCert.class},
        footer = {"%nExamples:", "  polyboot keys init --passphrase", "  polyboot keys show --json", "  polyboot keys export-cert polyboot.cer",
                ExitCodes.FOOTER})
final class KeysCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing subcommand: init, show or export-cert");
    }

    /** The text both init and show print. */
    static void print(PrintWriter out, SecureBootSetup k, boolean json) {
        if (json) {
            out.print(Json.render(k));
        } else {
            if (k.keysCreated()) out.printf("created your Secure Boot keys in %s%n", k.keysDirectory());
            else out.printf("Secure Boot keys in %s%n", k.keysDirectory());
            out.printf("  certificate   %s%n", k.certificateSubject());
            out.printf("  sha256        %s%n", k.certificateFingerprint());
            out.printf("  openpgp key   %s%n", k.openPgpFingerprint());
            out.printf("  passphrase    %s%n", k.passphraseProtected() ? "yes (asked whenever polyboot signs)" : "none");
            out.println("first boot of a stick on each computer:");
            for (String line : k.firstBootSteps()) out.println("  " + line.strip());
            out.println(k.revoke());
        }
        out.flush();
    }

    /** init and show: one report of the keys, as text or JSON. */
    abstract static class Report implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--json", description = "print JSON (schema: keys.schema.json in polyboot's core jar)")
        boolean json;

        abstract SecureBootSetup keys() throws Exception;

        @Override
        public Integer call() throws Exception {
            print(spec.commandLine().getOut(), keys(), json);
            return ExitCodes.OK;
        }
    }

    @Command(name = "init", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
            description = {"Make your Secure Boot keys if they do not exist yet (existing keys are kept and shown).",
                    "With --passphrase both private keys are encrypted with a passphrase: typed twice on a terminal, else",
                    "read from one line of standard input. It cannot be added to existing keys."},
            footer = {"%nExamples:", "  polyboot keys init", "  polyboot keys init --passphrase",
                    "  printf '%s\\n' \"$PASS\" | polyboot keys init --passphrase",
                    "  POLYBOOT_KEYS=/media/safe/polyboot-keys polyboot keys init", ExitCodes.FOOTER})
    static final class Init extends Report {
        @Option(names = "--passphrase", description = "protect the private keys with a passphrase (asked, never an argument)")
        boolean passphrase;

        @Override
        SecureBootSetup keys() throws Exception {
            if (!passphrase) return Services.polyboot().keysInit();
            char[] p = Secrets.readNew("Passphrase for your new Secure Boot keys", "passphrase",
                    "pipe it in: printf '%s\\n' \"$PASS\" | polyboot keys init --passphrase");
            try {
                return Services.polyboot().keysInit(p);
            } finally {
                java.util.Arrays.fill(p, '\0');
            }
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
            description = {"Show your Secure Boot keys: where they are, the certificate's subject and SHA-256, the OpenPGP key."},
            footer = {"%nExamples:", "  polyboot keys show", ExitCodes.FOOTER})
    static final class Show extends Report {
        @Override
        SecureBootSetup keys() throws Exception {
            return Services.polyboot().keys();
        }
    }

    @Command(name = "export-cert", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
            description = {"Write the certificate shim is asked to trust to FILE: DER (what MokManager and",
                    "'mokutil --import' / 'mokutil --delete' take) or, with --pem, PEM. An existing FILE is never overwritten."},
            footer = {"%nExamples:", "  polyboot keys export-cert polyboot.cer", "  sudo mokutil --import polyboot.cer    (enrol from Linux)",
                    "  sudo mokutil --delete polyboot.cer    (take the trust back)", ExitCodes.FOOTER})
    static final class ExportCert implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "FILE", description = "where to write the certificate")
        Path file;

        @Option(names = "--pem", description = "PEM instead of DER")
        boolean pem;

        @Override
        public Integer call() throws Exception {
            Path to = Services.polyboot().keysExportCertificate(file, pem);
            PrintWriter out = spec.commandLine().getOut();
            out.printf("wrote %s (%s)%n", to, pem ? "PEM" : "DER");
            out.flush();
            return ExitCodes.OK;
        }
    }
}
