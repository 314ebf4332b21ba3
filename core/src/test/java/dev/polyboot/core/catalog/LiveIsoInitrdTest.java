package dev.polyboot.core.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.polyboot.core.qemu.testing.BootTest;
import dev.polyboot.core.qemu.testing.LiveIsoFixtures;
import dev.polyboot.core.qemu.testing.LiveIsoFixtures.Fixture;

/**
 * The exFAT-driver check on the real live ISOs the boot tests boot from exFAT (tagged boot: it needs the
 * fixtures, built or cached by {@link LiveIsoFixtures}): both initrds carry exfat.ko, which is why they boot.
 */
class LiveIsoInitrdTest {
    @BootTest
    void debianLiveFixtureHasTheExfatDriver() throws Exception {
        ImageReport r = ImageClassifier.classify(LiveIsoFixtures.iso(Fixture.DEBIAN_LIVE));
        assertThat(r.family()).isEqualTo("debian-live");
        assertThat(r.reason()).endsWith("; initrd: exFAT driver found (exfat.ko)");
        assertThat(r.notes()).noneMatch(n -> n.contains("exFAT"));
    }

    @BootTest
    void dracutLiveFixtureHasTheExfatDriver() throws Exception {
        ImageReport r = ImageClassifier.classify(LiveIsoFixtures.iso(Fixture.DRACUT_LIVE));
        assertThat(r.family()).isEqualTo("dracut-live");
        assertThat(r.reason()).endsWith("; initrd: exFAT driver found (exfat.ko)");
        assertThat(r.notes()).noneMatch(n -> n.contains("exFAT"));
    }
}
