package pum.delta.internal;

import java.io.IOException;
import java.io.Reader;

/**
 * The part of a character stream that is still needed, addressed by absolute position in the
 * stream. Whatever lies before the mark set by {@link #release} may be dropped, so memory grows
 * with the longest stretch kept (one statement and its lookahead), not with the input.
 */
final class CharWindow {
    private static final int READ_CHUNK = 8192;

    /** The smallest read, and what a small input's buffer has beyond its size. */
    private static final int SMALL = 256;

    private final Reader in;
    private final int chunk;
    private char[] buf;
    private long base; // stream position of buf[0]
    private int len;
    private long keepFrom;
    private boolean eof;
    private int peakCapacity;

    CharWindow(Reader in) {
        this(in, -1);
    }

    /**
     * @param sizeHint how many chars the input holds, when known (a text in memory), or -1: a small
     *                 input gets a small buffer (10,000 small deltas would otherwise zero 320 MB)
     */
    CharWindow(Reader in, int sizeHint) {
        this.in = in;
        int capacity = sizeHint < 0 ? 2 * READ_CHUNK : Math.min(2 * READ_CHUNK, sizeHint + SMALL);
        this.chunk = Math.min(READ_CHUNK, Math.max(SMALL, capacity / 2));
        this.buf = new char[capacity];
        this.peakCapacity = capacity;
    }

    /** The char at stream position {@code pos} (at or after the mark), or -1 at end of input. */
    int charAt(long pos) throws IOException {
        long i = pos - base;
        while (i >= len) {
            if (eof || !fill()) {
                return -1;
            }
            i = pos - base;
        }
        return buf[(int) i];
    }

    /** The chars from {@code from} (inclusive) to {@code to} (exclusive), all already read. */
    String text(long from, long to) {
        return new String(buf, (int) (from - base), (int) (to - from));
    }

    /** Copies already-read chars to {@code dst}. */
    void copy(long from, char[] dst, int off, int n) {
        System.arraycopy(buf, (int) (from - base), dst, off, n);
    }

    /** Number of chars already read from {@code pos} on, without reading more. */
    int available(long pos) {
        return (int) Math.max(0, base + len - pos);
    }

    /** Positions before {@code pos} are no longer needed. */
    void release(long pos) {
        keepFrom = Math.max(keepFrom, pos);
    }

    /** The largest buffer this window has needed, in chars. */
    int peakCapacity() {
        return peakCapacity;
    }

    private boolean fill() throws IOException {
        if (buf.length - len < chunk) {
            int drop = (int) Math.min(keepFrom - base, len);
            if (drop > 0) {
                System.arraycopy(buf, drop, buf, 0, len - drop);
                len -= drop;
                base += drop;
            }
            if (buf.length - len < chunk) {
                char[] bigger = new char[Math.max(buf.length * 2, len + chunk)];
                System.arraycopy(buf, 0, bigger, 0, len);
                buf = bigger;
                peakCapacity = Math.max(peakCapacity, buf.length);
            }
        }
        int n = in.read(buf, len, buf.length - len);
        if (n < 0) {
            eof = true;
            return false;
        }
        len += n;
        return true;
    }
}
