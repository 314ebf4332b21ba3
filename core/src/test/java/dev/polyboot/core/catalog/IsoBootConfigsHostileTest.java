package dev.polyboot.core.catalog;

import static dev.polyboot.core.catalog.IsoBootConfigsTest.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.polyboot.core.boot.BootMode;
import dev.polyboot.formats.testing.Tools;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Config files as hostile input and the GRUB/syslinux details one at a time: loops, missing and huge files,
 * caps, broken syntax and garbage always give a result or empty with the problems said, never an exception
 * other than the content's own IOException.
 */
class IsoBootConfigsHostileTest {
    @TempDir
    Path tmp;

    static final String ENTRY = "menuentry \"Live\" {\n  linux /live/vmlinuz boot=live\n  initrd /live/initrd.img\n}\n";

    Path root() throws IOException {
        Path root = Files.createTempDirectory(tmp, "tree");
        write(root, "/live/vmlinuz", "kernel");
        write(root, "/live/initrd.img", "initrd");
        return root;
    }

    static Optional<IsoBootConfig> read(Path root) throws IOException {
        return IsoBootConfigs.read(new DirectoryContent(root, "TEST"));
    }

    static IsoBootConfig grub(Path root, String cfg) throws IOException {
        write(root, "/boot/grub/grub.cfg", cfg);
        return read(root).orElseThrow();
    }

    static IsoBootConfig syslinux(Path root, String cfg) throws IOException {
        write(root, "/isolinux/isolinux.cfg", cfg);
        return read(root).orElseThrow();
    }

    // ---- includes

    @Test
    void grubIncludeLoopIsCutAndSaid() throws IOException {
        Path root = root();
        write(root, "/boot/grub/a.cfg", "source /boot/grub/b.cfg\n" + ENTRY);
        write(root, "/boot/grub/b.cfg", "source /boot/grub/a.cfg\nsource /boot/grub/b.cfg\n");
        IsoBootConfig c = grub(root, "source /boot/grub/a.cfg\n");
        assertThat(c.entries()).extracting(IsoBootEntry::title).containsExactly("Live");
        assertThat(c.entries().get(0).source()).isEqualTo("/boot/grub/a.cfg");
        assertThat(c.problems()).containsExactly(
                "/boot/grub/b.cfg line 1: `/boot/grub/a.cfg` includes itself (a loop): not read again",
                "/boot/grub/b.cfg line 2: `/boot/grub/b.cfg` includes itself (a loop): not read again");
    }

    @Test
    void syslinuxIncludeLoopIsCutAndSaid() throws IOException {
        Path root = root();
        write(root, "/isolinux/menu.cfg", "include isolinux.cfg\nlabel live\n  kernel /live/vmlinuz\n  append initrd=/live/initrd.img boot=live\n");
        IsoBootConfig c = syslinux(root, "include menu.cfg\n");
        assertThat(c.entries()).containsExactly(new IsoBootEntry("live", "/live/vmlinuz", List.of("/live/initrd.img"),
                List.of("boot=live"), "/isolinux/menu.cfg"));
        assertThat(c.problems()).containsExactly("/isolinux/menu.cfg line 1: `/isolinux/isolinux.cfg` includes itself (a loop): not read again");
    }

    @Test
    void aMissingIncludeIsSaid() throws IOException {
        IsoBootConfig c = grub(root(), "source /boot/grub/missing.cfg\nconfigfile ($root)/boot/grub/gone.cfg\n" + ENTRY);
        assertThat(c.entries()).hasSize(1);
        assertThat(c.problems()).containsExactly("/boot/grub/grub.cfg line 1: `/boot/grub/missing.cfg` is not in the ISO",
                "/boot/grub/grub.cfg line 2: `/boot/grub/gone.cfg` is not in the ISO");
        IsoBootConfig s = syslinux(root(), "include nothere.cfg\nlabel l\n linux /live/vmlinuz\n");
        assertThat(s.problems()).containsExactly("/isolinux/isolinux.cfg line 1: `/isolinux/nothere.cfg` is not in the ISO");
    }

