package dev.polyboot.core.catalog;

import dev.polyboot.formats.CorruptStructureException;
import dev.polyboot.formats.FormatException;
import dev.polyboot.formats.UnsupportedLayoutException;
import dev.polyboot.formats.cpio.CpioNewcHeader;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Whether a live ISO's initrd can read exFAT. Its initramfs has to find the ISO file on polyboot's exFAT data
 * partition (findiso=, iso-scan/filename=, img_loop=...); without the driver it drops to a shell (live-build's
 * bookworm initrd, measured: docs/ARCHITECTURE.md). An initrd is what the kernel unpacks: uncompressed newc cpio
 * archives (early microcode), zero padding, then one compressed part holding more cpio archives. The driver is
 * there when an archive holds {@code kernel/fs/exfat/exfat.ko[.xz|.zst|.gz]} or a {@code modules.builtin} that
 * lists it. Reading stops at the first find; everything is bounded by one {@link InitrdInput.Budget}.
 */
final class InitrdModules {
    static final long MAX_UNPACKED_BYTES = 1L << 30;
    static final long MAX_SECONDS = 60;
    /** A real initramfs holds a few thousand entries (Debian's: about 2,500). */
    static final int MAX_ENTRIES = 1_000_000;
    /** modules.builtin is a few tens of KiB; a longer one is only read this far. */
    static final int MAX_BUILTIN_BYTES = 4 << 20;
    static final String EXFAT_KO = "kernel/fs/exfat/exfat.ko";
    private static final Pattern EXFAT_MODULE = Pattern.compile("(^|/)kernel/fs/exfat/exfat\\.ko(\\.xz|\\.zst|\\.gz)?$");
    private static final Pattern ANY_MODULE = Pattern.compile("\\.ko(\\.xz|\\.zst|\\.gz)?$");

    /** What the check found; {@code detail} says where (FOUND) or why it could not tell (UNKNOWN). */
    record ExfatDriver(Verdict verdict, String detail) {
        enum Verdict { FOUND, MISSING, UNKNOWN }

        /** Appended to the recipe's reason when the driver is there. */
        Optional<String> fact() {
            return verdict == Verdict.FOUND ? Optional.of("initrd: exFAT driver found (" + detail + ")") : Optional.empty();
        }

        /** A note for the report when the ISO will (probably) not boot from exFAT, or nobody can tell. */
        Optional<String> note() {
            switch (verdict) {
                case MISSING:
                    return Optional.of("its initrd has no exFAT driver (exfat.ko): the live system will not find this ISO"
                            + " on polyboot's exFAT data partition");
                case UNKNOWN:
                    return Optional.of("could not check the initrd for an exFAT driver: " + detail);
                default:
                    return Optional.empty();
            }
        }
    }

    private final InitrdInput.Budget budget;
    private boolean modules;
    private String found;
    private int entries;

    private InitrdModules(InitrdInput.Budget budget) {
        this.budget = budget;
    }

    /** Checks the initrds in load order; never throws for what the image holds. */
    static ExfatDriver exfat(ImageContent iso, List<String> initrds) throws IOException {
        return exfat(iso, initrds, new InitrdInput.Budget(MAX_UNPACKED_BYTES, MAX_SECONDS));
    }

    static ExfatDriver exfat(ImageContent iso, List<String> initrds, InitrdInput.Budget budget) throws IOException {
        InitrdModules scan = new InitrdModules(budget);
        String problem = null;
        for (String path : initrds) {
            Optional<InputStream> raw = iso.open(path);
            if (raw.isEmpty()) {
                if (problem == null) problem = path + " is missing";
                continue;
            }
            try (InputStream in = raw.get()) {
                scan.file(new InitrdInput(path, in, budget));
            } catch (IOException | RuntimeException | LinkageError e) {
                // LinkageError: zstd's native library could not be loaded on this host
                if (problem == null) problem = path + ": " + why(e);
            }
            if (scan.found != null) return new ExfatDriver(ExfatDriver.Verdict.FOUND, scan.found);
        }
        if (problem != null) return new ExfatDriver(ExfatDriver.Verdict.UNKNOWN, problem);
        if (!scan.modules) {
            return new ExfatDriver(ExfatDriver.Verdict.UNKNOWN, "no kernel modules in " + String.join(", ", initrds)
                    + " (the driver may be built into the kernel)");
        }
        return new ExfatDriver(ExfatDriver.Verdict.MISSING, "");
    }

