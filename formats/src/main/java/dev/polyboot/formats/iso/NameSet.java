package dev.polyboot.formats.iso;

/** Which directory tree and names an {@link IsoImage} presents. Preference when not forced: the order below. */
public enum NameSet {
    /** Primary tree with Rock Ridge NM names (plain names where a record has none). */
    ROCK_RIDGE,
    /** Joliet supplementary tree, UCS-2 names. */
    JOLIET,
    /** Primary tree, ECMA-119 names without ";1" and trailing ".". */
    PLAIN
}
