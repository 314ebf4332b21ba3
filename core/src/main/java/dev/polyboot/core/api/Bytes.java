package dev.polyboot.core.api;

import dev.polyboot.core.layout.Sizes;

/** Sizes as people read them ("14.9 GiB"), the same everywhere polyboot prints one. */
public final class Bytes {
    private Bytes() {}

    public static String human(long bytes) {
        return Sizes.human(bytes);
    }
}
