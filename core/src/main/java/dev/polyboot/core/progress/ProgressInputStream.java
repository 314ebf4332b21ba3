package dev.polyboot.core.progress;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** Reports bytes read through it to a listener, at most every {@code step} bytes and at the end. */
public final class ProgressInputStream extends FilterInputStream {
    private static final long STEP = 4L << 20;
    private final ProgressListener listener;
    private final String phase;
    private final long total;
    private long done;
    private long reported;

    public ProgressInputStream(InputStream in, ProgressListener listener, String phase, long total) {
        super(in);
        this.listener = listener;
        this.phase = phase;
        this.total = total;
        listener.progress(phase, 0, total);
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) advance(1);
        return b;
    }

    @Override
    public int read(byte[] buf, int off, int len) throws IOException {
        int n = super.read(buf, off, len);
        if (n > 0) advance(n);
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        long s = super.skip(n);
        if (s > 0) advance(s);
        return s;
    }

    public long bytesRead() {
        return done;
    }

    private void advance(long n) {
        done += n;
        if (done - reported >= STEP || done == total) {
            reported = done;
            listener.progress(phase, done, total);
        }
    }
}
