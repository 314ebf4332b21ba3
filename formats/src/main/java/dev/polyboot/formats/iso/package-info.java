/**
 * ISO 9660 (ECMA-119) with Joliet and Rock Ridge (SUSP/RRIP) names, and the El Torito boot catalog. Read-only.
 * {@link dev.polyboot.formats.iso.IsoImage} is the entry point; every structure on disk has its own record with
 * its decoder beside it. All input is treated as hostile: counts, continuation chains and directory walks are
 * capped, and damage surfaces as {@link dev.polyboot.formats.FormatException}s or as findings.
 */
package dev.polyboot.formats.iso;
