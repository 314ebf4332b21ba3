package dev.polyboot.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.polyboot.core.api.Failure;
import dev.polyboot.core.api.ProgressListener;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * One long operation the server owns (install, add, verify, ...): it runs on the server whatever the page does, so a
 * reloaded page finds it in {@code /api/jobs} and follows its events again. It is core's {@link ProgressListener};
 * progress is published at most every {@value #PUBLISH_MS} ms (and at every new phase and at the end).
 */
final class Job implements ProgressListener {
    static final long PUBLISH_MS = 100;
    enum State { RUNNING, DONE, FAILED }

    final String id;
    final String kind;
    final String target;
    final String stickKey;
    final String title;
    private final Instant started = Instant.now();
    private final Consumer<Job> publisher;
    private State state = State.RUNNING;
    private String phase = "starting";
    private long done;
    private long total;
    private long phaseStartNanos = System.nanoTime();
    private long lastPublishNanos;
    private final List<String> warnings = new ArrayList<>();
    private Failure failure;
    private JsonNode result;

    Job(String id, String kind, String target, String stickKey, String title, Consumer<Job> publisher) {
        this.id = id;
        this.kind = kind;
        this.target = target;
        this.stickKey = stickKey;
        this.title = title;
        this.publisher = publisher;
    }

    @Override
    public void progress(String phase, long bytesDone, long bytesTotal) {
        boolean publish;
        synchronized (this) {
            long now = System.nanoTime();
            boolean newPhase = !phase.equals(this.phase);
            if (newPhase) phaseStartNanos = now;
            this.phase = phase;
            this.done = bytesDone;
            this.total = bytesTotal;
            publish = newPhase || (bytesTotal > 0 && bytesDone >= bytesTotal) || now - lastPublishNanos >= PUBLISH_MS * 1_000_000;
            if (publish) lastPublishNanos = now;
        }
        if (publish) publisher.accept(this);
    }

    @Override
    public void warning(String message) {
        synchronized (this) {
            warnings.add(message);
        }
        publisher.accept(this);
    }

    void finished(JsonNode result) {
        synchronized (this) {
            this.result = result;
            this.state = State.DONE;
        }
        publisher.accept(this);
    }

    void failed(Failure f) {
        synchronized (this) {
            this.failure = f;
            this.state = State.FAILED;
        }
        publisher.accept(this);
    }

    synchronized boolean running() {
        return state == State.RUNNING;
    }

    /** {@code {id, kind, target, title, state, phase, done, total, percent, bytesPerSecond, etaSeconds, ...}} */
    synchronized ObjectNode json() {
        ObjectNode o = Http.MAPPER.createObjectNode();
        o.put("id", id);
        o.put("kind", kind);
        o.put("target", target);
        o.put("title", title);
        o.put("state", state.name().toLowerCase(java.util.Locale.ROOT));
        o.put("started", started.toString());
        o.put("phase", phase);
        o.put("done", done);
        o.put("total", total);
        if (total > 0) o.put("percent", Math.min(100, (int) (done * 100 / total)));
        double seconds = (System.nanoTime() - phaseStartNanos) / 1e9;
        if (state == State.RUNNING && done > 0 && seconds > 0.2) {
            double rate = done / seconds;
            o.put("bytesPerSecond", (long) rate);
            if (total > done) o.put("etaSeconds", (long) Math.ceil((total - done) / rate));
        }
        ArrayNode w = o.putArray("warnings");
        warnings.forEach(w::add);
        if (failure != null) {
            o.put("error", failure.message());
            o.put("hint", failure.hint());
            o.put("errorKind", failure.kind().name().toLowerCase(java.util.Locale.ROOT));
        }
        if (result != null) o.set("result", result);
        return o;
    }
}
