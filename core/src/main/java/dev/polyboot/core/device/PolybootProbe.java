package dev.polyboot.core.device;

import java.io.IOException;

/** Tells whether a target already holds a polyboot stick (the inspector answers it). */
@FunctionalInterface
public interface PolybootProbe {
    boolean holdsPolyboot(Target target) throws IOException;
}
