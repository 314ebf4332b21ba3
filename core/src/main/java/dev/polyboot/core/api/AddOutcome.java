package dev.polyboot.core.api;

import java.util.List;

/**
 * What {@code add} did (JSON: {@code add}). Copying stops at the first failure; every file in {@code added} is on the
 * stick and catalogued even when a later one failed.
 */
public record AddOutcome(String target, List<Added> added, List<NotAdded> notAdded) {
    public AddOutcome {
        added = List.copyOf(added);
        notAdded = List.copyOf(notAdded);
    }

    /**
     * @param source    the file given
     * @param image     where it is now, as {@code list} shows it
     * @param sha256    digest of the source, equal to the one read back from the stick
     * @param viaMount  the copy went through the OS's mount of the data partition
     * @param catalogue what the classifier made of it; null for files the menu does not list
     */
    public record Added(String source, ImageEntry image, String sha256, boolean viaMount, CataloguedImage catalogue) {}

    /**
     * @param verificationFailed the copy read back from the stick differed from the source
     */
    public record NotAdded(String source, String reason, boolean verificationFailed) {}

    public boolean complete() {
        return notAdded.isEmpty();
    }
}
