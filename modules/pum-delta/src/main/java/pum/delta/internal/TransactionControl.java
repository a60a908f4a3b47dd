package pum.delta.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Recognises statements that begin, end or abandon a transaction, as the server reads them: the
 * leading words after whitespace and comments. {@code BEGIN ATOMIC} (a function body),
 * {@code ROLLBACK TO SAVEPOINT}, {@code COMMIT PREPARED} and {@code ROLLBACK PREPARED} do not
 * end the current transaction; {@code PREPARE TRANSACTION} does.
 */
public final class TransactionControl {
    private TransactionControl() {
    }

    /** What a statement does to the transaction. */
    public enum Kind {
        /** BEGIN or START TRANSACTION (with or without modes). */
        BEGIN,
        /** COMMIT or END. */
        COMMIT,
        /** ROLLBACK or ABORT. */
        ROLLBACK,
        /** PREPARE TRANSACTION: ends the transaction too. */
        PREPARE,
        /** Anything else. */
        OTHER
    }

    /** The kind of one statement. */
    public static Kind of(String sql) {
        List<String> w = words(sql, 3);
        String a = w.size() > 0 ? w.get(0) : "";
        String b = w.size() > 1 ? w.get(1) : "";
        return switch (a) {
            case "begin" -> b.equals("atomic") ? Kind.OTHER : Kind.BEGIN;
            case "start" -> b.equals("transaction") ? Kind.BEGIN : Kind.OTHER;
            case "commit" -> b.equals("prepared") ? Kind.OTHER : Kind.COMMIT;
            case "end" -> Kind.COMMIT;
            case "rollback" -> b.equals("to") || b.equals("prepared") ? Kind.OTHER : Kind.ROLLBACK;
            case "abort" -> Kind.ROLLBACK;
            case "prepare" -> b.equals("transaction") ? Kind.PREPARE : Kind.OTHER;
            default -> Kind.OTHER;
        };
    }

    /**
     * The transaction modes of a BEGIN or START TRANSACTION ({@code ISOLATION LEVEL SERIALIZABLE},
     * {@code READ ONLY}, ...), or an empty string.
     */
    public static String modes(String sql) {
        String s = skipSpaceAndComments(sql, 0) < sql.length() ? sql.substring(skipSpaceAndComments(sql, 0)) : "";
        String lower = s.toLowerCase(Locale.ROOT);
        String rest;
        if (lower.startsWith("begin")) {
            rest = s.substring(5);
        } else if (lower.startsWith("start")) {
            rest = s.substring(5).strip().substring("transaction".length());
        } else {
            return "";
        }
        rest = rest.strip();
        String r = rest.toLowerCase(Locale.ROOT);
        if (r.startsWith("transaction")) {
            rest = rest.substring("transaction".length()).strip();
        } else if (r.startsWith("work")) {
            rest = rest.substring("work".length()).strip();
        }
        return rest;
    }

    /** The first {@code n} words, lower case, skipping whitespace and comments. */
    public static List<String> words(String sql, int n) {
        List<String> out = new ArrayList<>();
        int i = 0;
        while (out.size() < n) {
            i = skipSpaceAndComments(sql, i);
            if (i >= sql.length()) {
                break;
            }
            int j = i;
            while (j < sql.length() && (Character.isLetterOrDigit(sql.charAt(j)) || sql.charAt(j) == '_')) {
                j++;
            }
            if (j == i) {
                break;
            }
            out.add(sql.substring(i, j).toLowerCase(Locale.ROOT));
            i = j;
        }
        return out;
    }

    private static int skipSpaceAndComments(String s, int i) {
        while (i < s.length()) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '-' && i + 1 < s.length() && s.charAt(i + 1) == '-') {
                int nl = s.indexOf('\n', i);
                i = nl < 0 ? s.length() : nl + 1;
            } else if (c == '/' && i + 1 < s.length() && s.charAt(i + 1) == '*') {
                int depth = 1;
                i += 2;
                while (i < s.length() && depth > 0) {
                    if (s.startsWith("/*", i)) {
                        depth++;
                        i += 2;
                    } else if (s.startsWith("*/", i)) {
                        depth--;
                        i += 2;
                    } else {
                        i++;
                    }
                }
            } else {
                break;
            }
        }
        return i;
    }
}
