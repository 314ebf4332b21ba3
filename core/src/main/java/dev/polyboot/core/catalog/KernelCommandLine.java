package dev.polyboot.core.catalog;

import java.util.ArrayList;
import java.util.List;

/**
 * A kernel command line split as Linux splits it ({@code lib/cmdline.c} {@code next_arg}): at white space
 * outside double quotes; the quotes only group and are dropped, so {@code "a=b c"} and {@code a="b c"} are
 * both the one argument {@code a=b c}. Syslinux passes APPEND text to the kernel as is, so this is also how
 * syslinux arguments reach it.
 */
final class KernelCommandLine {
    private KernelCommandLine() {}

    static List<String> split(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder arg = new StringBuilder();
        boolean inArg = false;
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '"') {
                quoted = !quoted;
                inArg = true;
            } else if (!quoted && isSpace(c)) {
                if (inArg) out.add(arg.toString());
                arg.setLength(0);
                inArg = false;
            } else {
                arg.append(c);
                inArg = true;
            }
        }
        if (inArg) out.add(arg.toString());
        return out;
    }

    /**
     * Whether an argument of the ISO's own menu is kept: {@code BOOT_IMAGE=} is what the boot loader adds about
     * itself and {@code initrd=} is syslinux's way to name initrds, which the readers turn into the initrd list.
     */
    static boolean keep(String arg) {
        return !arg.startsWith("BOOT_IMAGE=") && !arg.startsWith("initrd=");
    }

    // Linux's isspace(): space, \t, \n, \v, \f, \r.
    private static boolean isSpace(char c) {
        return c == ' ' || (c >= '\t' && c <= '\r');
    }
}
