package dev.polyboot.core.device;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;
import java.io.IOException;

/**
 * The three system calls Java does not offer for block devices: {@code open(2)} with O_EXCL on an existing node (the
 * kernel's exclusive claim, see {@link ExclusiveClaim}), {@code ioctl(2)} (BLKRRPART) and {@code close(2)}.
 * Linux only; the flag values are those of x86-64 and arm64 (asm-generic), which is where polyboot runs.
 */
final class Libc {
    static final int O_RDONLY = 0;
    static final int O_EXCL = 0200;
    static final int O_CLOEXEC = 02000000;
    static final int ENOENT = 2;
    static final int EACCES = 13;
    static final int EBUSY = 16;
    static final int EINVAL = 22;
    static final int ENOTTY = 25;
    /** {@code _IO(0x12, 95)}, linux/fs.h: re-read the partition table. */
    static final long BLKRRPART = 0x125f;

    private Libc() {}

    /** The JNA binding; {@code throws LastErrorException} makes JNA turn -1 into an exception carrying errno. */
    private interface C extends Library {
        int open(String path, int flags) throws LastErrorException;

        int close(int fd) throws LastErrorException;

        // variadic in C; x86-64 and arm64 Linux pass a fixed third argument in the same register
        int ioctl(int fd, NativeLong request, Pointer arg) throws LastErrorException;

        String strerror(int errnum);
    }

    private static final class Holder {
        static final C C = Native.load("c", C.class);
    }

    private static C c() throws IOException {
        if (!Platform.isLinux() || !(Platform.isIntel() && Platform.is64Bit() || Platform.isARM() && Platform.is64Bit())) {
            throw new IOException("block device claims and ioctls are implemented for Linux on x86-64 and arm64 only (this is "
                    + System.getProperty("os.name") + " " + System.getProperty("os.arch") + ")");
        }
        return Holder.C;
    }

    /** A system call failed: {@link #errno()} says why. */
    static final class ErrnoException extends IOException implements dev.polyboot.core.PolybootFailure {
        private static final long serialVersionUID = 1L;
        private final int errno;

        ErrnoException(String call, int errno) {
            super(call + ": " + describe(errno));
            this.errno = errno;
        }

        int errno() {
            return errno;
        }

        @Override
        public String hint() {
            return "the kernel refused a call on the device; --verbose (-v) shows which";
        }

        @Override
        public Outcome outcome() {
            return Outcome.FAILURE;
        }
    }

    static String describe(int errno) {
        String text;
        try {
            text = Holder.C.strerror(errno);
        } catch (RuntimeException | LinkageError e) {
            text = null;
        }
        return (text == null ? "error" : text) + " (errno " + errno + ")";
    }

    static int open(String path, int flags) throws IOException {
        C c = c();
        try {
            return c.open(path, flags);
        } catch (LastErrorException e) {
            throw new ErrnoException("open " + path, e.getErrorCode());
        }
    }

    static void close(int fd) throws IOException {
        C c = c();
        try {
            c.close(fd);
        } catch (LastErrorException e) {
            throw new ErrnoException("close", e.getErrorCode());
        }
    }

    static void ioctl(int fd, long request, String what) throws IOException {
        C c = c();
        try {
            c.ioctl(fd, new NativeLong(request), Pointer.NULL);
        } catch (LastErrorException e) {
            throw new ErrnoException(what, e.getErrorCode());
        }
    }
}
