package pum.rehearsal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Objects;
import pum.core.ConnectionInfo;
import pum.core.Database;
import pum.core.ErrorCode;
import pum.core.PumException;

/**
 * Which database a connection reached, as its server tells it, whatever host name, address,
 * service or port spelling led there: the cluster's system identifier from
 * {@code pg_control_system()} (else its data directory and port, for roles that may read
 * {@code data_directory}), plus the database's OID and name.
 *
 * @param systemIdentifier the cluster's system identifier, or null when the role may not read it
 * @param dataDirectory    {@code data_directory}, or null when the role may not read it
 * @param port             the port the server listens on ({@code port} setting)
 * @param databaseOid      the database's OID, or 0 when the database does not exist (yet)
 * @param databaseName     the database's name
 */
public record DatabaseIdentity(String systemIdentifier, String dataDirectory, int port, long databaseOid, String databaseName) {

    /** What the server behind this connection says about itself and the connected database. */
    public static DatabaseIdentity of(Connection c) {
        try {
            return new DatabaseIdentity(optional(c, "SELECT system_identifier::text FROM pg_control_system()"),
                    optional(c, "SELECT current_setting('data_directory')"),
                    Integer.parseInt(required(c, "SELECT current_setting('port')")),
                    Long.parseLong(required(c, "SELECT oid::int8::text FROM pg_database WHERE datname = current_database()")),
                    required(c, "SELECT current_database()"));
        } catch (SQLException e) {
            throw new PumException(ErrorCode.DATABASE, "cannot ask the server which database this is: " + e.getMessage(), null, e);
        }
    }

    /**
     * The identity of a database that may not exist yet, read through a connection to another
     * database of the same server (the maintenance database).
     */
    public static DatabaseIdentity of(Connection maintenance, String databaseName) {
        DatabaseIdentity server = of(maintenance);
        try (PreparedStatement ps = maintenance.prepareStatement("SELECT oid::int8 FROM pg_database WHERE datname = ?")) {
            ps.setString(1, databaseName);
            try (ResultSet rs = ps.executeQuery()) {
                long oid = rs.next() ? rs.getLong(1) : 0;
                return new DatabaseIdentity(server.systemIdentifier, server.dataDirectory, server.port, oid, databaseName);
            }
        } catch (SQLException e) {
            throw new PumException(ErrorCode.DATABASE, "cannot look up database \"" + databaseName + "\": " + e.getMessage(), null, e);
        }
    }

    /** Connects and asks; the identity of the database the connection details lead to. */
    public static DatabaseIdentity of(ConnectionInfo info) {
        try (Connection c = Database.connect(info)) {
            return of(c);
        } catch (SQLException e) {
            throw new PumException(ErrorCode.DATABASE, e.getMessage(), null, e);
        }
    }

    /**
     * Whether the two are the same database: the same cluster, and the same OID or the same
     * name. A physical copy of a cluster (a standby, a restored base backup) keeps the system
     * identifier, and counts as the same: refusing it is the safe answer.
     *
     * @throws RehearsalException {@link ErrorCode#USAGE} when the servers did not say enough to tell
     */
    public boolean sameDatabase(DatabaseIdentity other) {
        return sameCluster(other) && (databaseOid != 0 && databaseOid == other.databaseOid || databaseName.equals(other.databaseName));
    }

    /**
     * Whether both live in the same cluster (server).
     *
     * @throws RehearsalException {@link ErrorCode#USAGE} when the servers did not say enough to tell
     */
    public boolean sameCluster(DatabaseIdentity other) {
        if (systemIdentifier != null && other.systemIdentifier != null) {
            return systemIdentifier.equals(other.systemIdentifier);
        }
        if (dataDirectory != null && other.dataDirectory != null) {
            return dataDirectory.equals(other.dataDirectory) && port == other.port;
        }
        throw new RehearsalException(ErrorCode.USAGE, "cannot prove that two databases are different: the server"
                + (systemIdentifier == null ? "" : " of the second") + " does not let this role read pg_control_system() or"
                + " data_directory", "grant the role EXECUTE on pg_control_system() (GRANT EXECUTE ON FUNCTION"
                + " pg_control_system() TO role), or membership in pg_read_all_settings, on both servers");
    }

    /** {@code database "x" (OID 16384) of cluster 7301...}, for messages. */
    public String describe() {
        return "database \"" + databaseName + "\"" + (databaseOid == 0 ? " (not created yet)" : " (OID " + databaseOid + ")")
                + " of cluster " + (systemIdentifier != null ? systemIdentifier : dataDirectory != null ? dataDirectory + ":" + port : "?");
    }

    private static String optional(Connection c, String sql) {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        } catch (SQLException e) {
            // insufficient privilege: the caller falls back to the other way, or refuses
            resetIfAborted(c);
            return null;
        }
    }

    private static String required(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return Objects.requireNonNull(rs.getString(1), sql);
        }
    }

    private static void resetIfAborted(Connection c) {
        try {
            if (!c.getAutoCommit()) {
                c.rollback();
            }
        } catch (SQLException e) {
            // the next query says what is wrong
        }
    }
}