    @Test
    void includesDeeperThanEightAreNotRead() throws IOException {
        Path root = root();
        for (int i = 1; i <= 12; i++) write(root, "/boot/grub/d" + i + ".cfg", "source /boot/grub/d" + (i + 1) + ".cfg\n" + ENTRY.replace("Live", "Live " + i).replace("boot=live", "n=" + i));
        IsoBootConfig c = grub(root, "source /boot/grub/d1.cfg\n");
        assertThat(c.entries()).extracting(IsoBootEntry::title).containsExactly("Live 8", "Live 7", "Live 6", "Live 5", "Live 4", "Live 3", "Live 2", "Live 1");
        assertThat(c.problems()).containsExactly("/boot/grub/d8.cfg line 1: `/boot/grub/d9.cfg` is nested more than 8 includes deep: not read");
    }

    @Test
    void moreThan64FilesAreNotRead() throws IOException {
        Path root = root();
        StringBuilder cfg = new StringBuilder();
        for (int i = 0; i < 100; i++) {
            write(root, "/boot/grub/f" + i + ".cfg", ENTRY.replace("boot=live", "n=" + i));
            cfg.append("source /boot/grub/f").append(i).append(".cfg\n");
        }
        IsoBootConfig c = grub(root, cfg.toString());
        assertThat(c.entries()).hasSize(ConfigFiles.MAX_FILES - 1); // grub.cfg is the first of the 64
        assertThat(c.problems().get(0)).isEqualTo("/boot/grub/grub.cfg line 64: `/boot/grub/f63.cfg`: more than 64 config files: not read");
    }

    @Test
    void aFileSourcedEverywhereCostsBoundedWork() throws IOException {
        // fan-out 50 at each of 8 levels would be 50^8 parses without the caps
        Path root = root();
        for (int i = 0; i < 8; i++) write(root, "/boot/grub/l" + i + ".cfg", ("source /boot/grub/l" + (i + 1) + ".cfg\n").repeat(50) + "set x=" + "y".repeat(1000) + "\n");
        long start = System.nanoTime();
        IsoBootConfig c = grub(root, "source /boot/grub/l0.cfg\n" + ENTRY);
        assertThat(System.nanoTime() - start).isLessThan(20_000_000_000L);
        assertThat(c.entries()).hasSize(1);
        assertThat(c.problems()).contains("more than 1024 include commands: the rest are not followed");
    }

    // ---- size caps

    @Test
    void twoThousandEntriesAreCappedAtOneThousand() throws IOException {
        StringBuilder cfg = new StringBuilder();
        for (int i = 0; i < 2000; i++) cfg.append(ENTRY.replace("Live", "Live " + i).replace("boot=live", "n=" + i));
        IsoBootConfig c = grub(root(), cfg.toString());
        assertThat(c.entries()).hasSize(1000);
        assertThat(c.entries().get(999).args()).containsExactly("n=999");
        assertThat(c.problems()).containsExactly("more than 1000 entries: the rest are ignored");

        StringBuilder sys = new StringBuilder();
        for (int i = 0; i < 2000; i++) sys.append("label l").append(i).append("\n linux /live/vmlinuz\n append n=").append(i).append('\n');
        IsoBootConfig s = syslinux(root(), sys.toString());
        assertThat(s.entries()).hasSize(1000);
        assertThat(s.problems()).containsExactly("more than 1000 entries: the rest are ignored");
    }

    @Test
    void aTwoMebibyteConfigIsReadToItsFirstMebibyte() throws IOException {
        String first = ENTRY.replace("Live", "First");
        String filler = "# " + "x".repeat(1000) + "\n";
        String cfg = first + filler.repeat(2100) + ENTRY.replace("Live", "Beyond").replace("boot=live", "far");
        assertThat(cfg.length()).isGreaterThan(2 << 20);
        IsoBootConfig c = grub(root(), cfg);
        assertThat(c.entries()).extracting(IsoBootEntry::title).containsExactly("First");
        assertThat(c.problems()).containsExactly("/boot/grub/grub.cfg is larger than 1 MiB: only its first MiB is read");

        // the line cut at 1 MiB is dropped whole: no shortened APPEND
        String sys = "label a\n linux /live/vmlinuz\n" + "#".repeat((1 << 20) - 40) + "\n append n=1 " + "m".repeat(100) + "\n";
        IsoBootConfig s = syslinux(root(), sys);
        assertThat(s.entries().get(0).args()).isEmpty();
    }

