package dev.polyboot.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.polyboot.formats.testing.Tools;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * With the data partition mounted (exfat-fuse over a loop device, as a desktop mounts a stick) list reads through the
 * mount point, as add writes: a file copied into the mount by hand and one added by polyboot show in {@code list}
 * at once, and the same after unmounting, when list reads the device itself; a catalogued file replaced by hand shows
 * with route {@code changed} and a hint to refresh.
 */
class ListThroughMountTest {
    @TempDir
    Path tmp;

    @Test
    void aFileCopiedIntoTheMountShowsInListAsAfterUnmounting() throws Exception {
        Tools.require("mount.exfat-fuse");
        Path img = tmp.resolve("stick.img");
        assertThat(CliRun.of("install", img.toString(), "--size", "256M").exitCode()).isZero();
        Path added = Files.write(tmp.resolve("added.efi"), new byte[8192]);
        Path mnt = Files.createDirectories(tmp.resolve("mnt"));
        JsonNode mounted;
        try (LoopDevice loop = LoopDevice.attach(img, false)) {
            String part = loop.addPartitions();
            Tools.run("mount.exfat-fuse", part, mnt.toString()).assertOk();
            try {
                CliRun add = CliRun.of("add", "--force", img.toString(), added.toString());
                assertThat(add.out()).as(add.toString()).contains("via the mounted partition");
                Files.write(mnt.resolve("by-hand.iso"), new byte[123_456]); // a file manager's copy, not synced
                mounted = images(img);
                assertThat(mounted).extracting(n -> n.get("path").asText()).containsExactly("/added.efi", "/by-hand.iso");
                assertThat(mounted.get(1).get("route").asText()).isEqualTo("scan");
                assertThat(mounted.get(1).get("sizeBytes").asLong()).isEqualTo(123_456);
                assertThat(mounted.get(0).get("catalogued").asBoolean()).isTrue();
                // the added file replaced by hand with another size: still in the menu (GRUB checks when it is chosen), route
                // "changed", and list says what to do
                Files.write(mnt.resolve("added.efi"), new byte[4096]);
                mounted = images(img);
                assertThat(mounted.get(0).get("route").asText()).isEqualTo("changed");
                assertThat(mounted.get(0).get("sizeBytes").asLong()).as("the catalogued size").isEqualTo(8192);
                CliRun text = CliRun.of("list", img.toString());
                assertThat(text.out()).as(text.toString()).contains("changed", "route changed: the file is gone or changed since it was added",
                        "polyboot refresh " + img);
            } finally {
                Tools.run("umount", mnt.toString()).assertOk();
            }
        }
        assertThat(images(img)).isEqualTo(mounted);
    }

    private static JsonNode images(Path img) throws Exception {
        CliRun r = CliRun.of("list", img.toString(), "--json");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        return new ObjectMapper().readTree(r.out()).get("images");
    }
}
