package dev.polyboot.core.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** /.polyboot/bindings.json: round trip, sorted output, one-line errors naming the key, unknown sections kept out. */
class BindingsTest {
    static final String FP = "0123456789abcdef".repeat(4);

    @Test
    void roundTripsSortedByImage() throws IOException {
        Bindings b = Bindings.NONE
                .withPersistence("/z.iso", new PersistenceBinding("/p/z.dat", "casper", "casper-rw", 1L << 30, FP, "u1"))
                .withPersistence("/a.iso", new PersistenceBinding("/p/a.dat", "debian-live", "persistence", 1L << 30, FP, null));
        String json = new String(b.toJson(), StandardCharsets.UTF_8);
        assertThat(json).startsWith("{\n  \"version\" : 1,").containsSubsequence("\"/a.iso\"", "\"/z.iso\"");
        assertThat(Bindings.fromJson(b.toJson())).isEqualTo(b);
        assertThat(b.withoutPersistence("/z.iso").persistence()).containsOnlyKeys("/a.iso");
    }

    @Test
    void theMenuGetsTheFamilysParametersAndSkipsFamiliesItDoesNotKnow() {
        Bindings b = Bindings.NONE
                .withPersistence("/a.iso", new PersistenceBinding("/p/a.dat", "debian-live", "persistence", 1L << 30, FP, null))
                .withPersistence("/b.iso", new PersistenceBinding("/p/b.dat", "from-the-future", "x", 1L << 30, FP, null));
        assertThat(b.menu()).containsOnlyKeys("/a.iso");
        assertThat(b.menu().get("/a.iso").render()).containsExactly("persistence", "polyboot.pfile=/p/a.dat", "polyboot.pfp=" + FP);
    }

    @Test
    void unknownSectionsAreIgnoredAndMissingPersistenceIsNone() throws IOException {
        assertThat(Bindings.fromJson("{\"version\": 1, \"autoinstall\": {\"/x.iso\": []}}".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(Bindings.NONE);
    }

    @Test
    void everyProblemIsOneLineNamingTheFileAndKey() {
        bad("not json", "/.polyboot/bindings.json: not JSON");
        bad("[]", "not a JSON object");
        bad("{}", "\"version\" must be a number");
        bad("{\"version\": 2}", "version 2 is newer than this polyboot");
        bad("{\"version\": 1, \"persistence\": []}", "\"persistence\" must be an object");
        bad("{\"version\": 1, \"persistence\": {\"a.iso\": {}}}", "\"persistence.a.iso\": an image path starts with /");
        bad("{\"version\": 1, \"persistence\": {\"/a.iso\": {\"file\": \"/p.dat\"}}}", "\"persistence./a.iso.family\" must be a string");
        bad("{\"version\": 1, \"persistence\": {\"/a.iso\": {\"file\": \"/p.dat\", \"family\": \"debian-live\", \"label\": \"persistence\","
                + " \"sizeBytes\": \"big\", \"fingerprint\": \"" + FP + "\"}}}", "\"persistence./a.iso.sizeBytes\" must be a whole number");
        bad("{\"version\": 1, \"persistence\": {\"/a.iso\": {\"file\": \"/p.dat\", \"family\": \"debian-live\", \"label\": \"persistence\","
                + " \"sizeBytes\": 5, \"fingerprint\": \"xyz\"}}}", "\"persistence./a.iso\": fingerprint: not 64 lower-case hex digits");
    }

    private static void bad(String json, String message) {
        assertThatThrownBy(() -> Bindings.fromJson(json.getBytes(StandardCharsets.UTF_8))).isInstanceOf(IOException.class)
                .hasMessageContaining(message).satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }
}