    @Test
    void manySmallCommandsAreCappedByWordsAndLabels() throws IOException {
        IsoBootConfig words = grub(root(), ENTRY + "a;".repeat(400_000));
        assertThat(words.entries()).hasSize(1);
        assertThat(words.problems()).containsExactly(
                "/boot/grub/grub.cfg line 5: more than 100000 words: the rest of the file is ignored");

        IsoBootConfig labels = syslinux(root(), "label a\n linux /live/vmlinuz\n" + "label x\n".repeat(100_000));
        assertThat(labels.entries()).hasSize(1);
        assertThat(labels.problems()).containsExactly("more than 10000 labels: the rest are ignored");
    }

    @Test
    void manyVariablesTimesManyEntriesStaysCheap() throws IOException {
        StringBuilder cfg = new StringBuilder();
        for (int i = 0; i < 15_000; i++) cfg.append("set v").append(i).append("=x\n");
        cfg.append("menuentry x { set y=1 }\n".repeat(6_000)).append(ENTRY);
        long start = System.nanoTime();
        IsoBootConfig c = grub(root(), cfg.toString());
        assertThat(System.nanoTime() - start).isLessThan(10_000_000_000L);
        assertThat(c.entries()).hasSize(1);
    }

    // ---- broken syntax

    @Test
    void unbalancedBracesAndQuotes() throws IOException {
        IsoBootConfig unclosed = grub(root(), ENTRY + "menuentry \"Open\" {\n  linux /live/vmlinuz x\n");
        assertThat(unclosed.entries()).extracting(IsoBootEntry::title).containsExactly("Live");
        assertThat(unclosed.problems()).containsExactly("/boot/grub/grub.cfg line 5: `menuentry` never closed (no `}`): ignored");

        IsoBootConfig stray = grub(root(), "}\n" + ENTRY + "}}\nfi\n");
        assertThat(stray.entries()).hasSize(1);
        assertThat(stray.problems()).containsExactly("/boot/grub/grub.cfg line 1: `}` without a matching `{` is a GRUB syntax error",
                "/boot/grub/grub.cfg line 6: `}` without a matching `{` is a GRUB syntax error",
                "/boot/grub/grub.cfg line 7: `fi` out of place is a GRUB syntax error");

        IsoBootConfig quote = grub(root(), ENTRY + "menuentry \"Half {\n  linux /live/vmlinuz x\n}\n");
        assertThat(quote.entries()).hasSize(1);
        assertThat(quote.problems()).containsExactly("/boot/grub/grub.cfg line 5: a double quote is never closed: the rest of the file is ignored");

        IsoBootConfig single = grub(root(), ENTRY + "menuentry 'Half {\n}\n");
        assertThat(single.problems()).containsExactly("/boot/grub/grub.cfg line 5: a single quote is never closed: the rest of the file is ignored");

        IsoBootConfig brace = grub(root(), ENTRY + "menuentry x { linux /live/vmlinuz ${oops\n");
        assertThat(brace.problems()).containsExactly("/boot/grub/grub.cfg line 5: a ${ is never closed: the rest of the file is ignored");

        IsoBootConfig noBrace = grub(root(), "menuentry \"No brace\"\n  linux /live/vmlinuz\n" + ENTRY);
        assertThat(noBrace.entries()).hasSize(1);
        assertThat(noBrace.problems()).containsExactly("/boot/grub/grub.cfg line 1: `menuentry` without `{` on its line: ignored");
        // the "{" must be on the header's line: on the next it is a block without a command
        IsoBootConfig nextLine = grub(root(), "menuentry \"Next line\"\n{\n  linux /live/vmlinuz\n}\n" + ENTRY);
        assertThat(nextLine.entries()).hasSize(1);
        assertThat(nextLine.problems()).containsExactly("/boot/grub/grub.cfg line 1: `menuentry` without `{` on its line: ignored",
                "/boot/grub/grub.cfg line 2: `{` without a command is a GRUB syntax error");

        IsoBootConfig text = syslinux(root(), "label a\n linux /live/vmlinuz\ntext help\nlabel b\n");
        assertThat(text.entries()).extracting(IsoBootEntry::title).containsExactly("a");
        assertThat(text.problems()).containsExactly("/isolinux/isolinux.cfg line 3: TEXT HELP never ends (no ENDTEXT): the rest of the file is help text");
    }

    @Test
    void deepNestingEndsTheFileNotTheStack() throws IOException {
        IsoBootConfig braces = grub(root(), ENTRY + "submenu s {\n".repeat(50_000));
        assertThat(braces.entries()).hasSize(1);
        assertThat(braces.problems()).containsExactly("/boot/grub/grub.cfg line 37: nested more than 32 levels deep: the rest of the file is ignored");
        IsoBootConfig ifs = grub(root(), ENTRY + "if true; then\n".repeat(50_000));
        assertThat(ifs.entries()).hasSize(1);
        assertThat(ifs.problems()).hasSize(1);
    }

