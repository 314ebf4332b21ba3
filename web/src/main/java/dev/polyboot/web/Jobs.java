package dev.polyboot.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.polyboot.core.api.Failure;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The server's jobs: at most one per stick at a time (a second is refused with 409 before core is called; core's
 * {@code StickLocks} still refuse another polyboot process), run on the server's own threads, published to every
 * page that follows {@code /api/events}. The last {@value #KEEP_FINISHED} finished jobs stay listed.
 */
final class Jobs implements AutoCloseable {
    static final int KEEP_FINISHED = 20;

    /** The work of a job: core calls reporting to the job, returning the result document. */
    interface Work {
        JsonNode run(Job job) throws Exception;
    }

    private final Map<String, Job> jobs = new LinkedHashMap<>();
    private final Map<String, Job> byStick = new LinkedHashMap<>();
    private final List<BlockingQueue<String>> subscribers = new CopyOnWriteArrayList<>();
    private final AtomicLong ids = new AtomicLong();
    private final ExecutorService workers = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "polyboot-web-job");
        t.setDaemon(true);
        return t;
    });

    /** The stick's identity for "one job per stick": the real path (links resolved) when it exists. */
    static String stickKey(String target) {
        Path p = Path.of(target).toAbsolutePath().normalize();
        try {
            return Files.exists(p) ? p.toRealPath().toString() : p.toString();
        } catch (IOException e) {
            return p.toString();
        }
    }

    /** Registers a job on {@code target}, or refuses (409) while another job uses that stick. */
    synchronized Job claim(String kind, String target, String title) {
        String key = stickKey(target);
        Job busy = byStick.get(key);
        if (busy != null) {
            throw new WebException(409, "refused: another job is using " + target + " (" + busy.kind + ": " + busy.title + ")",
                    "wait for it to finish; its progress is shown on the page", "refused");
        }
        Job job = new Job(Long.toString(ids.incrementAndGet()), kind, target, key, title, this::publish);
        byStick.put(key, job);
        jobs.put(job.id, job);
        trim();
        publish(job);
        return job;
    }

    /** Runs {@code work} on a worker thread; the stick is free again when it ends, whatever happened. */
    void start(Job job, Work work) {
        workers.execute(() -> runNow(job, work));
    }

    /** Runs {@code work} on this thread (short operations); returns the job's final document. */
    JsonNode runNow(Job job, Work work) {
        try {
            job.finished(work.run(job));
        } catch (Throwable e) {
            job.failed(e instanceof WebException w ? new Failure(Failure.Kind.REFUSED, w.error.message(), w.error.hint())
                    : Failure.of(e));
        } finally {
            release(job);
        }
        return job.json();
    }

    synchronized void release(Job job) {
        byStick.remove(job.stickKey, job);
    }

    synchronized ArrayNode list() {
        ArrayNode a = Http.MAPPER.createArrayNode();
        for (Job j : jobs.values()) a.add(j.json());
        return a;
    }

    synchronized Job get(String id) {
        return jobs.get(id);
    }

    private void trim() {
        List<String> finished = new ArrayList<>();
        for (Job j : jobs.values()) if (!j.running()) finished.add(j.id);
        for (int i = 0; i < finished.size() - KEEP_FINISHED; i++) jobs.remove(finished.get(i));
    }

    BlockingQueue<String> subscribe() {
        BlockingQueue<String> q = new LinkedBlockingQueue<>(10_000);
        subscribers.add(q);
        return q;
    }

    void unsubscribe(BlockingQueue<String> q) {
        subscribers.remove(q);
    }

    private void publish(Job job) {
        String data;
        try {
            data = Http.MAPPER.writeValueAsString(job.json());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("JSON of an in-memory tree cannot fail", e);
        }
        for (BlockingQueue<String> q : subscribers) q.offer(data); // a page that stopped reading misses updates, never blocks a job
    }

    @Override
    public void close() {
        workers.shutdownNow();
        try {
            workers.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
