package dev.polyboot.core.api;

import java.util.List;

/** {@code persistence list} and {@code persistence create}: the stick's persistence files (JSON: {@code persistence}). */
public record PersistenceList(String target, List<PersistenceFile> files) {
    public PersistenceList {
        files = List.copyOf(files);
    }
}
