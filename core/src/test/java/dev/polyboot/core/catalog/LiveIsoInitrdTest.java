package dev.polyboot.core.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.polyboot.core.boot.BootRecipe;
import dev.polyboot.core.qemu.testing.BootTest;
import dev.polyboot.core.qemu.testing.LiveIsoFixtures;
import dev.polyboot.core.qemu.testing.LiveIsoFixtures.Fixture;
import dev.polyboot.formats.io.FileBlockDevice;

/**
 * The real live ISOs the boot tests boot from exFAT (tagged boot: it needs the fixtures, built or cached by
 * {@link LiveIsoFixtures}) are built as distributions build them: the exFAT-driver check finds no exfat.ko in either
 * initrd, so only polyboot's initramfs helper can be what boots them; the classifier gives both the helper route.
 */
class LiveIsoInitrdTest {
    @BootTest
    void debianLiveFixtureHasNoExfatDriverAndBootsThroughTheHelper() throws Exception {
        check(Fixture.DEBIAN_LIVE, "debian-live");
    }

    @BootTest
    void dracutLiveFixtureHasNoExfatDriverAndBootsThroughTheHelper() throws Exception {
        check(Fixture.DRACUT_LIVE, "dracut-live");
    }

    private static void check(Fixture f, String family) throws Exception {
        ImageReport r = ImageClassifier.classify(LiveIsoFixtures.iso(f));
        assertThat(r.family()).isEqualTo(family);
        assertThat(r.recipe()).isInstanceOfSatisfying(BootRecipe.Linux.class, l -> assertThat(l.isoDevice()).isTrue());
        try (FileBlockDevice dev = FileBlockDevice.open(LiveIsoFixtures.iso(f), true)) {
            ImageContent iso = IsoContents.open(dev).orElseThrow();
            InitrdModules.ExfatDriver d = InitrdModules.exfat(iso, ((BootRecipe.Linux) r.recipe()).initrds());
            assertThat(d.verdict()).as(d.detail()).isEqualTo(InitrdModules.ExfatDriver.Verdict.MISSING);
        }
    }
}
