package pum.delta.internal;

import java.io.IOException;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.channels.ReadableByteChannel;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Decodes a byte stream and refuses, instead of replacing, what is not text in its charset: an
 * invalid or unmappable byte sequence or a NUL byte is a {@link SourceError} naming line,
 * column, byte offset and the bytes. Errors are raised when the bytes are decoded, which may be
 * up to one buffer ahead of the chars handed out.
 */
final class StrictReader extends Reader {
    /** The buffers of a large file; a small one gets buffers its size (10,000 small deltas would zero 2 GB). */
    static final int BYTES = 64 * 1024;
    private static final int MIN = 1024;

    private final ReadableByteChannel in;
    private final Charset charset;
    private final CharsetDecoder decoder;
    private final int capacity;
    private final ByteBuffer bytes;
    private final CharBuffer chars;
    private long consumed; // file offset of bytes.position()
    private boolean started;
    private boolean eof;
    private boolean finished;
    // where the next decoded char lies, for error positions
    private int line = 1;
    private int column = 1;
    private boolean afterCr;

    /** @param size the file's size, or -1 when unknown: sizes the buffers */
    StrictReader(ReadableByteChannel in, Charset charset, long size) {
        this.capacity = size < 0 || size >= BYTES ? BYTES : (int) Math.max(MIN, size + 16);
        this.bytes = ByteBuffer.allocate(capacity).flip();
        this.chars = CharBuffer.allocate(capacity).flip();
        this.in = in;
        this.charset = charset;
        this.decoder = charset.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
    }

    @Override
    public int read(char[] dst, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        if (!chars.hasRemaining() && !fill()) {
            return -1;
        }
        int n = Math.min(len, chars.remaining());
        chars.get(dst, off, n);
        return n;
    }

    @Override
    public int read() throws IOException {
        if (!chars.hasRemaining() && !fill()) {
            return -1;
        }
        return chars.get();
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    private boolean fill() throws IOException {
        chars.clear();
        try {
            if (!started) {
                started = true;
                skipBom();
            }
            while (chars.position() == 0 && !finished) {
                if (!eof && bytes.remaining() < capacity / 2) {
                    bytes.compact();
                    eof = in.read(bytes) < 0;
                    bytes.flip();
                }
                decodeSome();
            }
        } finally {
            chars.flip();
        }
        return chars.hasRemaining();
    }

    /** A UTF-8 byte-order mark is no character of the text; its bytes still count in offsets. */
    private void skipBom() throws IOException {
        while (!eof && bytes.remaining() < 3) {
            bytes.compact();
            eof = in.read(bytes) < 0;
            bytes.flip();
        }
        if (charset.equals(StandardCharsets.UTF_8) && bytes.remaining() >= 3 && (bytes.get(0) & 0xFF) == 0xEF
                && (bytes.get(1) & 0xFF) == 0xBB && (bytes.get(2) & 0xFF) == 0xBF) {
            bytes.position(3);
            consumed = 3;
        }
    }

    private void decodeSome() throws SourceError {
        int limit = bytes.limit();
        int nul = -1;
        for (int i = bytes.position(); i < limit; i++) {
            if (bytes.get(i) == 0) {
                nul = i;
                break;
            }
        }
        // in every encoding PostgreSQL knows, a 0x00 byte is NUL and never part of another char
        if (nul >= 0) {
            bytes.limit(nul);
        }
        boolean last = eof && nul < 0;
        int p0 = bytes.position();
        int c0 = chars.position();
        CoderResult r = decoder.decode(bytes, chars, last);
        track(c0);
        consumed += bytes.position() - p0;
        bytes.limit(limit);
        if (r.isError()) {
            throw badBytes(r.length(), r.isUnmappable());
        }
        if (nul >= 0 && r.isUnderflow()) {
            if (bytes.position() < nul) {
                // an incomplete sequence right before the NUL
                throw badBytes(nul - bytes.position() + 1, false);
            }
            throw new SourceError(SourceError.Kind.NUL_BYTE, "NUL byte (0x00) at byte offset " + consumed
                    + ": a text file has none; is this a binary file?", line, column, consumed,
                    "delta files are text; remove the NUL bytes or the file");
        }
        if (last && r.isUnderflow()) {
            int c1 = chars.position();
            CoderResult f = decoder.flush(chars);
            track(c1);
            if (f.isError()) {
                throw badBytes(f.length(), false);
            }
            if (f.isUnderflow()) {
                finished = true;
            }
        }
    }

    private void track(int from) {
        for (int i = from; i < chars.position(); i++) {
            char c = chars.get(i);
            if (c == '\n') {
                if (!afterCr) {
                    line++;
                }
                column = 1;
            } else if (c == '\r') {
                line++;
                column = 1;
            } else if (!Character.isLowSurrogate(c)) {
                column++;
            }
            afterCr = c == '\r';
        }
    }

    private SourceError badBytes(int length, boolean unmappable) {
        StringBuilder hex = new StringBuilder();
        int at = bytes.position();
        for (int i = 0; i < Math.max(1, length) && at + i < bytes.limit(); i++) {
            hex.append(i == 0 ? "" : " ").append(String.format("0x%02x", bytes.get(at + i) & 0xFF));
        }
        String what = unmappable ? "has no character in " + charset.name() : "is not valid " + charset.name();
        String message = "byte" + (length > 1 ? "s " : " ") + hex + " at byte offset " + consumed + " " + what;
        String hint = "pum reads delta files as UTF-8 unless a leading comment line declares the encoding, e.g. "
                + "\"-- pum: encoding LATIN1\" (\"// pum: encoding LATIN1\" in Java files); or save the file as UTF-8";
        if (consumed == 0 && bytes.limit() - at >= 2) {
            int b0 = bytes.get(at) & 0xFF;
            int b1 = bytes.get(at + 1) & 0xFF;
            if ((b0 == 0xFF && b1 == 0xFE) || (b0 == 0xFE && b1 == 0xFF)) {
                hint = "the file starts like UTF-16 text: save it as UTF-8";
            }
        }
        return new SourceError(SourceError.Kind.BAD_ENCODING, message, line, column, consumed, hint);
    }
}
