package pum.delta.internal;

/**
 * One statement of an SQL file, as it is sent to the server.
 *
 * @param sql           the statement text: from its first character that is not a space or
 *                      comment to its last before the terminating semicolon (excluded)
 * @param offset        where it starts in the file: 0-based char index in the decoded text
 *                      (after a skipped byte-order mark)
 * @param line          1-based line of its first character
 * @param column        1-based column of its first character, counted in code points
 * @param copyFromStdin a {@code COPY ... FROM STDIN} followed by inline data
 * @param copyData      that data when the statement came from {@link SqlSplitter#split(String)},
 *                      else null (a streaming caller reads {@link SqlSplitter#copyData()})
 */
public record SqlStatement(String sql, long offset, int line, int column, boolean copyFromStdin, String copyData) {

    /** A plain statement. */
    public SqlStatement(String sql, long offset, int line, int column) {
        this(sql, offset, line, column, false, null);
    }

    SqlStatement withCopyData(String data) {
        return new SqlStatement(sql, offset, line, column, copyFromStdin, data);
    }

    /**
     * File line and column ({@code [line, column]}, 1-based) of a 0-based position in
     * {@link #sql()} counted in code points, as the server counts the position of an error
     * (its 1-based {@code position} minus one). A position past the end gives the end.
     */
    public int[] lineColumnOf(int posInSql) {
        int i = 0;
        for (int cp = 0; cp < posInSql && i < sql.length(); cp++) {
            i += Character.charCount(sql.codePointAt(i));
        }
        return walk(sql, 0, i, line, column);
    }

    /** Line and column after walking {@code s} from {@code from} to {@code to}, starting at line/column. */
    static int[] walk(String s, int from, int to, int line, int column) {
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c == '\n') {
                if (i == 0 || s.charAt(i - 1) != '\r') {
                    line++;
                }
                column = 1;
            } else if (c == '\r') {
                line++;
                column = 1;
            } else if (!Character.isLowSurrogate(c)) {
                column++;
            }
        }
        return new int[] {line, column};
    }

    /**
     * The n-th (0-based) leading keyword in lower case, skipping spaces and comments, or "" when
     * the statement has fewer leading words: {@code keyword(1)} of {@code ROLLBACK TO s} is
     * "to", of {@code BEGIN;} and of {@code SELECT (1)} "". Words are unquoted identifiers;
     * only ASCII letters are lowered, as the server does for keywords ({@code BEGİN} is no BEGIN).
     */
    public String keyword(int n) {
        int i = 0;
        int len = sql.length();
        for (int k = 0; ; k++) {
            i = skipSpaceAndComments(i);
            if (i >= len || !Lex.isIdentStart(sql.charAt(i))) {
                return "";
            }
            int j = i;
            while (j < len && Lex.isIdentChar(sql.charAt(j))) {
                j++;
            }
            if (k == n) {
                StringBuilder w = new StringBuilder(j - i);
                for (int x = i; x < j; x++) {
                    w.append(Lex.asciiLower(sql.charAt(x)));
                }
                return w.toString();
            }
            i = j;
        }
    }

    /** What this statement does to the session's transaction. */
    public StatementKind kind() {
        return StatementKind.of(this);
    }

    private int skipSpaceAndComments(int i) {
        int len = sql.length();
        while (i < len) {
            char c = sql.charAt(i);
            if (Lex.isSpace(c)) {
                i++;
            } else if (c == '-' && i + 1 < len && sql.charAt(i + 1) == '-') {
                while (i < len && sql.charAt(i) != '\n' && sql.charAt(i) != '\r') {
                    i++;
                }
            } else if (c == '/' && i + 1 < len && sql.charAt(i + 1) == '*') {
                int depth = 0;
                do {
                    if (sql.startsWith("/*", i)) {
                        depth++;
                        i += 2;
                    } else if (sql.startsWith("*/", i)) {
                        depth--;
                        i += 2;
                    } else {
                        i++;
                    }
                } while (depth > 0 && i < len);
            } else {
                return i;
            }
        }
        return i;
    }
}