    @Test
    void binaryGarbageIsNotText() throws IOException {
        Random r = new Random(42);
        byte[] junk = new byte[64 * 1024];
        r.nextBytes(junk);
        junk[100] = 0;
        Path root = root();
        Files.createDirectories(root.resolve("boot/grub"));
        Files.write(root.resolve("boot/grub/grub.cfg"), junk);
        Files.createDirectories(root.resolve("isolinux"));
        Files.write(root.resolve("isolinux/isolinux.cfg"), junk);
        assertThat(read(root)).isEmpty();
        write(root, "/syslinux/syslinux.cfg", "label a\n linux /live/vmlinuz\n");
        IsoBootConfig c = read(root).orElseThrow();
        assertThat(c.file()).isEqualTo("/syslinux/syslinux.cfg");
        assertThat(c.problems()).containsExactly("/boot/grub/grub.cfg is not a text file (it holds NUL bytes): not read",
                "/isolinux/isolinux.cfg is not a text file (it holds NUL bytes): not read");
    }

    /**
     * A small fuzz: the realistic configs of {@link IsoBootConfigsTest} with random edits (atoms of GRUB and
     * syslinux syntax inserted, ranges deleted or doubled), next to random bytes, never escape as exceptions.
     */
    @Test
    void mutatedConfigsNeverThrow() throws IOException {
        String[] atoms = {"menuentry", "submenu", "if", "then", "else", "fi", "for", "do", "done", "function", "{", "}",
                "\"", "'", "\\", "$", "${", "${x}", "$iso_path", "(", ")", ";", "\n", " ", "#", "linux", "initrd", "set", "x=",
                "default=", "source", "configfile", "/boot/grub/grub.cfg", ">", "0", "1", "--id", "\r\n", "\\\n",
                "label ", "menu ", "begin", "end", "include ", "config ", "kernel ", "append ", "text help", "endtext",
                "initrd=", ",", "^", "whichsys.c32", "-iso- ", ".."};
        List<String> grub = List.of(IsoBootConfigsTest.LIVE_BUILD_GRUB_CFG, IsoBootConfigsTest.UBUNTU_GRUB_CFG,
                IsoBootConfigsTest.UBUNTU_LOOPBACK_CFG, IsoBootConfigsTest.FEDORA_EFI_GRUB_CFG, IsoBootConfigsTest.DRACUT_GRUB_CFG);
        List<String> syslinux = List.of(IsoBootConfigsTest.ARCHISO_SYSLINUX_CFG, IsoBootConfigsTest.ARCHISO_SYS_CFG,
                IsoBootConfigsTest.ARCHISO_SYS_LINUX_CFG, IsoBootConfigsTest.ARCHISO_TAIL_CFG);
        Random r = new Random(7);
        int found = 0;
        for (int round = 0; round < 150; round++) {
            Path root = Files.createTempDirectory(tmp, "fuzz");
            for (String[] files : List.of(IsoBootConfigsTest.LIVE_BUILD_FILES, IsoBootConfigsTest.UBUNTU_FILES)) {
                for (int i = 0; i < files.length; i += 2) write(root, files[i], files[i + 1]);
            }
            for (String f : List.of("/images/pxeboot/vmlinuz", "/images/pxeboot/initrd.img", "/arch/boot/x86_64/vmlinuz-linux",
                    "/arch/boot/x86_64/initramfs-linux.img", "/arch/boot/intel-ucode.img", "/arch/boot/amd-ucode.img")) {
                write(root, f, "x");
            }
            write(root, "/boot/grub/loopback.cfg", mutate(r, grub.get(r.nextInt(grub.size())), atoms));
            write(root, "/boot/grub/config.cfg", mutate(r, IsoBootConfigsTest.LIVE_BUILD_CONFIG_CFG, atoms));
            write(root, "/boot/grub/grub.cfg", mutate(r, grub.get(r.nextInt(grub.size())), atoms));
            write(root, "/boot/grub/install.cfg", mutate(r, IsoBootConfigsTest.LIVE_BUILD_INSTALL_CFG, atoms));
            write(root, "/isolinux/isolinux.cfg", mutate(r, syslinux.get(r.nextInt(syslinux.size())), atoms));
            write(root, "/isolinux/archiso_sys.cfg", mutate(r, IsoBootConfigsTest.ARCHISO_SYS_CFG, atoms));
            write(root, "/isolinux/archiso_sys-linux.cfg", mutate(r, IsoBootConfigsTest.ARCHISO_SYS_LINUX_CFG, atoms));
            byte[] bytes = new byte[r.nextInt(4096)];
            r.nextBytes(bytes);
            for (int i = 0; i < bytes.length; i++) if (bytes[i] == 0) bytes[i] = '\n';
            Files.createDirectories(root.resolve("syslinux"));
            Files.write(root.resolve("syslinux/syslinux.cfg"), bytes);
            Optional<IsoBootConfig> c = read(root);
            if (c.isPresent()) found++;
            c.ifPresent(cfg -> assertThat(cfg.defaultIndex()).isBetween(0, cfg.entries().size() - 1));
        }
        assertThat(found).as("mutations still reach the entries").isGreaterThan(50);
    }

