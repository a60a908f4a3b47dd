package pum.delta.internal;

import java.util.Locale;

/**
 * Per-file directives: comment lines at the very top of a delta file, before anything else,
 * of the form {@code -- pum: no-transaction}, {@code -- pum: lock-timeout 5s},
 * {@code -- pum: statement-timeout 10min} ({@code //} instead of {@code --} in Java files;
 * {@code key=value} also accepted). Unknown directives are errors, so a typo never goes unnoticed.
 *
 * @param noTransaction    run the file outside a transaction, statement by statement
 * @param lockTimeout      PostgreSQL lock_timeout while this file runs, or null
 * @param statementTimeout PostgreSQL statement_timeout while this file runs, or null
 */
public record Directives(boolean noTransaction, String lockTimeout, String statementTimeout) {
    /** No directive. */
    public static final Directives NONE = new Directives(false, null, null);

    /** Thrown for an unknown or malformed directive. */
    public static final class DirectiveError extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final int line;

        DirectiveError(String message, int line) {
            super(message);
            this.line = line;
        }

        /** 1-based line of the directive. */
        public int line() {
            return line;
        }
    }

    /** Reads the directives at the top of a file's text. */
    public static Directives parse(String text, boolean java) {
        String prefix = java ? "//" : "--";
        boolean noTx = false;
        String lock = null;
        String stmt = null;
        int lineNo = 0;
        int pos = 0;
        // only the leading comment lines matter: no split of a whole (possibly large) file
        while (pos <= text.length()) {
            int nl = text.indexOf('\n', pos);
            String raw = nl < 0 ? text.substring(pos) : text.substring(pos, nl);
            pos = nl < 0 ? text.length() + 1 : nl + 1;
            lineNo++;
            String line = raw.strip();
            if (line.isEmpty()) {
                continue;
            }
            if (!line.startsWith(prefix)) {
                break;
            }
            String body = line.substring(prefix.length()).strip();
            if (!body.toLowerCase(Locale.ROOT).startsWith("pum:")) {
                continue;
            }
            String d = body.substring(4).strip();
            String key;
            String value;
            int sep = indexOfSeparator(d);
            if (sep < 0) {
                key = d;
                value = null;
            } else {
                key = d.substring(0, sep).strip();
                value = d.substring(sep + 1).strip();
                if (value.startsWith("=")) {
                    value = value.substring(1).strip();
                }
            }
            switch (key.toLowerCase(Locale.ROOT)) {
                case "no-transaction" -> {
                    if (value != null && !value.isEmpty()) {
                        throw new DirectiveError("no-transaction takes no value", lineNo);
                    }
                    noTx = true;
                }
                case "lock-timeout" -> lock = required(key, value, lineNo);
                case "statement-timeout" -> stmt = required(key, value, lineNo);
                default -> throw new DirectiveError("unknown directive \"" + key
                        + "\": expected no-transaction, lock-timeout VALUE or statement-timeout VALUE", lineNo);
            }
        }
        return noTx || lock != null || stmt != null ? new Directives(noTx, lock, stmt) : NONE;
    }

    private static int indexOfSeparator(String d) {
        for (int i = 0; i < d.length(); i++) {
            char c = d.charAt(i);
            if (c == '=' || Character.isWhitespace(c)) {
                return i;
            }
        }
        return -1;
    }

    private static String required(String key, String value, int line) {
        if (value == null || value.isEmpty()) {
            throw new DirectiveError(key + " needs a value, for example \"-- pum: " + key + " 5s\"", line);
        }
        return value;
    }
}
