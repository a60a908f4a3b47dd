package pum.delta.internal;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits SQL text into statements where psql (14 and later) would: a file that psql runs runs
 * the same here, statement for statement. It reads a stream and keeps only the current
 * statement in memory, so input of any size can be split.
 *
 * <p>psql's rules, as its lexer (psqlscan.l) applies them: a semicolon ends a statement only
 * outside strings ({@code '..''..'}, {@code E'..\'..'}, {@code B'..'}, {@code X'..'},
 * {@code N'..'}, {@code U&'..'}; like psql, which lexes line by line, it does not continue an
 * {@code E'..'} string in a {@code '..'} on the next line), quoted identifiers
 * ({@code "a;""b"}, {@code U&".."}), {@code --} comments, nested block comments, dollar quotes
 * ({@code $$..$$}, {@code $tag$..$tag$}; {@code $1} is a parameter), at parenthesis depth 0, and
 * outside {@code BEGIN ... END} blocks, which psql counts (with {@code CASE ... END} inside them)
 * only at parenthesis depth 0 of a statement that starts with
 * {@code CREATE [OR REPLACE] FUNCTION|PROCEDURE}. standard_conforming_strings is assumed on.
 * Empty statements ({@code ;;}, comments alone) are skipped: the server does nothing for them.
 * psql's {@code :name} variables are not substituted (pum has none), so such text goes to the
 * server as it is.
 *
 * <p>A backslash outside quotes and comments, where psql would read a meta-command
 * ({@code \i}, {@code \set}, also {@code \;}), is a {@link SourceError.Kind#META_COMMAND} error.
 *
 * <p>{@code COPY ... FROM STDIN} followed by inline data (the lines up to a line {@code \.}, as
 * pg_dump writes it) is returned with {@link SqlStatement#copyFromStdin()}; {@link #copyData()}
 * then streams the data. psql reads that data from the line after the one with the statement's
 * semicolon; anything but a {@code --} comment after that semicolon is refused
 * ({@link SourceError.Kind#COPY_SAME_LINE}), because psql would run it after the data.
 *
 * <p>Not thread-safe. Errors of the underlying reader (such as the strict decoding errors of
 * {@link DeltaText#open}) pass through {@link #next()} and the data reader unchanged.
 */
public final class SqlSplitter {
    private final SqlInput in;
    private final ScanState st = new ScanState();
    private boolean finished;
    private CopyDataReader copy;

    /** A splitter over {@code in}, which it reads as needed; closing {@code in} is the caller's job. */
    public SqlSplitter(Reader in) {
        this.in = new SqlInput(in);
    }

    private SqlSplitter(Reader in, int sizeHint) {
        this.in = new SqlInput(in, sizeHint);
    }

    /**
     * The statements of a text held in memory, in order. The data of {@code COPY ... FROM STDIN}
     * statements is in {@link SqlStatement#copyData()}.
     *
     * @throws SourceError for a psql meta-command or unterminated inline COPY data
     */
    public static List<SqlStatement> split(String text) throws SourceError {
        SqlSplitter s = new SqlSplitter(new StringReader(text), text.length());
        List<SqlStatement> out = new ArrayList<>();
        try {
            for (SqlStatement x = s.next(); x != null; x = s.next()) {
                out.add(x.copyFromStdin() ? x.withCopyData(readAll(s.copyData())) : x);
            }
        } catch (SourceError e) {
            throw e;
        } catch (IOException e) {
            throw new IllegalStateException("a StringReader does not fail", e);
        }
        return out;
    }

    /**
     * 1-based line and column of a char offset in a text, with the line breaks the splitter
     * counts (LF, CRLF and a lone CR each end a line; columns count code points).
     */
    public static int[] lineColumn(String text, long offset) {
        return SqlStatement.walk(text, 0, (int) Math.min(offset, text.length()), 1, 1);
    }

    /**
     * The next statement, or null at the end of input. Skips the inline data of the previous
     * statement if it was not read.
     *
     * @throws SourceError   for a meta-command, unterminated inline COPY data, or text after
     *                       {@code COPY ... FROM STDIN;} on its line
     * @throws IOException   when the underlying reader fails
     */
    public SqlStatement next() throws IOException {
        if (copy != null) {
            copy.skipRest();
            copy = null;
        }
        if (finished) {
            return null;
        }
        st.reset();
        while (true) {
            int c = in.peek(0);
            if (c < 0) {
                finished = true;
                return st.started() ? end(in.pos(), false) : null;
            }
            if (Lex.isSpace(c)) {
                in.advance();
            } else if (c == '-' && in.peek(1) == '-') {
                in.skipLineComment();
            } else if (c == '/' && in.peek(1) == '*') {
                long p = in.pos();
                int line = in.line();
                int col = in.column();
                if (!in.skipBlockComment() && !st.started()) {
                    // psql sends an unterminated comment to the server, which reports it: so do we
                    st.start(p, line, col);
                }
            } else if (c == ';' && st.parens == 0 && st.beginDepth == 0) {
                long semi = in.pos();
                in.advance();
                if (st.started()) {
                    return end(semi, true);
                }
                st.reset();
            } else {
                if (!st.started()) {
                    st.start(in.pos(), in.line(), in.column());
                }
                token(c);
            }
            if (!st.started()) {
                in.release();
            }
        }
    }

    /**
     * The inline data of the statement last returned by {@link #next()}, which must be a
     * {@code COPY ... FROM STDIN}: the lines after it up to (not including) the line {@code \.},
     * each with its line end, exactly as psql sends them. The reader streams from the input and
     * is valid until the next call of {@link #next()}; it is suitable for pgjdbc's
     * {@code CopyManager.copyIn(String, Reader)}. Reading past the data without finding its end
     * raises {@link SourceError.Kind#UNTERMINATED_COPY}.
     *
     * @throws IllegalStateException when the last statement has no inline data
     */
    public Reader copyData() {
        if (copy == null) {
            throw new IllegalStateException("the last statement is not a COPY ... FROM STDIN");
        }
        return copy;
    }

    /** The largest buffer the splitter has needed so far, in chars: grows with the longest statement, not with the input. */
    public int peakBufferChars() {
        return in.peakCapacity();
    }

    private SqlStatement end(long semicolon, boolean terminated) throws IOException {
        long e = semicolon;
        while (e > st.startPos && Lex.isSpace(in.charAt(e - 1))) {
            e--;
        }
        boolean copyIn = st.copy == ScanState.COPY_STDIN;
        SqlStatement s = new SqlStatement(in.text(st.startPos, e), st.startPos, st.startLine, st.startColumn, copyIn, null);
        if (copyIn) {
            if (!terminated) {
                throw unterminatedCopy(s);
            }
            skipToDataStart(s);
            copy = new CopyDataReader(this, s);
        }
        st.reset();
        in.release();
        return s;
    }

    /** psql reads COPY data from the line after the statement: the rest of that line may only be a comment. */
    private void skipToDataStart(SqlStatement s) throws IOException {
        while (true) {
            int c = in.peek(0);
            if (c < 0) {
                throw unterminatedCopy(s);
            }
            if (c == '\n') {
                in.advance();
                return;
            }
            if (c == '-' && in.peek(1) == '-') {
                in.skipLineComment();
            } else if (Lex.isSpace(c)) {
                in.advance();
            } else {
                throw new SourceError(SourceError.Kind.COPY_SAME_LINE,
                        "text after COPY ... FROM STDIN; on the same line: psql would read the data from the next line and run this text after it",
                        in.line(), in.column(), -1, "put the text on a line of its own after the data's closing \\. line");
            }
        }
    }

    static SourceError unterminatedCopy(SqlStatement s) {
        return new SourceError(SourceError.Kind.UNTERMINATED_COPY,
                "the inline data of this COPY ... FROM STDIN does not end with a line \\. before the end of the file",
                s.line(), s.column(), -1, "end the data with a line holding only \\. (as pg_dump writes it)");
    }

    private void token(int c) throws IOException {
        switch (c) {
            case '\\' -> throw metaCommand();
            case '\'' -> {
                in.advance();
                in.skipString(false);
                st.token(null);
            }
            case '"' -> {
                in.advance();
                in.skipQuoted('"');
                st.token(null);
            }
            case '$' -> dollar();
            case '(' -> {
                in.advance();
                st.token(null);
                st.parens++;
            }
            case ')' -> {
                in.advance();
                if (st.parens > 0) {
                    st.parens--;
                }
                st.token(null);
            }
            default -> {
                if (Lex.isIdentStart(c)) {
                    word(c);
                } else if (c >= '0' && c <= '9') {
                    // numbers and the junk the server rejects after them (1e5, 0x1F, 1_000, 12abc)
                    in.advance();
                    while (Lex.isNumberChar(in.peek(0))) {
                        in.advance();
                    }
                    st.token(null);
                } else {
                    in.advance();
                    st.token(null);
                }
            }
        }
    }

    /** An identifier, or a string with a prefix: flex's longest match makes {@code E'} a string start, {@code Ex'} not. */
    private void word(int c) throws IOException {
        int lc = c | 0x20;
        int c1 = in.peek(1);
        if (c1 == '\'' && (lc == 'e' || lc == 'b' || lc == 'x' || lc == 'n')) {
            in.advance();
            in.advance();
            in.skipString(lc == 'e');
            st.token(null);
            return;
        }
        if (lc == 'u' && c1 == '&' && (in.peek(2) == '\'' || in.peek(2) == '"')) {
            in.advance();
            in.advance();
            int q = in.peek(0);
            in.advance();
            if (q == '\'') {
                in.skipString(false);
            } else {
                in.skipQuoted('"');
            }
            st.token(null);
            return;
        }
        StringBuilder w = new StringBuilder(16);
        int ch = c;
        while (Lex.isIdentChar(ch)) {
            if (w.length() < ScanState.MAX_WORD) {
                w.append(Lex.asciiLower(ch));
            }
            in.advance();
            ch = in.peek(0);
        }
        st.word(w.toString());
    }

    private void dollar() throws IOException {
        int c1 = in.peek(1);
        if (c1 >= '0' && c1 <= '9') {
            in.advance();
            while (Lex.isNumberChar(in.peek(0))) {
                in.advance();
            }
            st.token(null);
            return;
        }
        int k = 1;
        if (Lex.isIdentStart(c1)) {
            k = 2;
            while (Lex.isTagChar(in.peek(k))) {
                k++;
            }
        }
        if (in.peek(k) != '$') {
            // "$" or "$abc" without a closing "$": no quote (psql's dolqfailed)
            in.advance(k);
            st.token(null);
            return;
        }
        String tag = in.text(in.pos(), in.pos() + k + 1);
        in.advance(k + 1);
        in.skipDollarBody(tag);
        st.token(null);
    }

    private SourceError metaCommand() throws IOException {
        StringBuilder name = new StringBuilder("\\");
        int k = 1;
        int c = in.peek(k);
        while (name.length() < 32 && c >= 0 && (Character.isLetterOrDigit(c) || c == '_')) {
            name.append((char) c);
            c = in.peek(++k);
        }
        if (name.length() == 1 && c >= 0 && !Lex.isSpace(c)) {
            name.append((char) c);
        }
        String cmd = name.toString();
        String why = switch (cmd) {
            case "\\;" -> "psql's \\; (several statements sent as one) is not supported: end each statement with ;";
            case "\\." -> "\\. ends inline data only after a COPY ... FROM STDIN statement";
            case "\\" -> "a backslash outside quotes starts a psql meta-command, which pum does not run";
            default -> "psql meta-command " + cmd + " is not supported: pum sends SQL to the server, which cannot run psql's commands";
        };
        return new SourceError(SourceError.Kind.META_COMMAND, why, in.line(), in.column(), -1,
                "remove it, or do its work in SQL (\\i: make it a delta file of its own; \\set: use -v NAME VALUE and %(NAME)s)");
    }


    SqlInput input() {
        return in;
    }

    private static String readAll(Reader r) throws IOException {
        StringBuilder sb = new StringBuilder();
        char[] b = new char[8192];
        for (int n = r.read(b); n >= 0; n = r.read(b)) {
            sb.append(b, 0, n);
        }
        return sb.toString();
    }
}