    private static String mutate(Random r, String text, String[] atoms) {
        StringBuilder b = new StringBuilder(text);
        for (int edits = r.nextInt(6); edits > 0 && b.length() > 0; edits--) {
            int at = r.nextInt(b.length());
            int len = Math.min(b.length() - at, r.nextInt(40));
            switch (r.nextInt(3)) {
                case 0 -> b.insert(at, atoms[r.nextInt(atoms.length)]);
                case 1 -> b.delete(at, at + len);
                default -> b.insert(at, b.substring(at, at + len));
            }
        }
        return b.toString();
    }

    /** Random soups of syntax atoms: almost never entries, but every lexer and parser state. */
    @Test
    void soupsNeverThrow() throws IOException {
        String[] grubAtoms = {"menuentry", "submenu", "if", "then", "else", "fi", "for", "do", "done", "function", "{", "}",
                "\"", "'", "\\", "$", "${", "${x}", "$iso_path", "(", ")", ";", "\n", " ", "#", "linux", "initrd", "set", "x=",
                "default=", "source", "configfile", "/boot/grub/grub.cfg", "/live/vmlinuz", "/live/initrd.img", ">", "0", "1",
                "--id", "--class", "\r\n", "\\\n"};
        String[] sysAtoms = {"label ", "LABEL ", "menu ", "label ", "begin", "end", "default", "include ", "isolinux.cfg",
                "config ", "kernel ", "linux ", "initrd=", "append ", "text help", "endtext", "/live/vmlinuz", "vmlinuz",
                ",", "^", "\n", " ", "\"", "whichsys.c32", "-iso- ", "a", "..", "/"};
        Random r = new Random(7);
        for (int round = 0; round < 200; round++) {
            Path root = root();
            write(root, "/boot/grub/loopback.cfg", soup(r, grubAtoms, 1 + r.nextInt(400)));
            write(root, "/boot/grub/grub.cfg", soup(r, grubAtoms, 1 + r.nextInt(400)));
            write(root, "/isolinux/isolinux.cfg", soup(r, sysAtoms, 1 + r.nextInt(400)));
            Optional<IsoBootConfig> c = read(root);
            c.ifPresent(cfg -> assertThat(cfg.defaultIndex()).isBetween(0, cfg.entries().size() - 1));
        }
    }

