package dev.polyboot.core.images;

import dev.polyboot.core.persistence.Bindings;
import dev.polyboot.formats.fs.FsEntry;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import java.util.function.Consumer;

/** {@link Bindings#PATH} on a data partition: read strictly (persistence commands) or leniently (the menu), written. */
final class BindingsFile {
    private BindingsFile() {}

    /** The bindings, {@link Bindings#NONE} when the stick has none; a broken file throws its one-line message. */
    static Bindings read(DataStore store) throws IOException {
        Optional<FsEntry> f = store.stat(Bindings.PATH);
        if (f.isEmpty()) return Bindings.NONE;
        if (f.get().directory()) throw new IOException(Bindings.PATH + " is a directory");
        if (f.get().size() > Bindings.MAX_BYTES) throw new IOException(Bindings.PATH + ": more than " + Bindings.MAX_BYTES + " bytes");
        try (InputStream in = store.read(Bindings.PATH)) {
            return Bindings.fromJson(in.readAllBytes());
        }
    }

    /** For the menu: a broken file is a warning and no bindings (the plain entries still boot). */
    static Bindings forMenu(DataStore store, Consumer<String> warnings) throws IOException {
        try {
            return read(store);
        } catch (IOException e) {
            if (store.stat(Bindings.PATH).isEmpty()) throw e;
            warnings.accept(e.getMessage() + "; the menu has no persistence entries");
            return Bindings.NONE;
        }
    }

    /** Written as {@code bindings.json.tmp}, then replacing the file. */
    static void write(DataStore store, Bindings b) throws IOException {
        byte[] bytes = b.toJson();
        String tmp = Bindings.PATH + ".tmp";
        store.mkdirs("/.polyboot");
        if (store.stat(tmp).isPresent()) store.delete(tmp);
        store.write(tmp, new ByteArrayInputStream(bytes), bytes.length);
        store.replace(tmp, Bindings.PATH);
    }
}