    private void file(InitrdInput in) throws IOException {
        while (found == null && in.skipZeros()) {
            byte[] head = in.peek(8);
            if (CpioNewcHeader.startsArchive(head)) {
                archive(in);
                continue;
            }
            Optional<InitrdCompression> c = InitrdCompression.of(head);
            if (c.isEmpty()) {
                throw new UnsupportedLayoutException("initrd part", in.offset(),
                        "neither a cpio archive nor gzip, xz, lzma or zstd data (starts with " + hex(head) + ")");
            }
            if (!c.get().readable()) {
                throw new UnsupportedLayoutException("initrd part", in.offset(), "compressed with " + c.get().label() + ", which polyboot does not read");
            }
            compressed(in, c.get());
            return; // the decompressor has buffered past its end: what follows a compressed part is not read
        }
    }

    private void compressed(InitrdInput outer, InitrdCompression c) throws IOException {
        String what = c.label() + " data at offset " + outer.offset();
        InitrdInput in = null;
        try (InputStream unpacked = c.open(outer.rest())) {
            in = new InitrdInput(what, unpacked, budget);
            boolean complete = false;
            while (found == null) {
                byte[] head;
                try {
                    if (!in.skipZeros()) return;
                    head = in.peek(6);
                } catch (IOException e) {
                    if (complete && !(e instanceof FormatException)) return; // junk after the last archive
                    throw e;
                }
                if (!CpioNewcHeader.startsArchive(head)) {
                    if (complete) return;
                    throw new CorruptStructureException("unpacked " + what, in.offset(), "start", "a cpio newc archive (070701)", hex(head));
                }
                archive(in);
                complete = true;
            }
        } catch (IOException e) {
            if (e instanceof FormatException) throw e;
            long done = in == null ? 0 : in.offset();
            throw new CorruptStructureException(c.label() + " data", outer.offset(), "damaged or truncated after " + done + " unpacked bytes (" + why(e) + ")");
        }
    }

    private void archive(InitrdInput in) throws IOException {
        while (true) {
            CpioNewcHeader h = CpioNewcHeader.read(in);
            if (++entries > MAX_ENTRIES) {
                throw new UnsupportedLayoutException("cpio newc header", h.offset(), "more than " + MAX_ENTRIES + " entries; polyboot stops there");
            }
            if (h.trailer()) {
                in.skip(h.dataAndPadding(), "cpio newc data");
                return;
            }
            String name = h.name();
            if (!h.directory() && EXFAT_MODULE.matcher(name).find()) {
                found = name.substring(name.lastIndexOf('/') + 1);
                return;
            }
            if (!h.directory() && ANY_MODULE.matcher(name).find()) modules = true;
            if (!h.directory() && (name.equals("modules.builtin") || name.endsWith("/modules.builtin"))) {
                modules = true;
                int take = (int) Math.min(h.fileSize(), MAX_BUILTIN_BYTES);
                String text = new String(in.readFully(take, "modules.builtin"), StandardCharsets.ISO_8859_1);
                if (text.lines().anyMatch(l -> l.strip().equals(EXFAT_KO))) {
                    found = "built into the kernel: " + name;
                    return;
                }
                in.skip(h.dataAndPadding() - take, "cpio newc data");
                continue;
            }
            in.skip(h.dataAndPadding(), "cpio newc data");
        }
    }

    private static String why(Throwable e) {
        if (e instanceof EOFException && e.getMessage() == null) return "unexpected end of data";
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    private static String hex(byte[] b) {
        return b.length == 0 ? "nothing" : HexFormat.ofDelimiter(" ").formatHex(b);
    }
}
