import dev.polyboot.formats.fat.FatVolume;
import dev.polyboot.formats.io.FileBlockDevice;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;

/** Writes SOURCE into the FAT image IMAGE as NAME (then flush + fsync) and prints the elapsed milliseconds. */
public class FatWriteBench {
    public static void main(String[] args) throws Exception {
        Path image = Path.of(args[0]);
        Path source = Path.of(args[1]);
        long t0 = System.nanoTime();
        try (FileBlockDevice dev = FileBlockDevice.open(image, false); FatVolume v = FatVolume.open(dev, Clock.systemDefaultZone());
             InputStream in = Files.newInputStream(source)) {
            v.writeFile("/" + args[2], in, Files.size(source));
            v.flush();
        }
        System.out.println((System.nanoTime() - t0) / 1_000_000);
    }
}
