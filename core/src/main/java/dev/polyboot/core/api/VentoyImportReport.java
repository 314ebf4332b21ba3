package dev.polyboot.core.api;

import java.util.List;

/**
 * {@code config import}: the stick's configuration after importing a ventoy.json, what was converted (one line each,
 * {@code menu_alias[0] -> alias./ISO/x.iso = Title}), every key that was not, with why, and notes on converted keys
 * that behave differently in polyboot.
 */
public record VentoyImportReport(StickConfiguration configuration, List<String> converted, List<Unconverted> unconverted,
                                 List<String> notes) {
    /** The largest ventoy.json {@code config import} reads (as the stick's own configuration file). */
    public static final int MAX_BYTES = dev.polyboot.core.config.StickConfig.MAX_BYTES;

    public VentoyImportReport {
        converted = List.copyOf(converted);
        unconverted = List.copyOf(unconverted);
        notes = List.copyOf(notes);
    }

    /** @param key the ventoy.json key ({@code password.menupwd[1]}); @param why one line */
    public record Unconverted(String key, String why) {}
}
