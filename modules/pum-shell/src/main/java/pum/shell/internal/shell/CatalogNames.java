package pum.shell.internal.shell;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Schema and table names of one database, for completion. Read once per target and kept until
 * the target changes, a command has run (it may have created or dropped tables), or it is older
 * than {@link #MAX_AGE_MS} (someone else may have).
 */
public final class CatalogNames {
    static final long MAX_AGE_MS = 30_000;
    private static final String QUERY = """
            SELECT n.nspname, c.relname
            FROM pg_catalog.pg_namespace n
            LEFT JOIN pg_catalog.pg_class c ON c.relnamespace = n.oid AND c.relkind IN ('r', 'p', 'v', 'm', 'f')
            WHERE n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast') AND n.nspname NOT LIKE 'pg_temp%'
              AND n.nspname NOT LIKE 'pg_toast_temp%'
            ORDER BY 1, 2""";

    /** The names read from one database. */
    public record Names(List<String> schemas, List<String> tables) {
    }

    private String target;
    private Names names;
    private long readAt;

    /** Forgets what was read (after a command). */
    public synchronized void invalidate() {
        names = null;
    }

    /** The names of the database behind {@code c}, known as {@code target}; read again when stale. */
    public synchronized Names of(String target, Connection c) throws SQLException {
        long now = System.currentTimeMillis();
        if (names != null && Objects.equals(target, this.target) && now - readAt < MAX_AGE_MS) {
            return names;
        }
        List<String> schemas = new ArrayList<>();
        List<String> tables = new ArrayList<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(QUERY)) {
            while (rs.next()) {
                String schema = rs.getString(1);
                if (schemas.isEmpty() || !schemas.get(schemas.size() - 1).equals(schema)) {
                    schemas.add(schema);
                }
                if (rs.getString(2) != null) {
                    tables.add(schema + "." + rs.getString(2));
                }
            }
        }
        this.target = target;
        this.names = new Names(List.copyOf(schemas), List.copyOf(tables));
        this.readAt = now;
        return names;
    }
}
