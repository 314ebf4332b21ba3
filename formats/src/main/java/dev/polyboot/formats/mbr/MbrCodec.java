package dev.polyboot.formats.mbr;

import dev.polyboot.formats.CorruptStructureException;
import dev.polyboot.formats.Unsigned;
import dev.polyboot.formats.io.BlockDevice;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/** Byte-exact decoding and encoding of {@link Mbr}; all MBR fields are little-endian. */
public final class MbrCodec {
    static final String STRUCTURE = "MBR";
    private static final int SIGNATURE_55AA = 0xAA55;

    private MbrCodec() {}

    /** True when the 512 bytes end in 55 AA, the only mark an MBR has. */
    public static boolean hasBootSignature(byte[] sector) {
        return sector.length >= Mbr.SIZE
                && Unsigned.u16(ByteBuffer.wrap(sector).order(ByteOrder.LITTLE_ENDIAN), Mbr.BOOT_SIGNATURE) == SIGNATURE_55AA;
    }

    /** Decodes the first 512 bytes of {@code sector}; the boot signature must be 55 AA. */
    public static Mbr decode(byte[] sector) throws CorruptStructureException {
        if (sector.length < Mbr.SIZE) {
            throw new CorruptStructureException(STRUCTURE, 0, "length", Mbr.SIZE, sector.length);
        }
        ByteBuffer b = ByteBuffer.wrap(sector, 0, Mbr.SIZE).order(ByteOrder.LITTLE_ENDIAN);
        int signature = Unsigned.u16(b, Mbr.BOOT_SIGNATURE);
        if (signature != SIGNATURE_55AA) {
            throw new CorruptStructureException(STRUCTURE, Mbr.BOOT_SIGNATURE, "boot signature", "55 AA",
                    String.format("%02X %02X", signature & 0xFF, signature >> 8));
        }
        byte[] boot = new byte[Mbr.BOOT_CODE_SIZE];
        b.get(0, boot);
        List<MbrPartition> parts = new ArrayList<>(Mbr.ENTRIES);
        for (int i = 0; i < Mbr.ENTRIES; i++) {
            parts.add(decodeEntry(b, Mbr.TABLE + i * MbrPartition.SIZE));
        }
        return new Mbr(boot, Unsigned.u32(b, Mbr.DISK_SIGNATURE), Unsigned.u16(b, Mbr.RESERVED), parts);
    }

    public static byte[] encode(Mbr mbr) {
        byte[] out = new byte[Mbr.SIZE];
        ByteBuffer b = ByteBuffer.wrap(out).order(ByteOrder.LITTLE_ENDIAN);
        b.put(0, mbr.bootCode());
        Unsigned.putU32(b, Mbr.DISK_SIGNATURE, mbr.diskSignature());
        Unsigned.putU16(b, Mbr.RESERVED, mbr.reserved());
        for (int i = 0; i < Mbr.ENTRIES; i++) {
            encodeEntry(b, Mbr.TABLE + i * MbrPartition.SIZE, mbr.partition(i));
        }
        Unsigned.putU16(b, Mbr.BOOT_SIGNATURE, SIGNATURE_55AA);
        return out;
    }

    public static Mbr read(BlockDevice dev) throws IOException {
        ByteBuffer b = dev.read(0, Mbr.SIZE);
        return decode(b.array());
    }

    /** Writes the 512 MBR bytes at offset 0; the rest of a 4096-byte LBA 0 is left as it was. */
    public static void write(BlockDevice dev, Mbr mbr) throws IOException {
        dev.write(0, ByteBuffer.wrap(encode(mbr)));
    }

    static MbrPartition decodeEntry(ByteBuffer b, int at) {
        return new MbrPartition(Unsigned.u8(b, at + MbrPartition.STATUS), u24(b, at + MbrPartition.CHS_FIRST),
                Unsigned.u8(b, at + MbrPartition.TYPE), u24(b, at + MbrPartition.CHS_LAST),
                Unsigned.u32(b, at + MbrPartition.FIRST_LBA), Unsigned.u32(b, at + MbrPartition.SECTOR_COUNT));
    }

    static void encodeEntry(ByteBuffer b, int at, MbrPartition p) {
        Unsigned.putU8(b, at + MbrPartition.STATUS, p.status());
        putU24(b, at + MbrPartition.CHS_FIRST, p.chsFirst());
        Unsigned.putU8(b, at + MbrPartition.TYPE, p.type());
        putU24(b, at + MbrPartition.CHS_LAST, p.chsLast());
        Unsigned.putU32(b, at + MbrPartition.FIRST_LBA, p.firstLba());
        Unsigned.putU32(b, at + MbrPartition.SECTOR_COUNT, p.sectorCount());
    }

    private static int u24(ByteBuffer b, int at) {
        return Unsigned.u8(b, at) | Unsigned.u8(b, at + 1) << 8 | Unsigned.u8(b, at + 2) << 16;
    }

    private static void putU24(ByteBuffer b, int at, int v) {
        Unsigned.putU8(b, at, v & 0xFF);
        Unsigned.putU8(b, at + 1, (v >> 8) & 0xFF);
        Unsigned.putU8(b, at + 2, (v >> 16) & 0xFF);
    }
}
