package dev.polyboot.core.device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.polyboot.formats.testing.Tools;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The identities behind {@link StickLocks}: an image that install has yet to create, and a loop device over an image,
 * meet the lock of the image. Two lock attempts in this JVM meet on the lock file (the JVM refuses an overlapping
 * lock on one file); a child JVM ({@link LockHolderMain}) shows the same between processes.
 */
class StickLocksTest {
    @TempDir
    Path tmp;
    StickLocks locks;

    @BeforeEach
    void locks() {
        locks = new StickLocks(tmp.resolve("locks"), Duration.ofMillis(200));
    }

    private static Target.ImageFile image(Path p) {
        return new Target.ImageFile(p);
    }

    @Test
    void anImageThatDoesNotExistYetIsLockedByItsDirectoryAndNameAndStaysLockedOnceCreated() throws Exception {
        Path img = tmp.resolve("new stick.img");
        Path link = Files.createSymbolicLink(tmp.resolve("link.img"), img); // dangling until install creates img
        try (StickLock install = locks.exclusive(image(img), "install")) {
            assertThat(StickLocks.identities(image(img))).singleElement().asString().startsWith("path-").endsWith("-new%20stick.img");
            assertThatThrownBy(() -> locks.exclusive(image(link), "install")).isInstanceOf(RefusedException.class)
                    .hasMessage("another polyboot (pid " + ProcessHandle.current().pid() + ", install) is writing to this stick ("
                            + link + "); wait for it to finish");

            Files.write(img, new byte[4096]); // install creates the file while it holds the lock
            assertThat(StickLocks.identities(image(img))).hasSize(2);
            assertThat(StickLocks.identities(image(img)).get(1)).isEqualTo(StickLocks.identities(image(tmp.resolve("nothing-here")))
                    .get(0).replace("nothing-here", "new%20stick.img"));
            assertThatThrownBy(() -> locks.exclusive(image(img), "add")).isInstanceOf(RefusedException.class)
                    .hasMessageContaining(", install) is writing to this stick");
            assertThatThrownBy(() -> locks.shared(image(link), "list")).isInstanceOf(RefusedException.class);
            Path relative = Path.of("").toAbsolutePath().relativize(img);
            assertThatThrownBy(() -> locks.shared(image(relative), "list")).isInstanceOf(RefusedException.class);
        }
        try (StickLock add = locks.exclusive(image(img), "add")) {
            assertThat(add.exclusive()).isTrue();
        }
    }

    @Test
    void otherNamesInTheSameDirectoryAreOtherSticks() throws Exception {
        try (StickLock a = locks.exclusive(image(tmp.resolve("a.img")), "install");
             StickLock b = locks.exclusive(image(tmp.resolve("b.img")), "install")) {
            assertThat(a.exclusive() && b.exclusive()).isTrue();
        }
    }

    @Test
    void lockFileNamesAreSafeAndDistinct() {
        assertThat(StickLocks.encode("stick.img")).isEqualTo("stick.img");
        assertThat(StickLocks.encode("a b/%")).isEqualTo("a%20b%2F%25");
        assertThat(StickLocks.encode("ä")).isEqualTo("%C3%A4");
        assertThat(StickLocks.encode("%C3%A4")).isNotEqualTo(StickLocks.encode("ä"));
        String longName = "x".repeat(200);
        assertThat(StickLocks.encode(longName)).startsWith("%sha256-").hasSize(8 + 64)
                .isNotEqualTo(StickLocks.encode(longName + "y"));
    }

    @Test
    void aLoopDeviceOverAnImageAndTheImageAreOneStickBothWays() throws Exception {
        Path img = ScratchLoop.image(tmp, "stick.img", 8L << 20);
        try (ScratchLoop loop = ScratchLoop.attach(img, false)) {
            Target.Device dev = loop.target();
            assertThat(StickLocks.identities(dev)).isEqualTo(StickLocks.identities(image(img)));

            try (StickLock held = locks.exclusive(image(img), "add")) {
                assertThatThrownBy(() -> locks.exclusive(dev, "update")).isInstanceOf(RefusedException.class)
                        .hasMessage("another polyboot (pid " + ProcessHandle.current().pid() + ", add) is writing to this stick ("
                                + loop.node() + "); wait for it to finish");
                assertThatThrownBy(() -> locks.shared(dev, "list")).isInstanceOf(RefusedException.class);
            }
            try (StickLock held = locks.exclusive(dev, "update")) {
                assertThatThrownBy(() -> locks.exclusive(image(img), "add")).isInstanceOf(RefusedException.class)
                        .hasMessageContaining(", update) is writing to this stick (" + img + ")");
            }
            // a hard link names the same inode, so the loop meets it through the inode lock
            Path hard = Files.createLink(tmp.resolve("hard.img"), img);
            try (StickLock held = locks.exclusive(dev, "update")) {
                assertThatThrownBy(() -> locks.exclusive(image(hard), "add")).isInstanceOf(RefusedException.class);
            }
        }
    }

    @Test
    void anOffsetLoopOverTheDataPartitionIsTheImageToo() throws Exception {
        Path img = ScratchLoop.image(tmp, "stick.img", 8L << 20);
        String loop = Tools.run(60, List.of("losetup", "-f", "--show", "-o", "1048576", "--sizelimit", "4194304", img.toString()))
                .assertOk().stdout().strip();
        try {
            Target.Device dev = (Target.Device) TargetResolver.system().resolve(loop);
            try (StickLock held = locks.exclusive(dev, "add")) {
                assertThatThrownBy(() -> locks.exclusive(image(img), "install")).isInstanceOf(RefusedException.class);
            }
        } finally {
            Tools.run(60, List.of("losetup", "-d", loop)).assertOk();
        }
    }

    /** Between processes: a child JVM holds the image (install); this one is refused on the loop device, then the reverse. */
    @Test
    void anotherProcessHoldingTheImageRefusesTheLoopDeviceAndTheReverse() throws Exception {
        Path img = ScratchLoop.image(tmp, "stick.img", 8L << 20);
        try (ScratchLoop loop = ScratchLoop.attach(img, false)) {
            Target.Device dev = loop.target();
            try (Child holder = new Child(img.toString())) {
                String line = holder.line();
                assertThat(line).isEqualTo("LOCKED " + holder.process.pid());
                assertThatThrownBy(() -> locks.exclusive(dev, "update")).isInstanceOf(RefusedException.class)
                        .hasMessageContaining("(pid " + holder.process.pid() + ", install) is writing to this stick (" + loop.node());
                holder.finish();
            }
            try (StickLock held = locks.exclusive(dev, "update");
                 Child other = new Child(img.toString())) {
                assertThat(other.line()).startsWith("REFUSED another polyboot (pid " + ProcessHandle.current().pid() + ", update)");
            }
        }
    }

    private final class Child implements AutoCloseable {
        final Process process;
        final BufferedReader out;

        Child(String target) throws IOException {
            process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-XX:TieredStopAtLevel=1",
                    "-cp", System.getProperty("java.class.path"), LockHolderMain.class.getName(), tmp.resolve("locks").toString(), target)
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start();
            out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        }

        String line() throws IOException {
            return out.readLine();
        }

        void finish() throws Exception {
            process.getOutputStream().close();
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        }

        @Override
        public void close() {
            process.destroyForcibly();
        }
    }
}
