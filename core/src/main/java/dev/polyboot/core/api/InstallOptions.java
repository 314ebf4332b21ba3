package dev.polyboot.core.api;

import dev.polyboot.core.layout.InstallRequest;

/**
 * What the user asked install for.
 *
 * @param target     TARGET as given: a whole disk or an image file
 * @param size       size of the image file to create ("8G"), or null
 * @param gpt        GPT instead of MBR
 * @param reserveMib MiB left unpartitioned at the end
 * @param label      the data partition's label
 * @param console    where the boot menu shows
 * @param force      also erase a non-removable disk, a loop device, an existing polyboot stick or a non-empty image
 * @param secureBoot shim + GRUB signed with the user's key (made on first use); false: today's unsigned GRUB only
 */
public record InstallOptions(String target, String size, boolean gpt, long reserveMib, String label, MenuConsole console,
                             boolean force, boolean secureBoot) {
    public static final String DEFAULT_DATA_LABEL = InstallRequest.DEFAULT_DATA_LABEL;

    public InstallOptions {
        if (label == null) label = DEFAULT_DATA_LABEL;
        if (console == null) console = MenuConsole.SCREEN;
    }

    /** With Secure Boot (the default). */
    public InstallOptions(String target, String size, boolean gpt, long reserveMib, String label, MenuConsole console,
                          boolean force) {
        this(target, size, gpt, reserveMib, label, console, force, true);
    }
}
