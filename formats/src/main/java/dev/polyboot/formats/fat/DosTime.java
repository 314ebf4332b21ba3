package dev.polyboot.formats.fat;

import java.time.LocalDateTime;

/** FAT date and time stamps (fatgen103 section 6.4): local time, 2-second resolution, years 1980..2107. */
final class DosTime {
    private DosTime() {}

    private static final LocalDateTime MIN = LocalDateTime.of(1980, 1, 1, 0, 0, 0);
    private static final LocalDateTime MAX = LocalDateTime.of(2107, 12, 31, 23, 59, 58);

    static LocalDateTime clamp(LocalDateTime t) {
        return t.isBefore(MIN) ? MIN : t.isAfter(MAX) ? MAX : t;
    }

    static int date(LocalDateTime t) {
        t = clamp(t);
        return ((t.getYear() - 1980) << 9) | (t.getMonthValue() << 5) | t.getDayOfMonth();
    }

    static int time(LocalDateTime t) {
        t = clamp(t);
        return (t.getHour() << 11) | (t.getMinute() << 5) | (t.getSecond() / 2);
    }

    /** Creation time fine resolution in units of 10 ms (0..199). */
    static int tenths(LocalDateTime t) {
        t = clamp(t);
        return (t.getSecond() % 2) * 100 + t.getNano() / 10_000_000;
    }

    /** Decodes a stored stamp; impossible values (hostile or never set) come back as 1980-01-01 00:00. */
    static LocalDateTime decode(int date, int time) {
        int year = 1980 + (date >> 9);
        int month = (date >> 5) & 0x0F;
        int day = date & 0x1F;
        int hour = time >> 11;
        int minute = (time >> 5) & 0x3F;
        int second = (time & 0x1F) * 2;
        if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59) return MIN;
        if (day > java.time.YearMonth.of(year, month).lengthOfMonth()) return MIN;
        return LocalDateTime.of(year, month, day, hour, minute, second);
    }
}
