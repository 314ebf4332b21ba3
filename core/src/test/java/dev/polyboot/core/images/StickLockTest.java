package dev.polyboot.core.images;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.polyboot.core.boot.MenuItem;
import dev.polyboot.core.device.RefusedException;
import dev.polyboot.core.device.StickLock;
import dev.polyboot.core.device.StickLocks;
import dev.polyboot.core.device.Target;
import dev.polyboot.core.device.TargetGuard;
import dev.polyboot.core.install.TestSticks;
import dev.polyboot.core.layout.PartitionStyle;
import dev.polyboot.core.progress.ProgressListener;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The per-stick lock between real polyboot processes (a second JVM runs {@link StickWriterMain}). */
class StickLockTest {
    @TempDir
    Path tmp;
    Path img;
    Path lockDir;
    StickLocks locks;
    ImageLibrary lib;
    Target stick;

    @BeforeEach
    void stick() throws Exception {
        img = tmp.resolve("s.img");
        TestSticks.install(img, 128L << 20, PartitionStyle.MBR, 3);
        lockDir = tmp.resolve("locks");
        locks = new StickLocks(lockDir, Duration.ofMillis(300));
        lib = new ImageLibrary(TargetGuard.system(), TestSticks.CLOCK, "0.1.0-test", locks);
        stick = new Target.ImageFile(img);
    }

    Path file(String name, int size) throws Exception {
        byte[] b = new byte[size];
        new Random(name.hashCode()).nextBytes(b);
        return Files.write(tmp.resolve(name), b);
    }

    @Test
    void aWriterInAnotherProcessRefusesAddWithItsPidAndCommandUntilItFinishes() throws Exception {
        Path a = file("a.iso", 100_000);
        try (StickProcess holder = new StickProcess(lockDir, 300, img, "hold")) {
            assertThat(holder.line()).isEqualTo("LOCKED " + holder.pid());
            assertThatThrownBy(() -> lib.add(stick, List.of(a), "/", true, ProgressListener.NONE))
                    .isInstanceOf(RefusedException.class)
                    .hasMessage("another polyboot (pid " + holder.pid() + ", add) is writing to this stick (" + img
                            + "); wait for it to finish");
            assertThatThrownBy(() -> lib.list(stick)).isInstanceOf(RefusedException.class).hasMessageContaining("is writing to");
            assertThat(holder.finish()).isZero();
        }
        assertThat(lib.add(stick, List.of(a), "/", true, ProgressListener.NONE).added()).hasSize(1);
        assertThat(lib.list(stick)).extracting(MenuItem::path).containsExactly("/a.iso");
    }

    @Test
    void aReaderInAnotherProcessLetsListRunButNotAWriter() throws Exception {
        try (StickProcess reader = new StickProcess(lockDir, 300, img, "hold-read")) {
            assertThat(reader.line()).startsWith("LOCKED ");
            assertThat(lib.list(stick)).isEmpty();
            assertThatThrownBy(() -> lib.refresh(stick, ProgressListener.NONE)).isInstanceOf(RefusedException.class)
                    .hasMessageContaining(", list) is reading this stick"); // the last reader to start: the child or our list
            reader.finish();
        }
        assertThat(lib.refresh(stick, ProgressListener.NONE).entries()).isEmpty();
    }

    /**
     * fcntl locks belong to the process and file, and closing any descriptor of the file drops them: polyboot opens
     * and closes the stick many times while it holds the lock, which must therefore be on a file of its own.
     */
    @Test
    void closingTheStickInTheHolderDoesNotReleaseTheLock() throws Exception {
        try (StickLock held = locks.exclusive(stick, "refresh");
             StickProcess other = new StickProcess(lockDir, 300, img, "refresh")) {
            for (int i = 0; i < 3; i++) {
                try (FileChannel ch = FileChannel.open(img, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
                    ch.force(true);
                }
            }
            assertThat(other.line()).isEqualTo("ready");
            other.go();
            assertThat(other.line()).startsWith("REFUSED ").contains("(pid " + ProcessHandle.current().pid() + ", refresh)");
        }
    }

    @Test
    void anotherNameOfTheSameImageMeetsTheSameLock() throws Exception {
        Path link = Files.createSymbolicLink(tmp.resolve("link.img"), img);
        Path hard = Files.createLink(tmp.resolve("hard.img"), img);
        try (StickProcess holder = new StickProcess(lockDir, 300, link, "hold")) {
            assertThat(holder.line()).startsWith("LOCKED ");
            assertThatThrownBy(() -> lib.remove(new Target.ImageFile(hard), "/x.iso")).isInstanceOf(RefusedException.class)
                    .hasMessageContaining("(pid " + holder.pid() + ", add)");
            holder.finish();
        }
    }
}
