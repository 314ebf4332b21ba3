package dev.polyboot.core.device;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The mounts of this process's namespace, from /proc/self/mountinfo (proc(5)). */
public final class MountInfo {

    /**
     * @param majorMinor device number field ("8:1"; "0:NN" for fuse, overlay, tmpfs)
     * @param mountPoint where it is mounted, octal escapes decoded
     * @param fsType     file system type ("ext4", "fuseblk")
     * @param source     mount source ("/dev/sda1", "/dev/loop3p1", "tmpfs")
     */
    public record Mount(String majorMinor, String mountPoint, String fsType, String source) {}

    private final List<Mount> mounts;

    private MountInfo(List<Mount> mounts) {
        this.mounts = List.copyOf(mounts);
    }

    public static MountInfo read() throws IOException {
        return read(Path.of("/proc/self/mountinfo"));
    }

    public static MountInfo read(Path file) throws IOException {
        return parse(Files.readString(file));
    }

    /** Lines look like "36 35 98:0 /mnt1 /mnt2 rw,noatime master:1 - ext3 /dev/root rw,errors=continue". */
    public static MountInfo parse(String text) {
        List<Mount> out = new ArrayList<>();
        for (String line : text.split("\n")) {
            String[] f = line.trim().split(" ");
            int dash = -1;
            for (int i = 6; i < f.length; i++) {
                if (f[i].equals("-")) {
                    dash = i;
                    break;
                }
            }
            if (f.length < 7 || dash < 0 || dash + 2 >= f.length) continue;
            out.add(new Mount(f[2], unescape(f[4]), f[dash + 1], unescape(f[dash + 2])));
        }
        return new MountInfo(out);
    }

    public List<Mount> mounts() {
        return mounts;
    }

    /** The kernel writes space, tab, newline and backslash in paths as \040, \011, \012, \134. */
    static String unescape(String s) {
        if (s.indexOf('\\') < 0) return s;
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && isOctal(s, i + 1)) {
                b.append((char) Integer.parseInt(s.substring(i + 1, i + 4), 8));
                i += 3;
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    private static boolean isOctal(String s, int from) {
        if (from + 3 > s.length()) return false;
        for (int i = from; i < from + 3; i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '7') return false;
        }
        return true;
    }
}
