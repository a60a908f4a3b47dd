package pum.catalog.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import pum.catalog.CatalogException;
import pum.catalog.Snapshot;
import pum.core.ErrorCode;

/**
 * Reads a whole snapshot in one transaction (read-only and repeatable-read when pum owns it), so
 * every reader sees the same catalog state, with {@code search_path} set to {@code pg_catalog} only: the server then
 * schema-qualifies every user name it prints (in defaults, view and index definitions, types),
 * whoever connects and whatever their search_path.
 */
public final class CatalogReader {

    private CatalogReader() {
    }

    /**
     * Reads everything; the caller maps SQLException to its own error. On a connection in
     * autocommit mode the read is its own read-only, repeatable-read transaction; inside a
     * caller's transaction it runs in a savepoint that is rolled back, so the caller's work and
     * settings stay as they were.
     */
    public static Snapshot read(Connection connection, Set<String> excludedSchemas, List<String> excludedTables) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        Savepoint savepoint = null;
        try {
            if (autoCommit) {
                connection.setAutoCommit(false);
            } else {
                savepoint = connection.setSavepoint();
            }
            try (Statement st = connection.createStatement()) {
                // one round trip; the column query sorts every column of the database: keep that sort in memory
                st.execute((autoCommit ? "SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY; " : "")
                        + "SET LOCAL search_path = pg_catalog; SET LOCAL work_mem = '64MB'");
            }
            Server server = server(connection);
            if (!server.atLeast(14)) {
                throw new CatalogException(ErrorCode.DATABASE, "the server runs PostgreSQL " + server.major()
                        + ", pum compares PostgreSQL 14 to 17", "upgrade the server, or compare with a pum that supports it", null);
            }
            Scope scope = excludedTables.isEmpty() ? new Scope(excludedSchemas, server)
                    : byIdentity(connection, excludedSchemas, server, excludedTables);
            Reads r = new Reads(connection, scope);
            Timer t = new Timer(connection);
            var schemas = t.time("schemas", () -> SchemaReader.read(r));
            var tables = t.time("tables", () -> TableReader.read(r));
            var columns = t.time("columns", () -> ColumnReader.read(r));
            var constraints = t.time("constraints", () -> ConstraintReader.read(r));
            var views = t.time("views", () -> ViewReader.read(r));
            var sequences = t.time("sequences", () -> SequenceReader.read(r));
            var indexes = t.time("indexes", () -> IndexReader.read(r));
            var triggers = t.time("triggers", () -> TriggerReader.read(r));
            var routines = t.time("functions", () -> RoutineReader.read(r));
            var rules = t.time("rules", () -> RuleReader.read(r));
            var types = t.time("types", () -> TypeReader.read(r));
            var domains = t.time("domains", () -> DomainReader.read(r));
            var extensions = t.time("extensions", () -> ExtensionReader.read(r));
            var policies = t.time("policies", () -> PolicyReader.read(r));
            var comments = t.time("comments", () -> CommentReader.read(r));
            t.done();
            return new Snapshot(schemas, tables, columns, constraints, views, sequences, indexes, triggers, routines, rules,
                    types, domains, extensions, policies, comments);
        } finally {
            // nothing was written: undo the SET LOCALs and give the connection back as found
            if (savepoint != null) {
                connection.rollback(savepoint);
                connection.releaseSavepoint(savepoint);
            } else {
                connection.rollback();
                connection.setAutoCommit(true);
            }
        }
    }

    private static final pum.core.LazyLog LOG = pum.core.LazyLog.of(CatalogReader.class);

    /**
     * --debug: each reader's milliseconds (the query's round trip, the server's work and the row
     * mapping together) and row count, then the sum: where a check's read time goes.
     */
    private static final class Timer {
        private final String db;
        private final StringBuilder parts = new StringBuilder();
        private final long start = System.nanoTime();

        Timer(Connection c) throws SQLException {
            db = LOG.isDebugEnabled() ? c.getCatalog() : null;
        }

        <T extends List<?>> T time(String what, java.util.function.Supplier<T> read) {
            if (db == null) {
                return read.get();
            }
            long t0 = System.nanoTime();
            T rows = read.get();
            parts.append(parts.length() == 0 ? "" : ", ").append(what).append(' ').append((System.nanoTime() - t0) / 1_000_000)
                    .append(" ms (").append(rows.size()).append(')');
            return rows;
        }

        void done() {
            if (db != null) {
                LOG.debug("read {} in {} ms: {}", db, (System.nanoTime() - start) / 1_000_000, parts);
            }
        }
    }

    /**
     * Loads on a background thread what a read will need: in the default scope the pre-rendered
     * queries; otherwise jOOQ and the catalog classes, by rendering a typical query without a
     * connection (class loading and verification of jOOQ cost a few hundred milliseconds at
     * start-up; done while the caller connects, they are hidden).
     */
    public static void warmUp(boolean defaultScope) {
        Thread t = new Thread(() -> {
            if (defaultScope) {
                Prerendered.get("columns");
                return;
            }
            DSLContext ctx = DSL.using(SQLDialect.POSTGRES, Reads.settings());
            ctx.render(ColumnReader.query(ctx, new Scope(Set.of("warm-up"), new Server(170000))));
        }, "pum-catalog-warm-up");
        t.setDaemon(true);
        t.start();
    }

    /**
     * The scope leaving out tables by identity: the server resolves each name (so any spelling
     * the server accepts works, and a name that merely shares a prefix is never touched), then
     * everything hangs off OIDs: the table, its indexes, the sequences it owns (serial or
     * identity columns), and its schema when nothing else lives there.
     */
    private static Scope byIdentity(Connection connection, Set<String> excludedSchemas, Server server, List<String> tables)
            throws SQLException {
        String relations = """
                WITH t AS (SELECT to_regclass(x) AS oid FROM unnest(?::text[]) x)
                SELECT t.oid::oid::int8 FROM t WHERE t.oid IS NOT NULL
                UNION SELECT i.indexrelid::int8 FROM pg_index i JOIN t ON i.indrelid = t.oid
                UNION SELECT d.objid::int8 FROM pg_depend d JOIN t ON d.refobjid = t.oid
                  JOIN pg_class s ON s.oid = d.objid AND s.relkind = 'S'
                  WHERE d.classid = 'pg_class'::regclass AND d.refclassid = 'pg_class'::regclass AND d.deptype IN ('a', 'i')""";
        Set<Long> oids = new HashSet<>();
        try (PreparedStatement ps = connection.prepareStatement(relations)) {
            ps.setArray(1, connection.createArrayOf("text", tables.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    oids.add(rs.getLong(1));
                }
            }
        }
        Set<Long> namespaces = new HashSet<>();
        if (!oids.isEmpty()) {
            // a schema whose only relations are the excluded ones, and that holds no functions or types of its own
            String lonely = """
                    SELECT n.oid::int8 FROM pg_namespace n
                    WHERE n.oid IN (SELECT relnamespace FROM pg_class WHERE oid = ANY (?::int8[]::oid[]))
                      AND NOT EXISTS (SELECT 1 FROM pg_class c WHERE c.relnamespace = n.oid AND NOT c.oid = ANY (?::int8[]::oid[]))
                      AND NOT EXISTS (SELECT 1 FROM pg_proc p WHERE p.pronamespace = n.oid)
                      AND NOT EXISTS (SELECT 1 FROM pg_type y WHERE y.typnamespace = n.oid AND y.typtype IN ('d', 'e', 'r', 'm'))
                      AND NOT EXISTS (SELECT 1 FROM pg_collation o WHERE o.collnamespace = n.oid)""";
            try (PreparedStatement ps = connection.prepareStatement(lonely)) {
                java.sql.Array a = connection.createArrayOf("int8", oids.toArray());
                ps.setArray(1, a);
                ps.setArray(2, a);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        namespaces.add(rs.getLong(1));
                    }
                }
            }
        }
        return new Scope(excludedSchemas, server, oids, namespaces);
    }

    private static Server server(Connection connection) throws SQLException {
        return new Server(pum.core.PgText.serverVersionNum(connection));
    }
}
