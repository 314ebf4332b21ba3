package dev.polyboot.core.catalog;

import dev.polyboot.core.boot.BootMode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/** {@link ImageContent} over a host directory, to test the family table apart from the ISO reader. */
final class DirectoryContent implements ImageContent {
    private final Path root;
    private final String volumeId;

    DirectoryContent(Path root, String volumeId) {
        this.root = root;
        this.volumeId = volumeId;
    }

    @Override public Optional<String> volumeId() { return Optional.ofNullable(volumeId); }

    @Override
    public Optional<String> find(String path) throws IOException {
        Path p = root;
        StringBuilder exact = new StringBuilder();
        for (String part : path.split("/")) {
            if (part.isEmpty()) continue;
            if (!Files.isDirectory(p)) return Optional.empty();
            Optional<Path> match;
            try (Stream<Path> s = Files.list(p)) {
                match = s.filter(c -> c.getFileName().toString().toLowerCase(Locale.ROOT).equals(part.toLowerCase(Locale.ROOT))).findFirst();
            }
            if (match.isEmpty()) return Optional.empty();
            p = match.get();
            exact.append('/').append(p.getFileName());
        }
        return Optional.of(exact.length() == 0 ? "/" : exact.toString());
    }

    @Override
    public List<String> list(String dir) throws IOException {
        Path p = root.resolve(dir.substring(1));
        if (!Files.isDirectory(p)) return List.of();
        try (Stream<Path> s = Files.list(p)) {
            return new ArrayList<>(s.map(c -> c.getFileName().toString()).sorted().toList());
        }
    }

    @Override
    public Optional<byte[]> read(String path, int max) throws IOException {
        Path p = root.resolve(path.substring(1));
        if (!Files.isRegularFile(p)) return Optional.empty();
        byte[] all = Files.readAllBytes(p);
        return Optional.of(all.length <= max ? all : java.util.Arrays.copyOf(all, max));
    }

    @Override
    public Optional<java.io.InputStream> open(String path) throws IOException {
        Path p = root.resolve(path.substring(1));
        if (!Files.isRegularFile(p)) return Optional.empty();
        return Optional.of(Files.newInputStream(p));
    }

    @Override public Set<BootMode> elTorito() { return Set.of(); }
}