    private static String soup(Random r, String[] atoms, int n) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < n; i++) b.append(atoms[r.nextInt(atoms.length)]).append(r.nextInt(3) == 0 ? " " : "");
        return b.toString();
    }

    @Test
    void onlyTheContentsOwnIOExceptionEscapes() throws IOException {
        ImageContent failing = new ImageContent() {
            @Override public Optional<String> volumeId() { return Optional.empty(); }
            @Override public Optional<String> find(String path) { return Optional.of(path); }
            @Override public List<String> list(String dir) { return List.of(); }
            @Override public Optional<byte[]> read(String path, int max) throws IOException { throw new IOException("medium error"); }
            @Override public Optional<InputStream> open(String path) { return Optional.empty(); }
            @Override public Set<BootMode> elTorito() { return Set.of(); }
        };
        assertThatThrownBy(() -> IsoBootConfigs.read(failing)).isInstanceOf(IOException.class).hasMessage("medium error");
    }

    // ---- GRUB details

    @Test
    void grubVariablesPrefixAndDevices() throws IOException {
        Path root = root();
        write(root, "/boot/grub/vars.cfg", "set opts=\"quiet splash\"\n");
        IsoBootConfig c = grub(root, """
                source $prefix/vars.cfg
                set kdir=/live
                menuentry "Split" {
                  set extra='a b'
                  linux ($root)${kdir}/vmlinuz $opts "$extra" 'x y' iso-scan/filename=$iso_path findiso="${iso_path}" BOOT_IMAGE=/live/vmlinuz
                  initrd (loop)/live/initrd.img
                }
                menuentry "Unset" {
                  linux /live/vmlinuz root=$rootdev
                }
                if [ -e /x ]; then set quiet=quiet; fi
                menuentry "Unknown" {
                  linux /live/vmlinuz $quiet
                }
                menuentry "Uses grub_platform" { linux /live/vmlinuz p=${grub_platform} }
                """);
        assertThat(c.entries()).containsExactly(new IsoBootEntry("Split", "/live/vmlinuz", List.of("/live/initrd.img"),
                List.of("quiet", "splash", "a b", "x y", "iso-scan/filename=${iso_path}", "findiso=${iso_path}"), "/boot/grub/grub.cfg"));
        assertThat(c.problems()).containsExactly(
                "/boot/grub/grub.cfg line 8: menuentry 'Unset' uses ${rootdev} that is never set: skipped",
                "/boot/grub/grub.cfg line 12: menuentry 'Unknown' uses ${quiet}, whose value is only known at boot: skipped",
                "/boot/grub/grub.cfg line 15: menuentry 'Uses grub_platform' uses ${grub_platform} that is never set: skipped");
    }

    @Test
    void grubDefaultByNumberTitleIdAndSubmenuPath() throws IOException {
        String menu = """
                menuentry "Memtest" { linux16 /boot/memtest86+.bin }
                menuentry "A" --id live-a { linux /live/vmlinuz a }
                submenu "More" {
                  menuentry "Firmware" { fwsetup }
                  menuentry "B" { linux /live/vmlinuz b }
                }
                """;
        assertThat(grub(root(), "set default=\"2>1\"\n" + menu).defaultEntry().title()).isEqualTo("More > B");
        assertThat(grub(root(), "set default=\"More>B\"\n" + menu).defaultEntry().title()).isEqualTo("More > B");
        assertThat(grub(root(), "set default=live-a\n" + menu).defaultEntry().title()).isEqualTo("A");
        assertThat(grub(root(), "default=2\n" + menu).defaultEntry().title()).isEqualTo("More > B");
        IsoBootConfig memtest = grub(root(), "set default=0\n" + menu);
        assertThat(memtest.defaultIndex()).isZero();
        assertThat(memtest.problems()).containsExactly("the default entry 'Memtest' is not a Linux entry: the first entry is the default");
        IsoBootConfig none = grub(root(), "set default=\"Nothing\"\n" + menu);
        assertThat(none.problems()).containsExactly("/boot/grub/grub.cfg line 1: the default `Nothing` is none of the Linux entries");
        IsoBootConfig saved = grub(root(), "set default=\"${saved_entry}\"\n" + menu);
        assertThat(saved.defaultIndex()).isZero();
        assertThat(saved.problems()).isEmpty();
    }

    @Test
    void grubConfigfileEntriesAndFunctions() throws IOException {
        Path root = root();
        write(root, "/boot/grub/more.cfg", "menuentry 'Deep' { linux /live/vmlinuz deep; initrd /live/initrd.img }\n");
        IsoBootConfig c = grub(root, """
                function entries {
                  menuentry "From function" { linux /live/vmlinuz f }
                }
                entries
                menuentry "More options..." { configfile /boot/grub/more.cfg }
                menuentry "Kernel in if" {
                  if [ "$grub_platform" = efi ]; then linuxefi /live/vmlinuz; else linux /live/vmlinuz; fi
                }
                menuentry "No file" { linux /live/vmlinuz-missing; initrd /live/initrd.img }
                menuentry "No initrd" { linux /live/vmlinuz; initrd /live/initrd.img /live/other.img }
                menuentry "Relative" { linux vmlinuz }
                """);
        assertThat(c.entries()).containsExactly(new IsoBootEntry("More options... > Deep", "/live/vmlinuz",
                List.of("/live/initrd.img"), List.of("deep"), "/boot/grub/more.cfg"));
        assertThat(c.problems()).containsExactly(
                "/boot/grub/grub.cfg line 1: function entries defines menu entries in a block that is not run here: skipped",
                "/boot/grub/grub.cfg line 6: menuentry 'Kernel in if' loads its kernel inside `if`: skipped",
                "/boot/grub/grub.cfg line 11: menuentry 'Relative' names a kernel or initrd without an absolute path: skipped",
                "/boot/grub/grub.cfg line 9: 'No file': kernel /live/vmlinuz-missing is not a file of the ISO: skipped",
                "/boot/grub/grub.cfg line 10: 'No initrd': initrd /live/other.img is not a file of the ISO: skipped");
    }

    @Test
    void grubLexicalDetails() throws IOException {
        String cfg = "# comment { not a block\n"
                + "menuentry 'It''s' \"a \\\"b\\\" \\$c\" --class x {  # trailing comment }\n"
                + "  linux /live/vm\\\nlinuz a\\ b c#d 'e#f' \\\\g h\n"
                + "}\r\n";
        assertThat(grubScriptCheck(cfg)).as("grub-script-check accepts it").isZero();
        IsoBootConfig c = grub(root(), cfg);
        assertThat(c.entries()).containsExactly(new IsoBootEntry("Its", "/live/vmlinuz", List.of(),
                List.of("a b", "c#d", "e#f", "\\g", "h"), "/boot/grub/grub.cfg"));
        assertThat(c.problems()).isEmpty();
    }

    /** Oracle: what GRUB's own parser rejects, the reader reports; nothing of the broken block becomes an entry. */
    @Test
    void brokenSyntaxIsWhatGrubRejects() throws IOException {
        List<String> broken = List.of(
                ENTRY + "menuentry \"Open\" {\n  linux /live/vmlinuz x\n",
                "}\n" + ENTRY,
                ENTRY + "menuentry \"Half {\n  linux /live/vmlinuz x\n}\n",
                ENTRY + "menuentry 'Half {\n}\n",
                ENTRY + "menuentry x { linux /live/vmlinuz ${oops\n",
                ENTRY + "fi\n",
                ENTRY + "if true; then\nmenuentry \"In if\" {\n linux /live/vmlinuz y\n}\n",
                ENTRY + "submenu s {\n" + ENTRY,
                ENTRY + "menuentry Pipe {\n linux /live/vmlinuz a|b\n}\n",
                ENTRY + "menuentry Dollar {\n linux /live/vmlinuz \"a $ b\"\n}\n",
                ENTRY + "menuentry Name {\n linux /live/vmlinuz ${a-b}\n}\n",
                ENTRY + "menuentry Brace {\n linux /live/vmlinuz a}b\n}\n",
                ENTRY + "menuentry One { linux /live/vmlinuz } menuentry Two { linux /live/vmlinuz 2 }\n",
                "set default=1>0\n" + ENTRY);
        for (String cfg : broken) {
            assertThat(grubScriptCheck(cfg)).as("grub-script-check rejects:\n%s", cfg).isNotZero();
            IsoBootConfig c = grub(root(), cfg);
            assertThat(c.problems()).as(cfg).isNotEmpty();
            assertThat(c.entries()).as(cfg).extracting(IsoBootEntry::title).containsExactly("Live");
        }
    }

    /**
     * Differential oracle: on mutations of the realistic configs, the parser finds a syntax problem exactly when
     * grub-script-check (GRUB's own parser) rejects the file.
     */
    @Test
    void syntaxVerdictsAgreeWithGrubScriptCheck() throws IOException {
        Tools.require("grub-script-check");
        String[] atoms = {"{", "}", "\"", "'", "\\", "$", "${", "${x}", ";", "\n", " ", "#", "if", "then", "fi", "else",
                "menuentry", "submenu", "for", "do", "done", "|", ">", "x", "in", "elif", "function", "[[", "&", "\t", "'a b'"};
        List<String> grub = List.of(IsoBootConfigsTest.LIVE_BUILD_GRUB_CFG, IsoBootConfigsTest.UBUNTU_GRUB_CFG,
                IsoBootConfigsTest.FEDORA_EFI_GRUB_CFG, IsoBootConfigsTest.LIVE_BUILD_CONFIG_CFG, IsoBootConfigsTest.DRACUT_GRUB_CFG);
        Random r = new Random(3);
        List<String> disagreements = new ArrayList<>();
        for (int round = 0; round < 200; round++) {
            String cfg = mutate(r, grub.get(r.nextInt(grub.size())), atoms);
            boolean grubRejects = grubScriptCheck(cfg) != 0;
            List<String> problems = new ArrayList<>();
            ConfigFiles files = new ConfigFiles(new DirectoryContent(tmp, "X"));
            files.begin(problems);
            GrubParser.parse(new ConfigFiles.Text("/t.cfg", cfg), files);
            // "menuentry x" without a block on its line passes GRUB's parser and fails when run: not a syntax verdict
            problems.removeIf(p -> p.endsWith("without `{` on its line: ignored"));
            if (grubRejects == problems.isEmpty()) disagreements.add((grubRejects ? "GRUB rejects" : "GRUB accepts") + " " + problems + ":\n" + cfg);
        }
        assertThat(disagreements).isEmpty();
    }

    int grubScriptCheck(String cfg) throws IOException {
        Path f = Files.createTempFile(tmp, "check", ".cfg");
        Files.writeString(f, cfg);
        return Tools.run("grub-script-check", f.toString()).exitCode();
    }

    // ---- syslinux details

    @Test
    void syslinuxDefaultsPathsAndAppend() throws IOException {
        Path root = root();
        write(root, "/isolinux/vmlinuz", "kernel");
        write(root, "/isolinux/initrd.gz", "initrd");
        String cfg = """
                UI vesamenu.c32
                DEFAULT second
                APPEND global=1
                LABEL first
                  KERNEL vmlinuz
                  APPEND initrd=initrd.gz,/live/initrd.img quiet "x=a b" BOOT_IMAGE=vmlinuz
                LABEL second
                  MENU LABEL ^Second
                  KERNEL ../live/vmlinuz
                LABEL third
                  LINUX /live/vmlinuz
                  APPEND -
                LABEL menu
                  KERNEL vesamenu.c32
                LABEL floppy
                  KERNEL /isolinux/fd.img
                LABEL local
                  LOCALBOOT 0
                """;
        IsoBootConfig c = syslinux(root, cfg);
        assertThat(c.entries()).containsExactly(
                new IsoBootEntry("first", "/isolinux/vmlinuz", List.of("/isolinux/initrd.gz", "/live/initrd.img"),
                        List.of("quiet", "x=a b"), "/isolinux/isolinux.cfg"),
                new IsoBootEntry("Second", "/live/vmlinuz", List.of(), List.of("global=1"), "/isolinux/isolinux.cfg"),
                new IsoBootEntry("third", "/live/vmlinuz", List.of(), List.of(), "/isolinux/isolinux.cfg"));
        assertThat(c.defaultIndex()).isEqualTo(1);
        assertThat(syslinux(root, cfg + "LABEL fourth\n  LINUX /live/vmlinuz\n  APPEND 4\n  MENU DEFAULT\n").defaultEntry().title()).isEqualTo("fourth");
        assertThat(syslinux(root, cfg.replace("DEFAULT second", "ONTIMEOUT THIRD")).defaultEntry().title()).isEqualTo("third");
    }

    @Test
    void syslinuxMenuBeginLevelsAndKernelLines() throws IOException {
        IsoBootConfig c = syslinux(root(), """
                menu begin advanced
                  menu title Advanced options
                  label expert
                    menu label E^xpert install
                    kernel /live/vmlinuz priority=low
                    append initrd=/live/initrd.img --- quiet
                  menu begin deeper
                    menu label ^Rescue
                    label rescue
                      linux /live/vmlinuz
                      initrd /live/initrd.img
                      append rescue/enable=true
                  menu end
                menu end
                label after
                  linux /live/vmlinuz
                """);
        assertThat(c.entries()).extracting(IsoBootEntry::title)
                .containsExactly("Advanced options > Expert install", "Advanced options > Rescue > rescue", "after");
        assertThat(c.entries().get(0).args()).containsExactly("priority=low", "---", "quiet");
        assertThat(c.entries().get(1).initrds()).containsExactly("/live/initrd.img");
    }

    @Test
    void kernelCommandLineSplitting() {
        assertThat(KernelCommandLine.split("  a  b\tc\n")).containsExactly("a", "b", "c");
        assertThat(KernelCommandLine.split("x=\"a b\" \"y=c d\" \"\" e")).containsExactly("x=a b", "y=c d", "", "e");
        assertThat(KernelCommandLine.split("unterminated=\"a b")).containsExactly("unterminated=a b");
        assertThat(KernelCommandLine.split("")).isEmpty();
    }
}
