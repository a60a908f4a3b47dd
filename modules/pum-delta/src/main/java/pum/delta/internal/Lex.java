package pum.delta.internal;

import java.io.IOException;

/** Character classes of PostgreSQL's lexer (scan.l), shared by the splitter and {@link SqlStatement}. */
final class Lex {
    private Lex() {
    }

    /** Looks ahead {@code k} chars from the current one; -1 past the end. */
    @FunctionalInterface
    interface Ahead {
        int at(int k) throws IOException;
    }

    /** scanner_isspace: not Java's isWhitespace, which also takes U+001C..U+001F. */
    static boolean isSpace(int c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == 0x0B;
    }

    /** ident_start: ASCII letters, underscore, and any non-ASCII char (the lexer sees bytes >= 0x80). */
    static boolean isIdentStart(int c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c >= 0x80;
    }

    /** ident_cont: an identifier may contain digits and {@code $}. */
    static boolean isIdentChar(int c) {
        return isIdentStart(c) || (c >= '0' && c <= '9') || c == '$';
    }

    /** dolq_cont: a dollar-quote tag is an identifier without {@code $}. */
    static boolean isTagChar(int c) {
        return isIdentStart(c) || (c >= '0' && c <= '9');
    }

    /** Keywords compare case-insensitively in ASCII only (pg_strcasecmp): Java's toLowerCase maps U+0130 to 'i'. */
    static char asciiLower(int c) {
        return (char) (c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c);
    }

    static boolean isNumberChar(int c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == '.' || c >= 0x80;
    }

    /**
     * After a closing quote: where a string continues (quotecontinue: spaces and {@code --}
     * comments holding at least one line break, then a quote), as the offset of that quote,
     * or -1. psql lexes a file line by line, each line without its LF, so it never sees a
     * continuation across an LF (it sends {@code E'a'}, newline, {@code '\';'} split at that
     * semicolon, although the server would join the two strings); only a CR inside a line can
     * continue a string there. The splitter does what psql does.
     */
    static int continuation(Ahead a) throws IOException {
        int k = 0;
        boolean newline = false;
        while (true) {
            int c = a.at(k);
            if (c == '\n') {
                return -1;
            } else if (c == '\r') {
                newline = true;
                k++;
            } else if (isSpace(c)) {
                k++;
            } else if (c == '-' && a.at(k + 1) == '-') {
                k += 2;
                int d = a.at(k);
                while (d >= 0 && d != '\n' && d != '\r') {
                    d = a.at(++k);
                }
                if (d < 0) {
                    return -1;
                }
            } else {
                return c == '\'' && newline ? k : -1;
            }
        }
    }
}
