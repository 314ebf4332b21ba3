package dev.polyboot.formats;

import java.util.List;

/**
 * A write was refused because a consistency check of the volume found errors (allocation bitmap against the
 * directory tree, cross-links, loops, a damaged boot region): writing on such a volume would overwrite files.
 * Nothing was written. The message lists the problems and names the tool that repairs them.
 */
public class InconsistentVolumeException extends FormatException {
    private static final long serialVersionUID = 1L;

    private final List<String> problems;

    public InconsistentVolumeException(String structure, List<String> problems, String repairHint) {
        super(structure, 0, "refusing to write: the volume is inconsistent (" + problems.size()
                + (problems.size() == 1 ? " error" : " errors") + "): " + String.join("; ", problems) + "; " + repairHint);
        this.problems = List.copyOf(problems);
    }

    /** One line per problem found. */
    public List<String> problems() {
        return problems;
    }
}
