package pum.delta.internal;

import java.io.IOException;
import java.io.Reader;

/**
 * The inline data after a {@code COPY ... FROM STDIN}, read straight from the splitter's input.
 * It ends, as in psql, at a line that is exactly {@code \.} (with LF or CRLF; also at the end of
 * input without a line end); every line before it is passed on as it is, line end included.
 */
final class CopyDataReader extends Reader {
    private final SqlSplitter splitter;
    private final SqlStatement copy;
    private boolean lineStart = true;
    private boolean done;

    CopyDataReader(SqlSplitter splitter, SqlStatement copy) {
        this.splitter = splitter;
        this.copy = copy;
    }

    @Override
    public int read(char[] dst, int off, int len) throws IOException {
        if (done) {
            return -1;
        }
        if (len == 0) {
            return 0;
        }
        SqlInput in = splitter.input();
        int n = 0;
        while (n < len) {
            if (lineStart && endMarker()) {
                done = true;
                break;
            }
            lineStart = false;
            int avail = in.available();
            if (avail == 0) {
                if (in.peek(0) < 0) {
                    throw SqlSplitter.unterminatedCopy(copy);
                }
                avail = in.available();
            }
            int take = Math.min(avail, len - n);
            long from = in.pos();
            int i = 0;
            while (i < take) {
                int c = in.peek(0);
                in.advance();
                i++;
                if (c == '\n') {
                    lineStart = true;
                    break;
                }
            }
            in.copy(from, dst, off + n, i);
            n += i;
            in.release();
        }
        return n == 0 ? -1 : n;
    }

    private boolean endMarker() throws IOException {
        SqlInput in = splitter.input();
        if (in.peek(0) != '\\' || in.peek(1) != '.') {
            return false;
        }
        int c2 = in.peek(2);
        int length;
        if (c2 == '\n') {
            length = 3;
        } else if (c2 == '\r' && in.peek(3) == '\n') {
            length = 4;
        } else if (c2 < 0) {
            length = 2;
        } else {
            return false;
        }
        in.advance(length);
        in.release();
        return true;
    }

    /** Reads to the end marker without keeping anything: the caller went on without the data. */
    void skipRest() throws IOException {
        char[] scratch = new char[8192];
        while (read(scratch, 0, scratch.length) >= 0) {
            // discard
        }
    }

    @Override
    public void close() {
        // the input belongs to the splitter; the rest of the data is skipped by its next()
    }
}
