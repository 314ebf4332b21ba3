package dev.polyboot.core.layout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class StickLayoutPlannerTest {
    private static final long MIB = 1L << 20;
    private static final long GIB = 1L << 30;

    static InstallRequest request(long bytes) {
        return InstallRequest.of(bytes, new SplittableRandom(42));
    }

    /**
     * Golden files pin the whole plan (offsets, types, identifiers from a seeded source). To regenerate after a
     * deliberate change: mvn ... -Dpolyboot.updateGolden=true, then review the diff.
     */
    @ParameterizedTest
    @CsvSource({
        "mbr-1g,     1073741824,  MBR, 0,    POLYBOOT",
        "gpt-8g,     8589934592,  GPT, 0,    POLYBOOT",
        "mbr-1000mb, 1000000000,  MBR, 100,  STICK",
        "gpt-64g,    68719476736, GPT, 2048, My Data",
    })
    void planMatchesGolden(String name, long bytes, PartitionStyle style, long reserveMib, String label) throws Exception {
        StickLayout l = StickLayoutPlanner.plan(request(bytes).withStyle(style).withReserveBytes(reserveMib * MIB)
                .withDataLabel(label));
        golden(name + ".txt", LayoutText.render(l));
        golden(name + ".json", LayoutJson.render(l));
    }

    private void golden(String file, String actual) throws IOException {
        String res = "/dev/polyboot/core/layout/" + file;
        if (Boolean.getBoolean("polyboot.updateGolden")) {
            Path p = Path.of("src/test/resources" + res);
            Files.createDirectories(p.getParent());
            Files.writeString(p, actual);
        }
        try (InputStream in = getClass().getResourceAsStream(res)) {
            assertThat(in).as("golden file " + res + " (create with -Dpolyboot.updateGolden=true)").isNotNull();
            assertThat(actual).isEqualTo(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    @Test
    void mbrLayoutFollowsDesign() throws Exception {
        StickLayout l = StickLayoutPlanner.plan(request(8 * GIB));
        assertThat(l.coreImageLba()).isEqualTo(1);
        assertThat(l.partitions()).hasSize(2);
        assertThat(l.data().firstLba()).isEqualTo(2048);
        assertThat(l.data().mbrType()).isEqualTo(0x07);
        assertThat(l.data().active()).isTrue();
        assertThat(l.boot().mbrType()).isEqualTo(0xEF);
        assertThat(l.boot().sizeBytes()).isEqualTo(64 * MIB);
        // at the end, 4 KiB aligned, leaving the 33 sectors a backup GPT needs (in-place conversion to GPT)
        assertThat(l.boot().endBytes()).isEqualTo(8 * GIB - 5 * 4096);
        assertThat(l.data().endBytes()).isEqualTo(l.boot().startBytes());
        assertThat(l.boot().fsLabel()).isEqualTo("PBOOT");
    }

    @Test
    void gptLayoutHasBiosBootPartitionOverTheGap() throws Exception {
        StickLayout l = StickLayoutPlanner.plan(request(8 * GIB).withStyle(PartitionStyle.GPT));
        PlannedPartition bios = l.biosBoot().orElseThrow();
        assertThat(bios.firstLba()).isEqualTo(34);
        assertThat(bios.lastLba()).isEqualTo(2047);
        assertThat(bios.typeGuid()).isEqualTo(PartitionTypes.GPT_BIOS_BOOT);
        assertThat(l.coreImageLba()).isEqualTo(34);
        assertThat(l.data().name()).isEqualTo("POLYBOOT");
        assertThat(l.boot().typeGuid()).isEqualTo(PartitionTypes.GPT_ESP);
        // Backup GPT occupies the last 33 sectors.
        assertThat(l.boot().endBytes()).isLessThanOrEqualTo(8 * GIB - 33 * 512);
        assertThat(l.diskGuid().version()).isEqualTo(4);
    }

    @Test
    void sameSeedSameIdentityDifferentSeedDifferentIdentity() throws Exception {
        StickLayout a = StickLayoutPlanner.plan(InstallRequest.of(GIB, new SplittableRandom(1)).withStyle(PartitionStyle.GPT));
        StickLayout b = StickLayoutPlanner.plan(InstallRequest.of(GIB, new SplittableRandom(1)).withStyle(PartitionStyle.GPT));
        StickLayout c = StickLayoutPlanner.plan(InstallRequest.of(GIB, new SplittableRandom(2)).withStyle(PartitionStyle.GPT));
        assertThat(a).isEqualTo(b);
        assertThat(c.diskGuid()).isNotEqualTo(a.diskGuid());
        assertThat(c.diskSignature()).isNotEqualTo(a.diskSignature());
    }

    @Test
    void refusesTooSmallDisk() {
        assertThatThrownBy(() -> StickLayoutPlanner.plan(request(97 * MIB)))
                .isInstanceOf(LayoutException.class).hasMessageContaining("too small").hasMessageContaining("98 MiB");
        assertThatThrownBy(() -> StickLayoutPlanner.plan(request(GIB).withReserveBytes(1000 * MIB)))
                .isInstanceOf(LayoutException.class)
                .satisfies(e -> assertThat(((LayoutException) e).hint()).contains("--reserve"));
    }

    @Test
    void smallestDiskIsAccepted() throws Exception {
        StickLayout l = StickLayoutPlanner.plan(request(98 * MIB));
        assertThat(l.data().sizeBytes()).isEqualTo(33 * MIB - 5 * 4096);
    }

    @Test
    void refuses4KnAndHugeMbr() {
        assertThatThrownBy(() -> StickLayoutPlanner.plan(request(8 * GIB).withSectorSize(4096)))
                .isInstanceOf(LayoutException.class).hasMessageContaining("4Kn");
        assertThatThrownBy(() -> StickLayoutPlanner.plan(request(3L << 40)))
                .isInstanceOf(LayoutException.class).hasMessageContaining("2 TiB")
                .satisfies(e -> assertThat(((LayoutException) e).hint()).isEqualTo("use --gpt"));
    }

    @Test
    void refusesBadLabels() {
        assertThatThrownBy(() -> StickLayoutPlanner.plan(request(GIB).withDataLabel("TWELVE_CHARS")))
                .isInstanceOf(LayoutException.class).hasMessageContaining("1 to 11");
        assertThatThrownBy(() -> StickLayoutPlanner.plan(request(GIB).withDataLabel("A/B")))
                .isInstanceOf(LayoutException.class).hasMessageContaining("/");
        assertThatThrownBy(() -> StickLayoutPlanner.plan(request(GIB).withDataLabel(" ")))
                .isInstanceOf(LayoutException.class);
    }

    @Property(tries = 300)
    void partitionsAreAlignedDisjointAndInsideTheUsableArea(
            @ForAll @LongRange(min = 400_000, max = 4_000_000_000L) long sectors,
            @ForAll @LongRange(min = 0, max = 64) long reserveMib, @ForAll boolean gpt) throws Exception {
        long bytes = sectors * 512;
        StickLayout l = StickLayoutPlanner.plan(request(bytes).withReserveBytes(reserveMib * MIB)
                .withStyle(gpt ? PartitionStyle.GPT : PartitionStyle.MBR));
        long usableEnd = bytes - 33 * 512 - reserveMib * MIB;
        assertThat(l.data().startBytes()).isEqualTo(MIB);
        assertThat(l.boot().startBytes() % 4096).isZero();
        assertThat(l.boot().sizeBytes()).isEqualTo(64 * MIB);
        assertThat(l.boot().endBytes()).isLessThanOrEqualTo(usableEnd).isGreaterThan(usableEnd - 4096);
        assertThat(l.data().endBytes()).isEqualTo(l.boot().startBytes());
        assertThat(l.data().sizeBytes()).isGreaterThanOrEqualTo(StickLayoutPlanner.MIN_DATA_BYTES);
        if (!gpt) assertThat(l.boot().lastLba()).isLessThanOrEqualTo(0xFFFF_FFFFL);
        assertThat(l.coreImageLba() + l.coreImageMaxSectors()).isEqualTo(l.data().firstLba());
    }
}
