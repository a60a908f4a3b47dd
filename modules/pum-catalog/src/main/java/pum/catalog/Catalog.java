package pum.catalog;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import pum.catalog.internal.Reprinter;
import pum.catalog.internal.CatalogReader;
import pum.core.ErrorCode;

/** Reads snapshots of databases. */
public final class Catalog {
    private Catalog() {
    }

    /**
     * Optional: starts loading the query machinery on a background thread, so that a later
     * {@link #read} starts faster. Call it before opening connections; calling it more than once
     * is harmless.
     */
    public static void warmUp() {
        CatalogReader.warmUp(false);
    }

    /**
     * As {@link #warmUp()}, for a {@link #read} with these options: when they exclude nothing,
     * the snapshot's queries are pre-rendered and need no jOOQ, and only their SQL is loaded.
     */
    public static void warmUp(CatalogOptions options) {
        CatalogReader.warmUp(options.excludedSchemas().isEmpty() && options.excludedTables().isEmpty());
    }

    /**
     * Reads the schema of the database behind a connection: one query per object kind for the whole
     * database, in one read-only transaction. The connection is left as it was found (autocommit
     * restored, nothing changed). Objects in system schemas ({@code pg_catalog},
     * {@code information_schema}, {@code pg_toast*}, {@code pg_temp*}), in excluded schemas, and
     * those that belong to an extension are left out.
     *
     * @throws CatalogException with {@link ErrorCode#DATABASE} if a catalog query fails
     */
    public static Snapshot read(Connection connection, CatalogOptions options) {
        try {
            return CatalogReader.read(connection, options.excludedSchemas(), options.excludedTables());
        } catch (SQLException | org.jooq.exception.DataAccessException e) {
            throw new CatalogException(ErrorCode.DATABASE, "reading the catalog failed: " + e.getMessage(),
                    "pum supports PostgreSQL 14 to 17; check that the role may read pg_catalog", e);
        }
    }

    /**
     * Whether each pair of texts means the same, as the server judges it: both texts are read and
     * printed once more by the server behind the connection, and the results compared. Meant for
     * the few pairs a comparison found different; all of them are sent in one batch.
     * <p>The server does the work on temporary objects (a temporary table holding the columns, the
     * constraint, default or index added to it) inside a transaction that is rolled back: nothing
     * is left behind, and no user object is locked. A text the server cannot read on this
     * database (it names a sequence that is not there, say), and every pair when the server
     * refuses temporary objects (a read-only standby, no TEMP privilege), counts as different.
     * The connection is left as it was found.
     *
     * @return one answer per pair, in order
     */
    public static List<Boolean> sameMeaning(Connection connection, List<Reprint> pairs) {
        return Reprinter.sameMeaning(connection, pairs);
    }
}
