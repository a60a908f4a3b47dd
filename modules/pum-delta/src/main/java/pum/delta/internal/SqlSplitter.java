package pum.delta.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Splits an SQL file into statements the way psql's lexer does, so that a file that psql runs
 * runs the same here: semicolons end a statement only outside quotes and comments, at
 * parenthesis depth zero, and outside a {@code BEGIN ATOMIC ... END} function body.
 *
 * <p>Lexical rules followed (PostgreSQL documentation, "Lexical Structure"): standard strings
 * {@code '..''..'}, escape strings {@code E'..\'..'} (backslash escapes), quoted identifiers
 * {@code ".."""}, dollar quotes {@code $tag$..$tag$} (a {@code $} inside an identifier or
 * {@code $1} parameters are not quotes), {@code --} comments to end of line and nested
 * {@code /* /* * / * /} comments. standard_conforming_strings is assumed on (the default since
 * PostgreSQL 9.1).
 */
public final class SqlSplitter {
    private final String text;
    private final int[] lineStarts;

    private SqlSplitter(String text) {
        this.text = text;
        this.lineStarts = lineStarts(text);
    }

    /** The statements of a file's text, in order; empty statements and comment-only tails are dropped. */
    public static List<SqlStatement> split(String text) {
        return new SqlSplitter(text).run();
    }

    /** 1-based line and column of a char offset in the text. */
    public static int[] lineColumn(String text, int offset) {
        return new SqlSplitter(text).position(offset);
    }

    int[] position(int offset) {
        int i = Arrays.binarySearch(lineStarts, offset);
        int line = i >= 0 ? i : -i - 2;
        return new int[] {line + 1, offset - lineStarts[line] + 1};
    }

    private static int[] lineStarts(String s) {
        int n = 1;
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) == '\n') {
                n++;
            }
        }
        int[] starts = new int[n];
        int k = 1;
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) == '\n') {
                starts[k++] = i + 1;
            }
        }
        return starts;
    }

    private List<SqlStatement> run() {
        List<SqlStatement> out = new ArrayList<>();
        int n = text.length();
        int i = 0;
        int start = -1; // first significant char of the current statement
        int parens = 0;
        int beginDepth = 0;
        boolean routine = false; // CREATE [OR REPLACE] FUNCTION/PROCEDURE: BEGIN ATOMIC bodies are possible
        List<String> firstWords = new ArrayList<>(4);
        while (i < n) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
                continue;
            }
            if (c == '-' && i + 1 < n && text.charAt(i + 1) == '-') {
                while (i < n && text.charAt(i) != '\n') {
                    i++;
                }
                continue;
            }
            if (c == '/' && i + 1 < n && text.charAt(i + 1) == '*') {
                i = skipBlockComment(i);
                continue;
            }
            if (c == ';' && parens == 0 && beginDepth == 0) {
                if (start >= 0) {
                    add(out, start, i);
                }
                start = -1;
                parens = 0;
                beginDepth = 0;
                routine = false;
                firstWords.clear();
                i++;
                continue;
            }
            if (start < 0) {
                start = i;
            }
            if (c == '\'') {
                boolean escape = i > 0 && (text.charAt(i - 1) == 'E' || text.charAt(i - 1) == 'e')
                        && (i < 2 || !isIdentChar(text.charAt(i - 2)));
                i = skipString(i, escape);
            } else if (c == '"') {
                i = skipQuoted(i, '"');
            } else if (c == '$' && (i == 0 || !isIdentChar(text.charAt(i - 1)))) {
                int tagEnd = dollarTagEnd(i);
                if (tagEnd > 0) {
                    String tag = text.substring(i, tagEnd + 1);
                    int close = text.indexOf(tag, tagEnd + 1);
                    i = close < 0 ? n : close + tag.length();
                } else {
                    i++;
                }
            } else if (c == '(') {
                parens++;
                i++;
            } else if (c == ')') {
                parens = Math.max(0, parens - 1);
                i++;
            } else if (isIdentStart(c)) {
                int j = i;
                while (j < n && isIdentChar(text.charAt(j))) {
                    j++;
                }
                String word = text.substring(i, j).toLowerCase(Locale.ROOT);
                if (firstWords.size() < 4) {
                    firstWords.add(word);
                    routine = isRoutine(firstWords);
                }
                if (routine) {
                    if (word.equals("begin")) {
                        beginDepth++;
                    } else if (word.equals("case") && beginDepth > 0) {
                        beginDepth++;
                    } else if (word.equals("end") && beginDepth > 0) {
                        beginDepth--;
                    }
                }
                i = j;
            } else {
                i++;
            }
        }
        if (start >= 0) {
            add(out, start, n);
        }
        return out;
    }

    private static boolean isRoutine(List<String> w) {
        if (w.isEmpty() || !w.get(0).equals("create")) {
            return false;
        }
        int k = 1;
        if (w.size() > 2 && w.get(1).equals("or") && w.get(2).equals("replace")) {
            k = 3;
        }
        return w.size() > k && (w.get(k).equals("function") || w.get(k).equals("procedure"));
    }

    private void add(List<SqlStatement> out, int start, int end) {
        int e = end;
        while (e > start && Character.isWhitespace(text.charAt(e - 1))) {
            e--;
        }
        int[] lc = position(start);
        out.add(new SqlStatement(text.substring(start, e), start, lc[0], lc[1]));
    }

    private int skipBlockComment(int i) {
        int depth = 0;
        int n = text.length();
        while (i < n) {
            if (text.startsWith("/*", i)) {
                depth++;
                i += 2;
            } else if (text.startsWith("*/", i)) {
                depth--;
                i += 2;
                if (depth == 0) {
                    return i;
                }
            } else {
                i++;
            }
        }
        return n;
    }

    private int skipString(int i, boolean backslashEscapes) {
        int n = text.length();
        i++;
        while (i < n) {
            char c = text.charAt(i);
            if (backslashEscapes && c == '\\') {
                i += 2;
            } else if (c == '\'') {
                if (i + 1 < n && text.charAt(i + 1) == '\'') {
                    i += 2;
                } else {
                    return i + 1;
                }
            } else {
                i++;
            }
        }
        return n;
    }

    private int skipQuoted(int i, char q) {
        int n = text.length();
        i++;
        while (i < n) {
            if (text.charAt(i) == q) {
                if (i + 1 < n && text.charAt(i + 1) == q) {
                    i += 2;
                } else {
                    return i + 1;
                }
            } else {
                i++;
            }
        }
        return n;
    }

    /** Index of the closing {@code $} of a dollar-quote tag starting at i, or -1 if this is no tag. */
    private int dollarTagEnd(int i) {
        int n = text.length();
        int j = i + 1;
        if (j < n && text.charAt(j) == '$') {
            return j;
        }
        if (j >= n || !isIdentStart(text.charAt(j))) {
            return -1;
        }
        while (j < n && isTagChar(text.charAt(j))) {
            j++;
        }
        return j < n && text.charAt(j) == '$' ? j : -1;
    }

    private static boolean isIdentStart(char c) {
        return Character.isLetter(c) || c == '_' || c >= 0x80;
    }

    private static boolean isTagChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c >= 0x80;
    }

    private static boolean isIdentChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '$' || c >= 0x80;
    }
}
