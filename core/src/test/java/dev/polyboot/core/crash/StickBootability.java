package dev.polyboot.core.crash;

import dev.polyboot.formats.grub.BiosBootCode;
import dev.polyboot.core.install.TestSticks;
import dev.polyboot.core.layout.StickLayout;
import dev.polyboot.core.payload.Payload;
import dev.polyboot.formats.fat.FatVolume;
import dev.polyboot.formats.io.MemoryBlockDevice;
import dev.polyboot.formats.io.SliceBlockDevice;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.Channels;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Would this state still boot? Judged from the bytes, against the two boot environments that may be on it (the one
 * before update and the one update writes): BIOS: LBA 0's boot code is one environment's boot.img pointing at an LBA
 * where that LBA's core.img of one environment lies complete, with its blocklist pointing at the next sector;
 * UEFI and both: the boot partition opens as FAT with label PBOOT and every boot file is complete, old or new.
 * {@link #oneVersion} is stricter: all of it from the same environment.
 */
final class StickBootability {
    /** One boot environment: its payload and its boot partition's files (path → bytes). */
    record Env(String name, Payload payload, Map<String, byte[]> files) {}

    record Verdict(boolean bootable, boolean oneVersion, List<String> why) {}

    private StickBootability() {}

    static Verdict judge(byte[] img, StickLayout layout, Env a, Env b) {
        List<String> why = new ArrayList<>();
        String bios = bios(img, a, b, why);
        List<String> espVersions = new ArrayList<>();
        try (FatVolume v = FatVolume.open(new SliceBlockDevice(new MemoryBlockDevice(img, 512, true),
                layout.boot().startBytes(), layout.boot().sizeBytes()), TestSticks.CLOCK)) {
            if (!"PBOOT".equals(v.label())) why.add("boot partition label " + v.label());
            for (String path : a.files().keySet()) {
                byte[] got = read(v, path);
                if (got == null) {
                    why.add(path + " missing or unreadable");
                } else if (Arrays.equals(got, a.files().get(path))) {
                    espVersions.add(a.name());
                } else if (b.files().containsKey(path) && Arrays.equals(got, b.files().get(path))) {
                    espVersions.add(b.name());
                } else {
                    why.add(path + " is neither version (" + got.length + " bytes)");
                }
            }
        } catch (Exception e) {
            why.add("boot partition does not open: " + e);
        }
        boolean ok = why.isEmpty() && bios != null;
        boolean one = ok && espVersions.stream().allMatch(bios::equals);
        return new Verdict(ok, one, why);
    }

    /** The environment whose BIOS chain is intact, or null (with the reason in {@code why}). */
    private static String bios(byte[] img, Env a, Env b, List<String> why) {
        ByteBuffer lba0 = ByteBuffer.wrap(img, 0, 512).slice().order(ByteOrder.LITTLE_ENDIAN);
        long coreLba = lba0.getLong(0x5C);
        if (coreLba < 1 || coreLba >= BiosBootCode.GAP_END_LBA) {
            why.add("LBA 0 points at " + coreLba);
            return null;
        }
        for (Env e : List.of(a, b)) {
            byte[] code = BiosBootCode.bootCode(e.payload().bootImg(), coreLba);
            if (Arrays.mismatch(img, 0, code.length, code, 0, code.length) >= 0) continue;
            for (Env c : List.of(a, b)) {
                byte[] core;
                try {
                    core = BiosBootCode.coreImage(c.payload().coreImg(), coreLba);
                } catch (IllegalArgumentException tooBig) {
                    continue;
                }
                int at = Math.toIntExact(coreLba * 512);
                if (Arrays.mismatch(img, at, at + core.length, core, 0, core.length) < 0) return c.name();
            }
            why.add("LBA 0 points at LBA " + coreLba + ", which holds no complete core.img");
            return null;
        }
        why.add("LBA 0 holds neither boot.img");
        return null;
    }

    private static byte[] read(FatVolume v, String path) {
        try {
            if (v.stat(path).isEmpty()) return null;
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            Channels.newInputStream(v.open(path)).transferTo(out);
            return out.toByteArray();
        } catch (Exception e) {
            return null;
        }
    }
}
