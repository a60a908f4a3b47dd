package pum.delta.internal;

import java.io.IOException;
import java.io.Reader;

/**
 * The splitter's input: a {@link CharWindow} with a cursor that knows the 1-based line and
 * column of the char under it (LF, CRLF and a lone CR each end a line, as editors count them;
 * columns count code points), and the lexer rules that only skip text: quotes and comments.
 */
final class SqlInput {
    private final CharWindow in;
    private long pos;
    private int line = 1;
    private int column = 1;
    private boolean afterCr;

    SqlInput(Reader reader) {
        this(reader, -1);
    }

    SqlInput(Reader reader, int sizeHint) {
        in = new CharWindow(reader, sizeHint);
    }

    long pos() {
        return pos;
    }

    int line() {
        return line;
    }

    int column() {
        return column;
    }

    /** The char {@code ahead} positions after the cursor, or -1 past the end of input. */
    int peek(int ahead) throws IOException {
        return in.charAt(pos + ahead);
    }

    int charAt(long p) throws IOException {
        return in.charAt(p);
    }

    /** Moves past the char under the cursor. */
    void advance() throws IOException {
        int c = in.charAt(pos);
        pos++;
        if (c == '\n') {
            if (!afterCr) {
                line++;
            }
            column = 1;
        } else if (c == '\r') {
            line++;
            column = 1;
        } else if (!Character.isLowSurrogate((char) c)) {
            column++;
        }
        afterCr = c == '\r';
    }

    void advance(int n) throws IOException {
        for (int i = 0; i < n; i++) {
            advance();
        }
    }

    /** Nothing before the cursor is needed any more. */
    void release() {
        in.release(pos);
    }

    String text(long from, long to) {
        return in.text(from, to);
    }

    /** Chars already buffered from the cursor on. */
    int available() {
        return in.available(pos);
    }

    void copy(long from, char[] dst, int off, int n) {
        in.copy(from, dst, off, n);
    }

    int peakCapacity() {
        return in.peakCapacity();
    }

    /** After an opening dollar-quote tag: up to and including the closing one (or the end of input). */
    void skipDollarBody(String tag) throws IOException {
        while (true) {
            int c = peek(0);
            if (c < 0) {
                return;
            }
            if (c == '$' && matches(tag)) {
                advance(tag.length());
                return;
            }
            advance();
        }
    }

    boolean matches(String tag) throws IOException {
        for (int i = 0; i < tag.length(); i++) {
            if (peek(i) != tag.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** After the opening quote; an E string continues in a later {@code '...'} only where psql sees it (see {@link Lex#continuation}). */
    void skipString(boolean backslashEscapes) throws IOException {
        while (true) {
            int c = peek(0);
            if (c < 0) {
                return;
            }
            if (backslashEscapes && c == '\\') {
                advance();
                if (peek(0) >= 0) {
                    advance();
                }
            } else if (c == '\'') {
                advance();
                if (peek(0) == '\'') {
                    advance();
                } else if (backslashEscapes) {
                    int k = Lex.continuation(this::peek);
                    if (k < 0) {
                        return;
                    }
                    for (int i = 0; i <= k; i++) {
                        advance();
                    }
                } else {
                    return;
                }
            } else {
                advance();
            }
        }
    }

    void skipQuoted(char q) throws IOException {
        while (true) {
            int c = peek(0);
            if (c < 0) {
                return;
            }
            advance();
            if (c == q) {
                if (peek(0) != q) {
                    return;
                }
                advance();
            }
        }
    }

    void skipLineComment() throws IOException {
        while (true) {
            int c = peek(0);
            if (c < 0 || c == '\n' || c == '\r') {
                return;
            }
            advance();
        }
    }

    /** True if the comment ends before the end of input. */
    boolean skipBlockComment() throws IOException {
        int depth = 0;
        while (true) {
            int c = peek(0);
            if (c < 0) {
                return false;
            }
            if (c == '/' && peek(1) == '*') {
                depth++;
                advance();
            } else if (c == '*' && peek(1) == '/') {
                depth--;
                advance();
                if (depth == 0) {
                    advance();
                    return true;
                }
            }
            advance();
        }
    }
}
