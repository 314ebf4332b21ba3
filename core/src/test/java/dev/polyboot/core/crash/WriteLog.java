package dev.polyboot.core.crash;

import dev.polyboot.formats.testing.RecordingBlockDevice;
import java.util.ArrayList;
import java.util.List;

/**
 * A writer's recorded writes, grouped into the steps a crash can fall between. Consecutive writes of one flush
 * interval whose byte ranges follow each other (the chunks of one file's data, a formatter's zeroing) are one step:
 * a cut inside such a run leaves a shorter run of bytes nothing references yet, which the state after the previous
 * step already shows the metadata of. Everything else (every metadata write, every write across a flush) is a step
 * of its own.
 */
record WriteLog(List<RecordingBlockDevice.Write> writes, List<Step> steps, List<Integer> epochEnds) {

    /** Writes {@code from} (inclusive) to {@code to} (exclusive) of the log. */
    record Step(int from, int to) {}

    static WriteLog of(RecordingBlockDevice rec) {
        List<RecordingBlockDevice.Write> w = rec.writes();
        List<Step> steps = new ArrayList<>();
        int start = 0;
        for (int i = 1; i <= w.size(); i++) {
            boolean join = i < w.size() && rec.epochEnd(i - 1) == rec.epochEnd(i)
                    && w.get(i - 1).offset() + w.get(i - 1).data().length == w.get(i).offset();
            if (!join) {
                steps.add(new Step(start, i));
                start = i;
            }
        }
        List<Integer> ends = new ArrayList<>();
        for (int i = 0; i < w.size(); i++) ends.add(rec.epochEnd(i));
        return new WriteLog(w, List.copyOf(steps), List.copyOf(ends));
    }

    /** The image after the first {@code k} steps, applied onto a copy of {@code start}. */
    byte[] prefix(byte[] start, int k) {
        byte[] img = start.clone();
        for (int s = 0; s < k; s++) apply(img, steps.get(s));
        return img;
    }

    /**
     * The image a device that lost write {@code skip} (and landed the others) leaves: every write up to the flush after
     * {@code skip} but that one. A flush returns only once the writes before it are durable, so a write can only be
     * missing from states that end before the next flush.
     */
    byte[] omitting(byte[] start, int skip) {
        byte[] img = start.clone();
        for (int i = 0; i < epochEnds.get(skip); i++) if (i != skip) writes.get(i).applyTo(img);
        return img;
    }

    void apply(byte[] img, Step s) {
        for (int i = s.from(); i < s.to(); i++) writes.get(i).applyTo(img);
    }

    /**
     * The step indices (0..steps) whose prefix states are checked: all of them up to {@code max}, else {@code max}
     * evenly spaced ones that always include the first and the last (the bench script can lift the cap).
     */
    List<Integer> sample(int max) {
        int n = steps.size() + 1;
        List<Integer> out = new ArrayList<>();
        if (n <= max) {
            for (int k = 0; k < n; k++) out.add(k);
            return out;
        }
        for (int i = 0; i < max; i++) {
            int k = (int) Math.round((double) i * (n - 1) / (max - 1));
            if (out.isEmpty() || out.get(out.size() - 1) != k) out.add(k);
        }
        return out;
    }
}
