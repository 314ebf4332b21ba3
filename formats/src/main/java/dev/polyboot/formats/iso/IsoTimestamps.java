package dev.polyboot.formats.iso;

import java.nio.ByteBuffer;
import java.time.DateTimeException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * ECMA-119 9.1.5 (7-byte directory record time) and 8.4.26.1 (17-byte digit string volume time). An unset or
 * invalid time is {@code null}: timestamps are informational and a bad one must not make an image unreadable.
 */
final class IsoTimestamps {
    private IsoTimestamps() {}

    static OffsetDateTime recordTime(ByteBuffer b, int index) {
        int year = Byte.toUnsignedInt(b.get(index));
        int month = Byte.toUnsignedInt(b.get(index + 1));
        int day = Byte.toUnsignedInt(b.get(index + 2));
        if (month == 0 || day == 0) return null;
        return of(1900 + year, month, day, Byte.toUnsignedInt(b.get(index + 3)), Byte.toUnsignedInt(b.get(index + 4)),
                Byte.toUnsignedInt(b.get(index + 5)), 0, b.get(index + 6));
    }

    static OffsetDateTime volumeTime(ByteBuffer b, int index) {
        int[] f = new int[7];
        int[] widths = {4, 2, 2, 2, 2, 2, 2};
        int pos = index;
        for (int i = 0; i < f.length; i++) {
            int v = 0;
            for (int k = 0; k < widths[i]; k++) {
                int c = b.get(pos++);
                if (c < '0' || c > '9') return null;
                v = v * 10 + (c - '0');
            }
            f[i] = v;
        }
        if (f[0] == 0) return null;
        return of(f[0], f[1], f[2], f[3], f[4], f[5], f[6] * 10_000_000, b.get(index + 16));
    }

    private static OffsetDateTime of(int y, int mo, int d, int h, int mi, int s, int nanos, byte quarterHours) {
        int q = quarterHours;
        if (q < -48 || q > 52) return null;
        try {
            return OffsetDateTime.of(y, mo, d, h, mi, s, nanos, ZoneOffset.ofTotalSeconds(q * 15 * 60));
        } catch (DateTimeException e) {
            return null;
        }
    }
}
