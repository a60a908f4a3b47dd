package pum.core;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import pum.core.internal.Conninfo;
import pum.core.internal.PgPassFile;
import pum.core.internal.ServiceFile;

/**
 * Turns what a user typed after {@code -p} into {@link ConnectionInfo}, following libpq's rules:
 * <ul>
 *   <li>a {@code postgresql://} or {@code postgres://} URI,</li>
 *   <li>a {@code key=value} conninfo string (anything containing {@code =}),</li>
 *   <li>otherwise a service name from pg_service.conf.</li>
 * </ul>
 * Values given explicitly win over the service's, which win over PG* variables, which win over
 * defaults. Services are searched in PGSERVICEFILE or ~/.pg_service.conf, then in
 * PGSYSCONFDIR/pg_service.conf (default {@value #DEFAULT_SYSCONFDIR}). A missing password is
 * looked up in PGPASSFILE or ~/.pgpass.
 */
public final class ConnectionResolver {
    /** Debian's compiled-in libpq sysconfdir, used when PGSYSCONFDIR is unset. */
    public static final String DEFAULT_SYSCONFDIR = "/etc/postgresql-common";

    private static final Logger LOG = LoggerFactory.getLogger(ConnectionResolver.class);

    /** libpq keyword to environment variable, as in libpq's PQconninfoOptions. */
    private static final Map<String, String> ENV_VARS = Map.ofEntries(
            Map.entry("host", "PGHOST"), Map.entry("hostaddr", "PGHOSTADDR"), Map.entry("port", "PGPORT"),
            Map.entry("dbname", "PGDATABASE"), Map.entry("user", "PGUSER"), Map.entry("password", "PGPASSWORD"),
            Map.entry("passfile", "PGPASSFILE"), Map.entry("sslmode", "PGSSLMODE"),
            Map.entry("sslrootcert", "PGSSLROOTCERT"), Map.entry("sslcert", "PGSSLCERT"),
            Map.entry("sslkey", "PGSSLKEY"), Map.entry("application_name", "PGAPPNAME"),
            Map.entry("connect_timeout", "PGCONNECT_TIMEOUT"), Map.entry("options", "PGOPTIONS"),
            Map.entry("target_session_attrs", "PGTARGETSESSIONATTRS"));

    private final PgEnvironment environment;

    /** A resolver reading the given environment. */
    public ConnectionResolver(PgEnvironment environment) {
        this.environment = environment;
    }

    /** A resolver for this process's environment. */
    public static ConnectionResolver system() {
        return new ConnectionResolver(PgEnvironment.system());
    }

    /** Whether the text is a URI or a conninfo string rather than a service name. */
    public static boolean isConnectionString(String spec) {
        return spec.startsWith("postgresql://") || spec.startsWith("postgres://") || spec.contains("=");
    }

    /**
     * Resolves a service name, URI or conninfo string.
     *
     * @throws PumException with {@link ErrorCode#CONNECTION} for an unknown service or an unreadable
     *                      service file, {@link ErrorCode#USAGE} for a malformed URI or conninfo
     */
    public ConnectionInfo resolve(String spec) {
        if (spec == null || spec.isBlank()) {
            throw new PumException(ErrorCode.USAGE, "empty connection: give a service name, a postgresql:// URI or a conninfo string");
        }
        Map<String, String> params;
        String source;
        if (spec.startsWith("postgresql://") || spec.startsWith("postgres://")) {
            params = Conninfo.parseUri(spec);
            source = Conninfo.redactUri(spec);
        } else if (spec.contains("=")) {
            params = Conninfo.parseKeywords(spec);
            source = "conninfo \"" + Conninfo.redactKeywords(params) + "\"";
        } else {
            params = new LinkedHashMap<>();
            params.put("service", spec);
            source = "service \"" + spec + "\"";
        }
        return complete(params, source);
    }

    private ConnectionInfo complete(Map<String, String> given, String source) {
        Map<String, String> p = new LinkedHashMap<>(given);
        String service = p.containsKey("service") ? p.get("service") : environment.get("PGSERVICE");
        if (service != null) {
            if (!p.containsKey("service")) {
                source = source + " with PGSERVICE \"" + service + "\"";
            }
            Map<String, String> fromService = ServiceFile.lookup(service, environment);
            fromService.forEach(p::putIfAbsent);
        }
        p.remove("service");
        ENV_VARS.forEach((key, var) -> {
            String v = environment.get(var);
            if (v != null) {
                p.putIfAbsent(key, v);
            }
        });
        String host = p.remove("host");
        String hostaddr = p.remove("hostaddr");
        if (hostaddr != null && (host == null || host.startsWith("/"))) {
            host = hostaddr;
        }
        if (host == null || host.isEmpty() || host.startsWith("/")) {
            // libpq would use a Unix socket here; pgjdbc speaks TCP only, so use the loopback.
            if (host != null && !host.isEmpty()) {
                LOG.debug("socket directory {} replaced by localhost (pum connects over TCP)", host);
            }
            host = "localhost";
        }
        if (host.contains(",")) {
            throw new PumException(ErrorCode.USAGE, "several hosts given (" + host + ") in " + source,
                    "pum connects to one server; name a single host");
        }
        String portText = p.remove("port");
        int port = 5432;
        if (portText != null) {
            try {
                port = Integer.parseInt(portText.trim());
            } catch (NumberFormatException e) {
                throw new PumException(ErrorCode.USAGE, "invalid port \"" + portText + "\" in " + source);
            }
        }
        String user = p.remove("user");
        if (user == null) {
            user = environment.osUser();
        }
        String dbname = p.remove("dbname");
        if (dbname == null) {
            dbname = user;
        }
        String password = p.remove("password");
        String passfile = p.remove("passfile");
        if (password == null) {
            Path file = passfile != null ? Path.of(passfile) : environment.home().resolve(".pgpass");
            password = PgPassFile.lookup(file, host, port, dbname, user);
        }
        LOG.debug("{} resolved to host={} port={} dbname={} user={} options={}", source, host, port, dbname, user, p.keySet());
        return new ConnectionInfo(host, port, dbname, user, password, p, source);
    }
}
