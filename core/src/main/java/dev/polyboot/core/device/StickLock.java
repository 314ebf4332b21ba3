package dev.polyboot.core.device;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A held lock on one stick (see {@link StickLocks}): exclusive for a command that writes (add, remove, refresh,
 * install, update), shared for one that only reads (list). Closing it releases the lock.
 */
public final class StickLock implements AutoCloseable {
    private static final int MAX_HOLDER_BYTES = 512;
    private final List<FileChannel> channels;
    private final List<FileLock> locks;
    private final boolean exclusive;

    private StickLock(List<FileChannel> channels, List<FileLock> locks, boolean exclusive) {
        this.channels = channels;
        this.locks = locks;
        this.exclusive = exclusive;
    }

    public boolean exclusive() {
        return exclusive;
    }

    /**
     * Takes the lock on every one of {@code files}, in order, retrying for up to {@code wait} in all. A stick can have
     * two names that must both be held (see {@link StickLocks}); always taking them in the same order means two
     * commands cannot each hold one and wait for the other. The holder's pid and command are written into each file
     * so that a refused process can say who it is waiting for.
     */
    static StickLock acquire(List<Path> files, boolean exclusive, String command, Duration wait, Path stickForMessages)
            throws IOException, RefusedException {
        List<FileChannel> channels = new ArrayList<>();
        List<FileLock> locks = new ArrayList<>();
        long deadline = System.nanoTime() + wait.toNanos();
        try {
            for (Path file : files) {
                FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
                channels.add(ch);
                FileLock l;
                while ((l = tryLock(ch, exclusive)) == null) {
                    if (System.nanoTime() - deadline >= 0) throw busy(ch, exclusive, stickForMessages);
                    Thread.sleep(50);
                }
                locks.add(l);
            }
            // several readers overwrite each other's line: any of them is a true answer to "who holds it"
            byte[] who = ("pid=" + ProcessHandle.current().pid() + " command=" + command + " mode="
                    + (exclusive ? "write" : "read") + "\n").getBytes(StandardCharsets.UTF_8);
            for (FileChannel ch : channels) {
                ch.truncate(0);
                ch.write(ByteBuffer.wrap(who), 0);
            }
            return new StickLock(channels, locks, exclusive);
        } catch (InterruptedException e) {
            closeAll(channels);
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for the lock on " + stickForMessages, e);
        } catch (IOException | RefusedException | RuntimeException e) {
            closeAll(channels); // closing the channel releases its lock
            throw e;
        }
    }

    private static void closeAll(List<FileChannel> channels) {
        for (FileChannel ch : channels) {
            try {
                ch.close();
            } catch (IOException ignored) {
                // the first failure is the one to report
            }
        }
    }

    /** Null while another process (or another thread of this one) holds a conflicting lock. */
    private static FileLock tryLock(FileChannel ch, boolean exclusive) throws IOException {
        try {
            return ch.tryLock(0, Long.MAX_VALUE, !exclusive);
        } catch (OverlappingFileLockException e) {
            return null; // this JVM already holds a lock on the file (another thread's command on the same stick)
        }
    }

    private static RefusedException busy(FileChannel ch, boolean exclusive, Path stick) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(MAX_HOLDER_BYTES);
        ch.read(b, 0);
        String text = new String(b.array(), 0, b.position(), StandardCharsets.UTF_8);
        String pid = field(text, "pid=");
        String command = field(text, "command=");
        // a reader only blocks a writer; a reader is only blocked by a writer
        boolean holderWrites = !exclusive || !"read".equals(field(text, "mode="));
        String who = pid == null ? "another polyboot" : "another polyboot (pid " + pid + (command == null ? "" : ", " + command) + ")";
        return new RefusedException(who + (holderWrites ? " is writing to " : " is reading ") + "this stick (" + stick
                + "); wait for it to finish", "run the command again when the other one has finished");
    }

    private static String field(String text, String key) {
        for (String w : text.trim().split("\\s+")) {
            if (w.startsWith(key)) return w.substring(key.length());
        }
        return null;
    }

    @Override
    public void close() throws IOException {
        IOException failure = null;
        for (int i = channels.size() - 1; i >= 0; i--) {
            FileChannel ch = channels.get(i);
            FileLock lock = locks.get(i);
            try {
                try {
                    if (lock.isValid() && !lock.isShared()) ch.truncate(0); // the holder line must not outlive the holder
                    lock.release();
                } finally {
                    ch.close();
                }
            } catch (IOException e) {
                if (failure == null) failure = e;
            }
        }
        if (failure != null) throw failure;
    }
}
