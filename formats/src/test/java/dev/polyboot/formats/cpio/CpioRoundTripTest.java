package dev.polyboot.formats.cpio;

import static org.assertj.core.api.Assertions.assertThat;

import dev.polyboot.formats.CorruptStructureException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Random entry lists survive write + read unchanged; the writer's fixed fields come out as documented. */
class CpioRoundTripTest {

    @Property(tries = 300)
    void writeThenReadGivesTheSameEntries(@ForAll("entryLists") List<CpioEntry> entries) throws Exception {
        byte[] archive = CpioNewcWriter.write(entries);
        assertThat(archive.length % CpioNewcWriter.BLOCK).isZero();
        assertThat(archive.length).isEqualTo(CpioNewcWriter.size(entries));
        assertThat(CpioNewcWriter.write(List.copyOf(entries))).as("same input, same bytes").isEqualTo(archive);
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        CpioNewcWriter.write(entries, stream);
        assertThat(stream.toByteArray()).isEqualTo(archive);

        assertThat(CpioNewcReader.readAll(archive, 1 << 20)).isEqualTo(entries);

        // the same through a stream, with the headers the writer promises
        CpioNewcReader r = new CpioNewcReader(new ByteArrayInputStream(archive), 1 << 20);
        List<CpioEntry> read = new ArrayList<>();
        for (Optional<CpioEntry> e = r.next(); e.isPresent(); e = r.next()) {
            CpioNewcHeader h = r.header();
            assertThat(h.offset() % 4).isZero();
            assertThat(h.magic()).isEqualTo(CpioNewcHeader.MAGIC);
            assertThat(h.ino()).isEqualTo(read.size() + 1);
            assertThat(h.nlink()).isEqualTo(e.get().directory() ? 2 : 1);
            assertThat(List.of(h.uid(), h.gid(), h.devMajor(), h.devMinor(), h.rdevMajor(), h.rdevMinor(), h.check()))
                    .containsOnly(0L);
            assertThat(h.nameSize()).isEqualTo(e.get().name().getBytes(StandardCharsets.UTF_8).length + 1);
            assertThat(CpioNewcHeader.read(new ByteInput(h.encode())).encode()).isEqualTo(h.encode());
            read.add(e.get());
        }
        assertThat(read).isEqualTo(entries);
        assertThat(r.header().trailer()).isTrue();
        assertThat(r.header().nlink()).isEqualTo(1);
        assertThat(archive.length - r.offset()).as("only zero padding after the trailer").isBetween(0L, 511L);
        for (long i = r.offset(); i < archive.length; i++) assertThat(archive[(int) i]).isZero();
    }

    @Provide
    Arbitrary<List<CpioEntry>> entryLists() {
        Arbitrary<String> component = Arbitraries.strings().withChars("abcxyz019._- ").withChars('ä', '日', '\u00a0')
                .ofMinLength(1).ofMaxLength(12).filter(c -> !c.equals(".."));
        Arbitrary<String> name = component.list().ofMinSize(1).ofMaxSize(4).map(cs -> String.join("/", cs));
        Arbitrary<Integer> perms = Arbitraries.integers().between(0, 07777);
        Arbitrary<Long> mtime = Arbitraries.longs().between(0, 0xFFFF_FFFFL);
        Arbitrary<byte[]> data = Arbitraries.bytes().array(byte[].class).ofMaxSize(700);
        Arbitrary<String> target = Arbitraries.strings().withChars("abc/.._ü").ofMinLength(1).ofMaxLength(60);
        Arbitrary<CpioEntry> dir = Combinators.combine(name, perms, mtime)
                .as((n, p, t) -> new CpioEntry(n, CpioNewcHeader.S_IFDIR | p, t, new byte[0], null));
        Arbitrary<CpioEntry> file = Combinators.combine(name, perms, mtime, data)
                .as((n, p, t, d) -> new CpioEntry(n, CpioNewcHeader.S_IFREG | p, t, d, null));
        Arbitrary<CpioEntry> link = Combinators.combine(name, target, mtime)
                .as((n, tg, t) -> new CpioEntry(n, CpioNewcHeader.S_IFLNK | 0777, t,
                        tg.getBytes(StandardCharsets.UTF_8), tg));
        return Arbitraries.oneOf(dir, file, link).list().ofMaxSize(12).uniqueElements(CpioEntry::name);
    }

    /** A {@link CpioInput} over an array, independent of the reader's own. */
    static final class ByteInput implements CpioInput {
        private final byte[] b;
        private int at;

        ByteInput(byte[] b) {
            this.b = b;
        }

        @Override public long offset() { return at; }

        @Override public byte[] readFully(int n, String structure) throws IOException {
            if (n > b.length - at) throw new CorruptStructureException(structure, at, "ends early");
            byte[] r = Arrays.copyOfRange(b, at, at + n);
            at += n;
            return r;
        }

        @Override public void skip(long n, String structure) throws IOException {
            readFully((int) n, structure);
        }
    }
}
