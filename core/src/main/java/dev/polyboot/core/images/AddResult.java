package dev.polyboot.core.images;

import java.nio.file.Path;
import java.util.List;

/**
 * What {@code add} did: the files it copied, verified and catalogued, and the ones it did not. Copying stops at the
 * first failure; the files after it are listed as not attempted. Every file in {@code added} is on the stick and in
 * the catalogue even when a later one failed.
 */
public record AddResult(List<AddedImage> added, List<Failed> failed) {
    public AddResult {
        added = List.copyOf(added);
        failed = List.copyOf(failed);
    }

    /**
     * @param source             the file given to add
     * @param reason             one line: why it is not on the stick
     * @param verificationFailed the copy read back from the stick differed from the source
     */
    public record Failed(Path source, String reason, boolean verificationFailed) {}

    public boolean complete() {
        return failed.isEmpty();
    }
}
