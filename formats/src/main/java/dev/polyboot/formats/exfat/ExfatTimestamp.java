package dev.polyboot.formats.exfat;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * A timestamp as the file entry stores it (exFAT spec §7.4.8–7.4.10): DOS date/time in local time with
 * two-second resolution, a 10 ms increment and the UTC offset in 15-minute steps.
 *
 * @param dos        the 32-bit Timestamp field
 * @param tenMs      the 10msIncrement field (0..199)
 * @param utcOffset  the UtcOffset field (bit 7 = valid)
 */
record ExfatTimestamp(long dos, int tenMs, int utcOffset) {

    static ExfatTimestamp now(Clock clock) {
        Instant now = clock.instant();
        ZoneOffset zone = clock.getZone().getRules().getOffset(now);
        LocalDateTime t = LocalDateTime.ofInstant(now, zone);
        int year = Math.max(0, Math.min(127, t.getYear() - 1980));
        if (t.getYear() < 1980) t = LocalDateTime.of(1980, 1, 1, 0, 0);
        long dos = (long) year << 25 | (long) t.getMonthValue() << 21 | (long) t.getDayOfMonth() << 16
                | (long) t.getHour() << 11 | (long) t.getMinute() << 5 | t.getSecond() / 2;
        int tenMs = (t.getSecond() % 2) * 100 + t.getNano() / 10_000_000;
        int quarters = zone.getTotalSeconds() / 900;
        return new ExfatTimestamp(dos, tenMs, 0x80 | (quarters & 0x7F));
    }

    /** The local time stored; null when the fields do not form a valid date (hostile or never set). */
    LocalDateTime toLocalDateTime() {
        int year = 1980 + (int) (dos >>> 25 & 0x7F);
        int month = (int) (dos >>> 21 & 0xF);
        int day = (int) (dos >>> 16 & 0x1F);
        int hour = (int) (dos >>> 11 & 0x1F);
        int minute = (int) (dos >>> 5 & 0x3F);
        int seconds = (int) (dos & 0x1F) * 2 + (tenMs < 200 ? tenMs / 100 : 0);
        if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || seconds > 59) return null;
        try {
            return LocalDateTime.of(year, month, day, hour, minute, seconds, tenMs < 200 ? (tenMs % 100) * 10_000_000 : 0);
        } catch (java.time.DateTimeException e) {
            return null;
        }
    }
}
