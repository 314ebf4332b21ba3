package dev.polyboot.core.device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The rules against this machine's own disk. Only the checks run (they never write); a bug here fails the
 * test instead of erasing anything.
 */
class RealSystemGuardTest {

    @Test
    void theDiskBehindRootIsRefusedEvenWithForce() throws Exception {
        SysBlock sys = SysBlock.system();
        Optional<BlockNode> rootDev = Optional.empty();
        for (MountInfo.Mount m : MountInfo.read().mounts()) {
            if (m.mountPoint().equals("/") && !m.majorMinor().startsWith("0:")) rootDev = sys.byMajorMinor(m.majorMinor());
        }
        Assumptions.assumeTrue(rootDev.isPresent(), "/ is not on a block device here (container or overlay)");
        String disk = sys.wholeDisksUnder(rootDev.get()).iterator().next();
        BlockNode node = sys.byName(disk).orElseThrow();
        Target t = TargetResolver.system().resolve("/dev/" + disk);
        assertThat(t).isInstanceOf(Target.Device.class);
        assertThatThrownBy(() -> TargetGuard.system().checkInstall(t, false, true, x -> false))
                .isInstanceOf(RefusedException.class).hasMessageContaining("holds the running system (/ is mounted from it)");
        assertThatThrownBy(() -> TargetGuard.system().checkUpdate(t)).isInstanceOf(RefusedException.class);
        assertThatThrownBy(() -> TargetGuard.system().checkDataAccess(t)).isInstanceOf(RefusedException.class);
        assertThat(((Target.Device) t).node()).isEqualTo(node);
    }
}
