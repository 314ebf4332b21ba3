package dev.polyboot.core.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.polyboot.core.catalog.ImageReport;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;

/** {@code inspect}: what each image file is and how the menu would boot it. */
public record Inspection(List<ImageReport> reports) {
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .setSerializationInclusion(JsonInclude.Include.NON_NULL);

    public Inspection {
        reports = List.copyOf(reports);
    }

    /** One "label: value" block per file, a blank line between them. */
    public String text() {
        StringWriter w = new StringWriter();
        PrintWriter out = new PrintWriter(w);
        for (int i = 0; i < reports.size(); i++) {
            if (i > 0) out.println();
            ImageReportText.print(reports.get(i), out);
        }
        out.flush();
        return w.toString();
    }

    /** One object, or an array for several files (the report's own shape; see docs/ARCHITECTURE.md). */
    public String json() {
        try {
            return MAPPER.writeValueAsString(reports.size() == 1 ? reports.get(0) : reports) + System.lineSeparator();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a report is plain data", e);
        }
    }
}
