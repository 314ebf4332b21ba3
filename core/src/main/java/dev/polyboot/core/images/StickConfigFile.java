package dev.polyboot.core.images;

import dev.polyboot.core.config.ConfigException;
import dev.polyboot.core.config.StickConfig;
import dev.polyboot.core.config.StickConfigReader;
import dev.polyboot.core.config.StickConfigWriter;
import dev.polyboot.formats.fs.FsEntry;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import java.util.function.Consumer;

/** {@link StickConfig#PATH} on a data partition: read (strictly, or leniently for the menu) and written. */
final class StickConfigFile {
    private StickConfigFile() {}

    /** The configuration, or empty when the stick has none; a broken file throws {@link ConfigException}. */
    static Optional<StickConfig> read(DataStore store) throws IOException {
        Optional<byte[]> bytes = bytes(store);
        return bytes.isEmpty() ? Optional.empty() : Optional.of(StickConfigReader.read(bytes.get()));
    }

    /** The file's bytes, or empty when the stick has none. */
    static Optional<byte[]> bytes(DataStore store) throws IOException {
        Optional<FsEntry> f = store.stat(StickConfig.PATH);
        if (f.isEmpty()) return Optional.empty();
        if (f.get().directory()) throw new ConfigException(StickConfig.PATH + " is a directory");
        if (f.get().size() > StickConfig.MAX_BYTES) {
            throw new ConfigException(StickConfig.PATH + ": " + f.get().size() + " bytes, more than " + StickConfig.MAX_BYTES);
        }
        try (InputStream in = store.read(StickConfig.PATH)) {
            return Optional.of(in.readAllBytes());
        }
    }

    /**
     * What the menu uses: the configuration, or none when the file is missing or broken; a broken file never blocks
     * list, add or refresh, it is reported through {@code warnings} and the menu is the plain one, with an entry that
     * names the problem ({@link StickConfig#ignored}).
     */
    static StickConfig forMenu(DataStore store, Consumer<String> warnings) throws IOException {
        try {
            return read(store).orElse(StickConfig.NONE);
        } catch (ConfigException e) {
            warnings.accept(e.getMessage() + "; the configuration is ignored, the menu is the plain one");
            return StickConfig.ignored(e.getMessage());
        }
    }

    /** Written as {@code polyboot.json.tmp}, then replacing the file (rename through a mount). */
    static void write(DataStore store, StickConfig c) throws IOException {
        writeBytes(store, StickConfigWriter.write(c));
    }

    /** Bytes already checked by the reader, written the same way. */
    static void writeBytes(DataStore store, byte[] bytes) throws IOException {
        String tmp = StickConfig.PATH + ".tmp";
        if (store.stat(tmp).isPresent()) store.delete(tmp);
        store.write(tmp, new ByteArrayInputStream(bytes), bytes.length);
        store.replace(tmp, StickConfig.PATH);
    }
}
