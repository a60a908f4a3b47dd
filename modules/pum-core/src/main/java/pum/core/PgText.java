package pum.core;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * PostgreSQL text, written the way the server reads it back: identifiers (always quoted, or quoted
 * only where needed as {@code quote_ident} does), string literals, and the server's version.
 * Every module that builds SQL or shows a name uses these, so two places never disagree on how
 * a name is spelled.
 */
public final class PgText {
    // PostgreSQL's reserved key words (and those reserved "can be function or type"), which need quotes.
    private static final Set<String> RESERVED = Set.of("all", "analyse", "analyze", "and", "any", "array", "as", "asc",
            "asymmetric", "authorization", "binary", "both", "case", "cast", "check", "collate", "collation", "column",
            "concurrently", "constraint", "create", "cross", "current_catalog", "current_date", "current_role",
            "current_schema", "current_time", "current_timestamp", "current_user", "default", "deferrable", "desc",
            "distinct", "do", "else", "end", "except", "false", "fetch", "for", "foreign", "freeze", "from", "full",
            "grant", "group", "having", "ilike", "in", "initially", "inner", "intersect", "into", "is", "isnull", "join",
            "lateral", "leading", "left", "like", "limit", "localtime", "localtimestamp", "natural", "not", "notnull",
            "null", "offset", "on", "only", "or", "order", "outer", "overlaps", "placing", "primary", "references",
            "returning", "right", "select", "session_user", "similar", "some", "symmetric", "system_user", "table",
            "tablesample", "then", "to", "trailing", "true", "union", "unique", "user", "using", "variadic", "verbose",
            "when", "where", "window", "with");

    private PgText() {
    }

    /** An identifier in double quotes, for SQL pum sends: {@code "Sys"}, {@code "a""b"}. */
    public static String quoteIdent(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    /**
     * An identifier quoted only if PostgreSQL needs quotes to read it back (upper case, special
     * characters, reserved words), as the server's {@code quote_ident} does: {@code pipe},
     * {@code "Pipe"}, {@code "user"}. For names shown to users and compared between databases.
     */
    public static String quoteIdentIfNeeded(String identifier) {
        if (plain(identifier) && !RESERVED.contains(identifier)) {
            return identifier;
        }
        return quoteIdent(identifier);
    }

    /** Parts quoted where needed, joined with dots: {@code qualify("s", "T")} is {@code s."T"}. */
    public static String qualify(String... parts) {
        StringBuilder b = new StringBuilder();
        for (String p : parts) {
            if (b.length() > 0) {
                b.append('.');
            }
            b.append(quoteIdentIfNeeded(p));
        }
        return b.toString();
    }

    /**
     * The unquoted parts of a dotted name quoted as {@link #qualify} quotes it: {@code s."T.x"} gives
     * {@code [s, T.x]}. Reading stops at an opening parenthesis outside quotes, so a function's
     * argument list is left out: {@code s.f(integer)} gives {@code [s, f]}.
     */
    public static List<String> parts(String name) {
        List<String> parts = new ArrayList<>();
        StringBuilder b = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (quoted) {
                if (c != '"') {
                    b.append(c);
                } else if (i + 1 < name.length() && name.charAt(i + 1) == '"') {
                    b.append('"');
                    i++;
                } else {
                    quoted = false;
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == '.') {
                parts.add(b.toString());
                b.setLength(0);
            } else if (c == '(') {
                break;
            } else {
                b.append(c);
            }
        }
        parts.add(b.toString());
        return parts;
    }

    /**
     * A string literal: {@code 'it''s'}. Valid with {@code standard_conforming_strings} on (the
     * default since PostgreSQL 9.1, and the only value pum supports), where backslashes are plain.
     */
    public static String literal(String value) {
        return "'" + value.replace("'", "''") + "'";
    }

    /**
     * The server's {@code server_version_num}, e.g. {@code 150004}; {@code / 10000} is the major. On a
     * pgjdbc connection, from what the server reported when the connection started.
     *
     * @throws SQLException when the query fails
     */
    public static int serverVersionNum(Connection c) throws SQLException {
        // pgjdbc's connection knows it from the start-up exchange (as libpq's PQserverVersion does): no round trip
        if (c.isWrapperFor(org.postgresql.core.BaseConnection.class)) {
            int v = c.unwrap(org.postgresql.core.BaseConnection.class).getQueryExecutor().getServerVersionNum();
            if (v > 0) {
                return v;
            }
        }
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SHOW server_version_num")) {
            rs.next();
            return Integer.parseInt(rs.getString(1).trim());
        }
    }

    // the same test as the regular expression [a-z_][a-z0-9_$]*, without one (called for every name of a snapshot)
    private static boolean plain(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok = c >= 'a' && c <= 'z' || c == '_' || i > 0 && (c >= '0' && c <= '9' || c == '$');
            if (!ok) {
                return false;
            }
        }
        return true;
    }
}
