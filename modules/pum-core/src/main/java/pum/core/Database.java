package pum.core;

import java.net.UnknownHostException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.Properties;
import javax.net.ssl.SSLException;
import org.postgresql.jdbc.PgConnection;
import org.postgresql.util.HostSpec;
import org.postgresql.util.PSQLException;
import pum.core.internal.DriverLog;

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
     * <p>The driver is given the resolved host, port, database, user and password only: it is
     * opened without its URL parser, which would otherwise read PGPASSFILE or ~/.pgpass itself
     * whenever no password is given, ignoring libpq's permission rule and pum's resolution.
     *
     * @throws PumException with {@link ErrorCode#CONNECTION} naming the server and what went wrong
     */
    public static Connection connect(ConnectionInfo info) {
        // the driver's log records are routed before its first connection (not at start-up: a
        // command that never connects skips java.util.logging's and slf4j's start)
        DriverLog.install();
        String host = info.host().contains(":") ? "[" + info.host() + "]" : info.host();
        String url = "jdbc:postgresql://" + host + ":" + info.port() + "/" + urlEncode(info.dbname());
        Properties props = new Properties();
        props.setProperty("PGHOST", info.host());
        props.setProperty("PGPORT", Integer.toString(info.port()));
        props.setProperty("PGDBNAME", info.dbname());
        props.setProperty("user", info.user());
        if (info.password() != null) {
            props.setProperty("password", info.password());
        }
        props.setProperty("ApplicationName", "pum");
        // servers since 9.0 take application_name in the start-up packet: one round trip less than a SET
        props.setProperty("assumeMinServerVersion", "9.0");
        props.setProperty("connectTimeout", "10");
        // libpq turns TCP keepalives on unless keepalives=0
        props.setProperty("tcpKeepAlive", Boolean.toString(!"0".equals(info.options().getOrDefault("keepalives", "1").strip())));
        info.options().forEach((k, v) -> {
            String prop = PGJDBC_PROPERTY.get(k);
            if (prop != null) {
                props.setProperty(prop, driverValue(k, v));
            }
        });
        try {
            return new PgConnection(new HostSpec[] {new HostSpec(info.host(), info.port())}, props, url);
        } catch (SQLException e) {
            throw connectionError(info, e);
        }
    }

    /**
     * Starts {@link #connect} on a daemon thread ({@code pum-connect}), so that connecting overlaps
     * with work that does not need the connection yet (reading 10,000 delta files). The future
     * fails with connect's {@link PumException}; a caller that gives up on it closes what arrives.
     */
    public static java.util.concurrent.CompletableFuture<Connection> connectInBackground(ConnectionInfo info) {
        java.util.concurrent.CompletableFuture<Connection> f = new java.util.concurrent.CompletableFuture<>();
        Thread t = new Thread(() -> {
            try {
                f.complete(connect(info));
            } catch (Throwable e) {
                f.completeExceptionally(e);
            }
        }, "pum-connect");
        t.setDaemon(true);
        t.start();
        return f;
    }

    /**
     * Sends the driver's own log records (java.util.logging, logger {@code org.postgresql}) to
     * pum's slf4j logger of the same name at debug level, with passwords masked, instead of the
     * console. The command line calls it once at start-up; a program embedding pum may too.
     */
    public static void routeDriverLogging() {
        DriverLog.install();
    }

    private static String driverValue(String keyword, String value) {
        return switch (keyword) {
            case "target_session_attrs" -> targetServerType(value);
            // libpq: 0 or less waits for ever, 1 means 2 seconds
            case "connect_timeout" -> {
                int t = Integer.parseInt(value.strip());
                yield Integer.toString(t <= 0 ? 0 : Math.max(t, 2));
            }
            default -> value;
        };
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
        if (causedBy(e, UnknownHostException.class) != null) {
            return new PumException(ErrorCode.CONNECTION, "unknown host \"" + info.host() + "\" for " + where,
                    "check the host name in the service file, URI or PGHOST (it does not resolve to an address)", e);
        }
        Throwable ssl = causedBy(e, SSLException.class);
        if (ssl != null || first.contains("SSL")) {
            String why = ssl != null && ssl.getMessage() != null ? firstLine(ssl.getMessage()) : first;
            String mode = info.options().getOrDefault("sslmode", "prefer");
            return new PumException(ErrorCode.CONNECTION, "SSL connection to " + where + " failed: " + why,
                    "the server answered; check sslmode (here " + mode + "), the server's ssl setting and the certificates"
                            + " (sslrootcert, sslcert, sslkey)", e);
        }
        if (state.startsWith("08")) {
            String cause = e.getCause() != null && e.getCause().getMessage() != null ? e.getCause().getMessage() : first;
            return new PumException(ErrorCode.CONNECTION, "cannot reach " + where + ": " + firstLine(cause),
                    "is the server running and accepting TCP connections on " + info.host() + ":" + info.port() + "?", e);
        }
        return new PumException(ErrorCode.CONNECTION, "cannot connect to " + where + ": " + first
                + (state.isEmpty() ? "" : " (SQLSTATE " + state + ")"), null, e);
    }

    private static Throwable causedBy(Throwable t, Class<? extends Throwable> type) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (type.isInstance(c)) {
                return c;
            }
        }
        return null;
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
