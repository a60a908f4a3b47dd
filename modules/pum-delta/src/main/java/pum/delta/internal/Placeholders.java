package pum.delta.internal;

import java.util.Map;

/**
 * PUM's SQL variables: {@code %(name)s} placeholders and {@code %%} for a literal percent sign,
 * interpreted only when variables are given (PUM handed the file to psycopg2 with or without
 * parameters, and psycopg2 only interprets {@code %} when there are parameters). Values become
 * SQL literals: numbers as written, strings quoted with quotes (and backslashes, in an E'' string)
 * escaped, so a value can never end the literal.
 */
public final class Placeholders {
    private Placeholders() {
    }

    /** Thrown for a placeholder problem; the offset is relative to the statement. */
    public static final class PlaceholderError extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final int offset;

        PlaceholderError(String message, int offset) {
            super(message);
            this.offset = offset;
        }

        /** Where in the statement (0-based). */
        public int offset() {
            return offset;
        }
    }

    /** Replaces the placeholders of one statement. */
    public static String apply(String sql, Map<String, Object> variables) {
        if (variables.isEmpty() || sql.indexOf('%') < 0) {
            return sql;
        }
        StringBuilder sb = new StringBuilder(sql.length() + 16);
        int n = sql.length();
        for (int i = 0; i < n; i++) {
            char c = sql.charAt(i);
            if (c != '%') {
                sb.append(c);
                continue;
            }
            if (i + 1 < n && sql.charAt(i + 1) == '%') {
                sb.append('%');
                i++;
                continue;
            }
            if (i + 1 < n && sql.charAt(i + 1) == '(') {
                int close = sql.indexOf(")s", i + 2);
                int paren = sql.indexOf(')', i + 2);
                if (close < 0 || paren != close) {
                    throw new PlaceholderError("incomplete placeholder: expected %(name)s", i);
                }
                String name = sql.substring(i + 2, close);
                if (!variables.containsKey(name)) {
                    throw new PlaceholderError("variable \"" + name + "\" is not defined (defined: " + String.join(", ", new java.util.TreeSet<>(variables.keySet())) + ")", i);
                }
                sb.append(literal(variables.get(name)));
                i = close + 1;
                continue;
            }
            throw new PlaceholderError("a lone % is not allowed when variables are given: write %% for a percent sign, %(name)s for a variable", i);
        }
        return sb.toString();
    }

    /** The SQL literal for a value: Long/Integer and Double as numbers, anything else as a string. */
    public static String literal(Object v) {
        if (v instanceof Long || v instanceof Integer) {
            return v.toString();
        }
        if (v instanceof Double d) {
            if (d.isNaN() || d.isInfinite()) {
                return "'" + d + "'::float8";
            }
            return d.toString();
        }
        String s = String.valueOf(v);
        if (s.indexOf('\\') >= 0) {
            return "E'" + s.replace("\\", "\\\\").replace("'", "''") + "'";
        }
        return "'" + s.replace("'", "''") + "'";
    }
}
