package pum.core;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import pum.core.internal.Conninfo;
import pum.core.internal.LibpqKeywords;
import pum.core.internal.PgPassFile;
import pum.core.internal.ServiceFile;

/**
 * Turns what a user typed after {@code -p} into {@link ConnectionInfo}, following libpq's rules:
 * <ul>
 *   <li>a {@code postgresql://} or {@code postgres://} URI,</li>
 *   <li>a {@code key=value} conninfo string (anything containing {@code =}),</li>
 *   <li>otherwise a service name from pg_service.conf;</li>
 *   <li>nothing at all: {@code PGSERVICE} and the other PG* variables alone, as psql does.</li>
 * </ul>
 * Values given explicitly win over the service's, which win over PG* variables, which win over
 * defaults. Services are searched in PGSERVICEFILE or ~/.pg_service.conf, then in
 * PGSYSCONFDIR/pg_service.conf (default {@value #DEFAULT_SYSCONFDIR}). A missing password is
 * looked up in the {@code passfile} keyword, PGPASSFILE or ~/.pgpass, which is ignored (with a
 * warning) when group or others can read it. {@code ~} is {@code $HOME}, as for libpq. Keywords
 * libpq does not know and malformed values are usage errors naming the keyword.
 */
public final class ConnectionResolver {
    /** Debian's compiled-in libpq sysconfdir, used when PGSYSCONFDIR is unset. */
    public static final String DEFAULT_SYSCONFDIR = "/etc/postgresql-common";

    private static final LazyLog LOG = LazyLog.of(ConnectionResolver.class);

    private final PgEnvironment environment;
    private final Consumer<String> warnings;

    /** A resolver reading the given environment; warnings (an ignored password file) are logged. */
    public ConnectionResolver(PgEnvironment environment) {
        this(environment, w -> LOG.warn("{}", w));
    }

    /** A resolver reading the given environment and handing warnings to {@code warnings}. */
    public ConnectionResolver(PgEnvironment environment, Consumer<String> warnings) {
        this.environment = Objects.requireNonNull(environment, "environment");
        this.warnings = Objects.requireNonNull(warnings, "warnings");
    }

    /** A resolver for this process's environment. */
    public static ConnectionResolver system() {
        return new ConnectionResolver(PgEnvironment.system());
    }

    /** A resolver for this process's environment, handing warnings to {@code warnings}. */
    public static ConnectionResolver system(Consumer<String> warnings) {
        return new ConnectionResolver(PgEnvironment.system(), warnings);
    }

    /** Whether the text is a URI or a conninfo string rather than a service name. */
    public static boolean isConnectionString(String spec) {
        return spec.startsWith("postgresql://") || spec.startsWith("postgres://") || spec.contains("=");
    }

    /** Whether a database can be named by the environment alone ({@code PGSERVICE} is set). */
    public boolean environmentNamesADatabase() {
        return environment.get("PGSERVICE") != null;
    }

    /**
     * Resolves a service name, URI or conninfo string; null or blank means the environment alone
     * (allowed when {@code PGSERVICE} is set).
     *
     * @throws PumException with {@link ErrorCode#CONNECTION} for an unknown service or an unreadable
     *                      service file, {@link ErrorCode#USAGE} for a malformed URI or conninfo, an
     *                      unknown keyword or a malformed value
     */
    public ConnectionInfo resolve(String spec) {
        Map<String, String> params;
        String source;
        if (spec == null || spec.isBlank()) {
            if (!environmentNamesADatabase()) {
                throw new PumException(ErrorCode.USAGE, "missing required option -p DB (and PGSERVICE is not set)",
                        "name the database with -p: a service name, a postgresql:// URI or a conninfo string");
            }
            params = new LinkedHashMap<>();
            source = "PGSERVICE \"" + environment.get("PGSERVICE") + "\"";
        } else if (spec.startsWith("postgresql://") || spec.startsWith("postgres://")) {
            params = Conninfo.parseUri(spec);
            source = Secrets.mask(spec);
        } else if (spec.contains("=")) {
            params = Conninfo.parseKeywords(spec);
            source = "conninfo \"" + Secrets.mask(spec.strip()) + "\"";
        } else if (spec.contains("://") || spec.contains("@") || spec.contains("/")) {
            // libpq would take this as a database name; for pum it can only be a mistyped URI
            throw new PumException(ErrorCode.USAGE, "\"" + Secrets.mask(spec) + "\" is neither a service name nor a postgresql:// URI",
                    "a URI starts with postgresql:// or postgres://; a service name has no '/', ':' or '@'");
        } else {
            params = new LinkedHashMap<>();
            params.put("service", spec);
            source = "service \"" + spec + "\"";
        }
        return complete(params, source);
    }

