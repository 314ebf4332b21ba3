package dev.polyboot.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** /polyboot.json: valid files, each invalid key named with its line, and the round trip through set and the writer. */
class StickConfigTest {
    static StickConfig read(String json) throws ConfigException {
        return StickConfigReader.read(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void readsEveryKey() throws Exception {
        StickConfig c = read("""
                {
                  "$schema": "https://polyboot.dev/schema/polyboot-config.schema.json",
                  "version": 1,
                  "menu": {"timeout": 10, "default": "/linux/debian.iso"},
                  "images": {
                    "/linux/debian.iso": {"alias": "Debian for the lab"},
                    "/tools/old.iso": {"hidden": true},
                    "/win/it's.iso": {"alias": "Windows 'setup' $x", "hidden": false}
                  }
                }
                """);
        assertThat(c.timeoutSeconds()).isEqualTo(10);
        assertThat(c.defaultImage()).isEqualTo("/linux/debian.iso");
        assertThat(c.aliasOf("/linux/debian.iso")).isEqualTo("Debian for the lab");
        assertThat(c.hidden("/tools/old.iso")).isTrue();
        assertThat(c.hidden("/linux/debian.iso")).isFalse();
        assertThat(c.aliasOf("/win/it's.iso")).isEqualTo("Windows 'setup' $x");
    }

    @Test
    void theSmallestFileIsItsVersion() throws Exception {
        assertThat(read("{\"version\": 1}")).isEqualTo(StickConfig.NONE);
    }

    /** Each invalid key: the message names it and the line it is on. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            timeout as text     | {"version": 1,\\n "menu": {\\n "timeout": "10"}}                    | line 3: "timeout": must be a whole number
            timeout negative    | {"version": 1,\\n "menu": {"timeout": -1}}                        | line 2: "timeout": seconds from 0 to 3600, not -1
            timeout too long    | {"version": 1,\\n\\n "menu": {"timeout": 99999}}                  | line 3: "timeout": seconds from 0 to 3600
            timeout fraction    | {"version": 1, "menu": {"timeout": 1.5}}                          | line 1: "timeout": must be a whole number
            default relative    | {"version": 1,\\n "menu": {"default": "linux/x.iso"}}             | line 2: "default": not an image path
            default hidden      | {"version": 1,\\n "menu": {"default": "/a.iso"},\\n "images": {"/a.iso": {"hidden": true}}} | line 2: "default": /a.iso is hidden
            unknown menu key    | {"version": 1,\\n "menu": {"timout": 5}}                          | line 2: "timout": unknown key in "menu"
            unknown top key     | {"version": 1,\\n\\n "view": "folders"}                           | line 3: "view": unknown key
            view unknown        | {"version": 1,\\n "menu": {"view": "tree"}}                      | line 2: "view": list or folders, not "tree"
            show unknown        | {"version": 1,\\n "menu": {"show": "some"}}                      | line 2: "show": all or listed, not "some"
            mode unknown        | {"version": 1, "images": {"/a.iso": {\\n "mode": "grub2"}}}       | line 2: "images./a.iso.mode": memdisk or loopback
            listed as text      | {"version": 1, "images": {"/a.iso": {\\n "listed": 1}}}          | line 2: "images./a.iso.listed": must be true or false
            default not listed  | {"version": 1,\\n "menu": {"default": "/a.iso", "show": "listed"},\\n "images": {"/b.iso": {"listed": true}}} | line 2: "default": /a.iso is not listed
            alias empty         | {"version": 1, "images": {\\n "/a.iso": {\\n "alias": ""}}}       | line 3: "images./a.iso.alias": an empty alias
            alias not a string  | {"version": 1, "images": {\\n "/a.iso": {"alias": 7}}}            | line 2: "images./a.iso.alias": must be a string
            hidden as text      | {"version": 1, "images": {\\n "/a.iso": {\\n\\n "hidden": "yes"}}} | line 4: "images./a.iso.hidden": must be true or false
            unknown image key   | {"version": 1, "images": {"/a.iso": {\\n "tipp": "x"}}}           | line 2: "images./a.iso.tipp": unknown key
            secureBoot as text  | {"version": 1, "images": {"/a.iso": {\\n "secureBoot": "no"}}}   | line 2: "images./a.iso.secureBoot": must be true or false
            image path          | {"version": 1, "images": {\\n "a.iso": {}}}                       | line 2: "a.iso": not an image path
            images not object   | {"version": 1,\\n "images": []}                                   | line 2: "images": must be an object
            version missing     | {\\n "menu": {}\\n}                                               | "version": missing
            version newer       | {\\n "version": 2}                                                | line 2: "version": version 2 is newer than this polyboot
            duplicate key       | {"version": 1,\\n "menu": {"timeout": 1,\\n "timeout": 2}}        | line 3: not valid JSON: Duplicate field 'timeout'
            broken JSON         | {"version": 1,\\n "menu": {"timeout": 1,}}                        | line 2: not valid JSON
            not an object       | [1]                                                               | line 1: must be a JSON object
            """)
    void eachInvalidKeyIsNamedWithItsLine(String name, String json, String message) {
        assertThatThrownBy(() -> read(json.replace("\\n", "\n")))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("/polyboot.json ")
                .hasMessageContaining(message)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void setThenWriteThenReadIsTheSame() throws Exception {
        StickConfig c = StickConfig.NONE.set("timeout", "5").set("default", "/linux/debian.iso")
                .set("alias./linux/debian.iso", "Debian \"lab\" ünïcode").set("hidden./tools/old.iso", "true")
                .set("alias./tools/old.iso", "old");
        assertThat(read(new String(StickConfigWriter.write(c), StandardCharsets.UTF_8))).isEqualTo(c);
        assertThat(c.images()).containsEntry("/tools/old.iso", new StickConfig.ImageSettings("old", true));
        // an empty value removes the key; an image without settings disappears
        StickConfig cleared = c.set("timeout", "").set("hidden./tools/old.iso", "").set("alias./tools/old.iso", "");
        assertThat(cleared.timeoutSeconds()).isNull();
        assertThat(cleared.images()).containsOnlyKeys("/linux/debian.iso");
        assertThat(new String(StickConfigWriter.write(StickConfig.NONE), StandardCharsets.UTF_8)).isEqualToIgnoringWhitespace("{\"version\":1}");
    }

    /** secureBoot./PATH false declines an image for Secure Boot; true (the default) or '' takes that back. */
    @Test
    void secureBootFalseDeclinesAnImageAndRoundTrips() throws Exception {
        StickConfig c = StickConfig.NONE.set("secureBoot./tools/memtest.iso", "false");
        assertThat(c.declined("/tools/memtest.iso")).isTrue();
        assertThat(c.declined("/tools/other.iso")).isFalse();
        String json = new String(StickConfigWriter.write(c), StandardCharsets.UTF_8);
        assertThat(json).contains("\"secureBoot\" : false");
        assertThat(read(json)).isEqualTo(c);
        assertThat(c.set("secureBoot./tools/memtest.iso", "true").images()).isEmpty();
        assertThat(c.set("secureBoot./tools/memtest.iso", "").images()).isEmpty();
        assertThatThrownBy(() -> StickConfig.NONE.set("secureBoot./a.iso", "never")).hasMessageContaining("\"secureBoot./a.iso\"");
    }

    @Test
    void setRefusesUnknownKeysAndBadValuesNamingTheKey() {
        assertThatThrownBy(() -> StickConfig.NONE.set("timout", "5")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("\"timout\"");
        assertThatThrownBy(() -> StickConfig.NONE.set("timeout", "soon")).hasMessageContaining("\"timeout\"");
        assertThatThrownBy(() -> StickConfig.NONE.set("hidden./a.iso", "yes")).hasMessageContaining("\"hidden./a.iso\"");
        assertThatThrownBy(() -> StickConfig.NONE.set("alias.a.iso", "A")).hasMessageContaining("\"alias.a.iso\"");
        assertThatThrownBy(() -> StickConfig.NONE.set("default", "/a.iso").set("hidden./a.iso", "true"))
                .hasMessageContaining("\"hidden./a.iso\"").hasMessageContaining("is hidden");
        assertThat(StickConfig.NONE.set("alias./a.iso", "A").images()).isEqualTo(Map.of("/a.iso", new StickConfig.ImageSettings("A", false)));
    }

    static final String HASH = GrubPassword.hash("lab".toCharArray(), new byte[16], 1000);

    @Test
    void passwordsAreStoredAsGrubHashesOnlyAndRoundTrip() throws Exception {
        StickConfig c = StickConfig.NONE.set("password", HASH).set("password./tools", HASH).set("password./tools/net/ipxe.iso", "")
                .set("alias./tools/x.iso", "X");
        assertThat(c.password()).isEqualTo(HASH);
        assertThat(c.images().get("/tools").password()).isEqualTo(HASH);
        assertThat(c.hasPasswords()).isTrue();
        String json = new String(StickConfigWriter.write(c), StandardCharsets.UTF_8);
        assertThat(json).contains("\"password\" : \"" + HASH + "\"");
        assertThat(read(json)).isEqualTo(c);
        assertThat(c.set("password", "").set("password./tools", "").hasPasswords()).isFalse();
        assertThat(c.set("password./tools", "").images()).containsOnlyKeys("/tools/x.iso");
    }

    /** A plain password (in the file or on the command line) is refused and never repeated in the message. */
    @Test
    void aPlainPasswordIsRefusedWithoutBeingShown() {
        assertThatThrownBy(() -> StickConfig.NONE.set("password", "hunter2")).hasMessageContaining("\"password\": not a GRUB PBKDF2 hash")
                .hasMessageContaining("config set TARGET password -").satisfies(e -> assertThat(e.getMessage()).doesNotContain("hunter2"));
        assertThatThrownBy(() -> read("{\"version\": 1,\n \"images\": {\"/a.iso\": {\n \"password\": \"hunter2\"}}}"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("line 3: \"images./a.iso.password\": not a GRUB PBKDF2 hash")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("hunter2"));
        assertThatThrownBy(() -> read("{\"version\": 1, \"menu\": {\"password\": 5}}")).hasMessageContaining("\"password\": must be a string");
    }

    /** GRUB users: the menu's is polyboot, an image's or folder's its name (sanitised, numbered when two collide). */
    @Test
    void everyPasswordGetsAGrubUserAndImagesInheritTheirFolders() {
        StickConfig c = StickConfig.NONE.set("password", HASH).set("password./a/win 10.iso", HASH).set("password./b/win 10.iso", HASH)
                .set("password./tools", HASH).set("password./polyboot", HASH);
        MenuUsers u = MenuUsers.of(c);
        assertThat(u.all()).extracting(MenuUsers.User::name).containsExactly("polyboot", "win_10.iso", "win_10.iso-2", "polyboot-2", "tools");
        assertThat(u.forImage("/tools/net/ipxe.iso").name()).isEqualTo("tools");
        assertThat(u.forImage("/b/win 10.iso").name()).isEqualTo("win_10.iso-2");
        assertThat(u.forImage("/toolsx.iso")).isNull();
        assertThat(u.menuLocked()).isTrue();
    }

    @Test
    void anIgnoredFileIsThePlainMenuWithItsReason() {
        StickConfig c = StickConfig.ignored("/polyboot.json line 3: \"x\": unknown key");
        assertThat(c.images()).isEmpty();
        assertThat(c.timeoutSeconds()).isNull();
        assertThat(c.hasPasswords()).isFalse();
        assertThat(c.ignored()).contains("line 3");
    }

    @Test
    void viewIsListOrFolders() throws Exception {
        StickConfig c = StickConfig.NONE.set("view", "folders");
        assertThat(c.folders()).isTrue();
        assertThat(read(new String(StickConfigWriter.write(c), StandardCharsets.UTF_8))).isEqualTo(c);
        assertThat(c.set("view", "").view()).isNull();
        assertThatThrownBy(() -> c.set("view", "tree")).hasMessageContaining("\"view\": list or folders");
    }

    /**
     * {@code show listed}: an image is shown when it or a folder above it is listed and it is not hidden; the
     * setting round-trips; the default must be shown.
     */
    @Test
    void showListedKeepsListedImagesAndFoldersOnly() throws Exception {
        StickConfig c = StickConfig.NONE.set("listed./linux", "true").set("listed./tools/memtest.iso", "true")
                .set("hidden./linux/old.iso", "true").set("show", "listed");
        assertThat(c.listedOnly()).isTrue();
        assertThat(c.shown("/linux/debian.iso")).isTrue();
        assertThat(c.shown("/linux/deep/er/arch.iso")).isTrue();
        assertThat(c.shown("/linux/old.iso")).as("hidden wins").isFalse();
        assertThat(c.shown("/linuxish/a.iso")).as("a folder's name, not a prefix").isFalse();
        assertThat(c.shown("/tools/memtest.iso")).isTrue();
        assertThat(c.shown("/tools/other.iso")).isFalse();
        assertThat(c.shown("/new.iso")).isFalse();
        String json = new String(StickConfigWriter.write(c), StandardCharsets.UTF_8);
        assertThat(json).contains("\"show\" : \"listed\"", "\"listed\" : true");
        assertThat(read(json)).isEqualTo(c);
        assertThat(c.set("show", "all").shown("/new.iso")).isTrue();
        assertThat(c.set("show", "").show()).isNull();
        assertThat(c.set("default", "/linux/debian.iso").defaultImage()).isEqualTo("/linux/debian.iso");
        assertThatThrownBy(() -> c.set("default", "/new.iso")).hasMessageContaining("\"default\"").hasMessageContaining("not listed");
        assertThatThrownBy(() -> c.set("listed./a.iso", "yes")).hasMessageContaining("\"listed./a.iso\"");
    }

    /** mode./PATH: memdisk or loopback, kept beside the image's other settings, round trip, '' back to polyboot's choice. */
    @Test
    void aModeIsMemdiskOrLoopbackAndRoundTrips() throws Exception {
        StickConfig c = StickConfig.NONE.set("alias./dos.img", "DOS").set("mode./dos.img", "memdisk").set("mode./x.iso", "loopback");
        assertThat(c.modeOf("/dos.img")).isEqualTo(StickConfig.Mode.MEMDISK);
        assertThat(c.modeOf("/x.iso")).isEqualTo(StickConfig.Mode.LOOPBACK);
        assertThat(c.modeOf("/other.iso")).isNull();
        assertThat(c.aliasOf("/dos.img")).isEqualTo("DOS");
        String json = new String(StickConfigWriter.write(c), StandardCharsets.UTF_8);
        assertThat(json).contains("\"mode\" : \"memdisk\"", "\"mode\" : \"loopback\"");
        assertThat(read(json)).isEqualTo(c);
        assertThat(c.set("mode./x.iso", "").images()).doesNotContainKey("/x.iso");
        assertThat(c.set("hidden./dos.img", "true").modeOf("/dos.img")).as("other setters keep it").isEqualTo(StickConfig.Mode.MEMDISK);
        assertThatThrownBy(() -> c.set("mode./a.iso", "grub2")).hasMessageContaining("\"mode./a.iso\"").hasMessageContaining("memdisk or loopback");
    }
}
