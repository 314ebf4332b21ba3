import dev.polyboot.formats.exfat.ExfatVolume;
import dev.polyboot.formats.io.FileBlockDevice;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;

/**
 * Writes SOURCE into the exFAT image IMAGE as /NAME through polyboot's writer, fsync included, and prints
 * the throughput. Usage: java -cp formats/target/classes bench/ExfatWriteBench.java IMAGE SOURCE NAME
 */
public class ExfatWriteBench {
    public static void main(String[] args) throws Exception {
        Path image = Path.of(args[0]);
        Path source = Path.of(args[1]);
        long length = Files.size(source);
        long start = System.nanoTime();
        try (FileBlockDevice dev = FileBlockDevice.open(image, false);
             ExfatVolume volume = ExfatVolume.open(dev, Clock.systemUTC());
             InputStream in = Files.newInputStream(source)) {
            volume.writeFile("/" + args[2], in, length);
            volume.flush();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("%.1f%n", length / 1e6 / seconds);
    }
}