    private ConnectionInfo complete(Map<String, String> given, String source) {
        Map<String, String> p = new LinkedHashMap<>(given);
        Map<String, String> origin = new LinkedHashMap<>();
        p.keySet().forEach(k -> origin.put(k, source));
        String service = p.containsKey("service") ? p.get("service") : environment.get("PGSERVICE");
        String described = source;
        if (service != null) {
            if (!p.containsKey("service") && !source.startsWith("PGSERVICE")) {
                described = source + " with PGSERVICE \"" + service + "\"";
            }
            ServiceFile.Section section = ServiceFile.lookup(service, environment);
            section.values().forEach((k, v) -> {
                if (p.putIfAbsent(k, v) == null) {
                    origin.put(k, "service \"" + service + "\" in " + section.file());
                }
            });
        }
        p.remove("service");
        LibpqKeywords.ENVIRONMENT.forEach((key, var) -> {
            String v = environment.get(var);
            if (v != null && p.putIfAbsent(key, v) == null) {
                origin.put(key, var);
            }
        });
        LibpqKeywords.validate(p, origin);

        String host = p.remove("host");
        String hostaddr = p.remove("hostaddr");
        if (hostaddr != null && (host == null || host.isEmpty() || host.startsWith("/"))) {
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
            throw new PumException(ErrorCode.USAGE, "several hosts given (" + host + ") in " + described,
                    "pum connects to one server; name a single host");
        }
        String portText = p.remove("port");
        int port = portText == null || portText.isBlank() ? 5432 : Integer.parseInt(portText.strip());
        String user = p.remove("user");
        if (user == null || user.isEmpty()) {
            user = environment.osUser();
        }
        String dbname = p.remove("dbname");
        if (dbname == null || dbname.isEmpty()) {
            dbname = user;
        }
        String password = p.remove("password");
        String passfile = p.remove("passfile");
        if (password == null || password.isEmpty()) {
            Path file = passfile != null && !passfile.isEmpty() ? Path.of(passfile) : environment.home().resolve(".pgpass");
            password = PgPassFile.lookup(file, host, port, dbname, user, warnings);
        }
        defaultSslFiles(p);
        LOG.debug("{} resolved to host={} port={} dbname={} user={} {} options={}", described, host, port, dbname, user,
                password == null ? "without password" : "with a password", p.keySet());
        return new ConnectionInfo(host, port, dbname, user, password, p, described);
    }

    /**
     * libpq's default certificate files are under $HOME/.postgresql; the driver would look under
     * the JVM's user.home instead, which ignores $HOME. Name them explicitly where libpq would use them.
     */
    private void defaultSslFiles(Map<String, String> p) {
        if ("disable".equals(p.get("sslmode"))) {
            return;
        }
        Path dir = environment.home().resolve(".postgresql");
        String mode = p.getOrDefault("sslmode", "prefer");
        if (!p.containsKey("sslrootcert") && (mode.startsWith("verify-") || Files.isRegularFile(dir.resolve("root.crt")))) {
            p.put("sslrootcert", dir.resolve("root.crt").toString());
        }
        for (String[] f : List.of(new String[] {"sslcert", "postgresql.crt"}, new String[] {"sslkey", "postgresql.key"})) {
            if (!p.containsKey(f[0]) && Files.isRegularFile(dir.resolve(f[1]))) {
                p.put(f[0], dir.resolve(f[1]).toString());
            }
        }
    }

    /** The libpq keywords pum accepts (those of libpq 15 to 18), for completion and messages. */
    public static Set<String> keywords() {
        return LibpqKeywords.ALL;
    }
}
