package pum.core;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.Properties;
import org.postgresql.util.PSQLException;

/** Opens JDBC connections from {@link ConnectionInfo}, turning failures into one-line errors. */
public final class Database {
    /** libpq keyword to pgjdbc property, for the keywords pgjdbc understands. */
    private static final Map<String, String> PGJDBC_PROPERTY = Map.of(
            "sslmode", "sslmode", "sslrootcert", "sslrootcert", "sslcert", "sslcert", "sslkey", "sslkey",
            "application_name", "ApplicationName", "connect_timeout", "connectTimeout", "options", "options",
            "target_session_attrs", "targetServerType", "sslpassword", "sslpassword");

    private Database() {
    }

    /**
     * Connects, with autocommit on. The application name defaults to {@code pum}.
     *
     * @throws PumException with {@link ErrorCode#CONNECTION} naming the server and what went wrong
     */
    public static Connection connect(ConnectionInfo info) {
        String host = info.host().contains(":") ? "[" + info.host() + "]" : info.host();
        String url = "jdbc:postgresql://" + host + ":" + info.port() + "/" + urlEncode(info.dbname());
        Properties props = new Properties();
        props.setProperty("user", info.user());
        if (info.password() != null) {
            props.setProperty("password", info.password());
        }
        props.setProperty("ApplicationName", "pum");
        props.setProperty("connectTimeout", "10");
        info.options().forEach((k, v) -> {
            String prop = PGJDBC_PROPERTY.get(k);
            if (prop != null) {
                props.setProperty(prop, k.equals("target_session_attrs") ? targetServerType(v) : v);
            }
        });
        try {
            Connection c = new org.postgresql.Driver().connect(url, props);
            if (c == null) {
                throw new PumException(ErrorCode.INTERNAL, "the PostgreSQL driver rejected URL " + url);
            }
            return c;
        } catch (SQLException e) {
            throw connectionError(info, e);
        }
    }

    private static PumException connectionError(ConnectionInfo info, SQLException e) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        String first = firstLine(e.getMessage());
        String where = info.describe();
        if (state.equals("28P01") || state.equals("28000")) {
            return new PumException(ErrorCode.CONNECTION, "authentication failed for " + where + ": " + first,
                    "check the password in the service file, the URI, PGPASSWORD or ~/.pgpass", e);
        }
        if (state.equals("3D000")) {
            return new PumException(ErrorCode.CONNECTION, "database \"" + info.dbname() + "\" does not exist on " + where,
                    "create it first, or name another database", e);
        }
        if (e instanceof PSQLException && first.contains("no password was provided")) {
            return new PumException(ErrorCode.CONNECTION, "the server asks for a password for " + where + " and none was given",
                    "add it to ~/.pgpass (mode 0600), the service file, or PGPASSWORD", e);
        }
        if (state.startsWith("08")) {
            String cause = e.getCause() != null && e.getCause().getMessage() != null ? e.getCause().getMessage() : first;
            return new PumException(ErrorCode.CONNECTION, "cannot reach " + where + ": " + firstLine(cause),
                    "is the server running and accepting TCP connections on " + info.host() + ":" + info.port() + "?", e);
        }
        return new PumException(ErrorCode.CONNECTION, "cannot connect to " + where + ": " + first
                + (state.isEmpty() ? "" : " (SQLSTATE " + state + ")"), null, e);
    }

    private static String targetServerType(String libpqValue) {
        return switch (libpqValue) {
            case "read-write" -> "primary";
            case "read-only" -> "secondary";
            case "prefer-standby" -> "preferSecondary";
            case "standby" -> "secondary";
            default -> "any";
        };
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    private static String urlEncode(String s) {
        return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
    }
}
