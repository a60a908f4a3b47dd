package pum.shell.internal;

import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import pum.core.ConnectionInfo;
import pum.core.ConnectionResolver;
import pum.core.Database;
import pum.core.ErrorCode;
import pum.core.PumConfig;
import pum.core.PumException;
import pum.embedded.EmbeddedServer;
import pum.embedded.PostgresBinaries;

/**
 * What lives across the commands of one pum process: output streams, the config file,
 * open connections (the interactive shell keeps them between commands) and the embedded server.
 */
public final class Session implements AutoCloseable {
    /** The reserved connection name of pum's own PostgreSQL server. */
    public static final String EMBEDDED = "embedded";

    private final InputStream in;
    private final PrintStream out;
    private final PrintStream err;
    private final ConnectionResolver resolver;
    private final Map<String, Connection> connections = new java.util.concurrent.ConcurrentHashMap<>();
    /** Connections being opened ahead of their first use ({@link #openAhead}), by target. */
    private final Map<String, java.util.concurrent.CompletableFuture<Connection>> opening = new java.util.concurrent.ConcurrentHashMap<>();
    /** Connections named in the shell ({@code connect NAME TARGET}): name to target, in the order made. */
    private final Map<String, String> named = new LinkedHashMap<>();
    /** The named connection a command without {@code -p} uses, or null. */
    private String current;
    private pum.shell.internal.shell.LastCheck lastCheck;
    private PumConfig config = PumConfig.empty();
    private Path configFile;
    private Path defaultConfigFile;
    private EmbeddedServer embedded;
    private boolean verbose;
    private boolean interactive;

    Session(InputStream in, PrintStream out, PrintStream err, ConnectionResolver resolver) {
        this.in = in;
        this.out = out;
        this.err = err;
        this.resolver = resolver;
    }

    /** Standard output: results. */
    public PrintStream out() {
        return out;
    }

    /** Standard error: progress, warnings and errors. */
    public PrintStream err() {
        return err;
    }

    /** Standard input (confirmations, batch mode). */
    public InputStream in() {
        return in;
    }

    /** The loaded config file, or empty settings. */
    public PumConfig config() {
        return config;
    }

    /**
     * Loads the config file given with {@code -c} for the next command; null means the
     * session's default (the file the interactive shell was started with, if any).
     */
    public void loadConfig(Path file) {
        Path chosen = file != null ? file : defaultConfigFile;
        config = chosen == null ? PumConfig.empty() : PumConfig.load(chosen);
        configFile = chosen;
    }

    /** The config file in use, or null. */
    public Path configFile() {
        return configFile;
    }

    /** Makes the current config file the default of later commands (the shell's {@code pum -c FILE shell}). */
    public void keepConfigFile() {
        defaultConfigFile = configFile;
    }

    /** Whether stack traces and info logs were asked for. */
    public boolean verbose() {
        return verbose;
    }

    void setVerbose(boolean verbose) {
        this.verbose = verbose;
    }

    /** Whether commands run inside the interactive shell. */
    public boolean interactive() {
        return interactive;
    }

    public void setInteractive(boolean interactive) {
        this.interactive = interactive;
    }

    /**
     * Resolves what the user typed after {@code -p}: {@code embedded} or {@code embedded/DBNAME}
     * (pum's own server, started if needed), a service name, a URI or a conninfo string; null
     * (no {@code -p}) means what the environment names ({@code PGSERVICE}), or a usage error.
     */
    public ConnectionInfo resolve(String spec) {
        spec = target(spec);
        if (spec == null || spec.isBlank()) {
            // no -p: the environment alone (PGSERVICE), as psql does
            return resolver.resolve(null);
        }
        if (spec.equals(EMBEDDED) || spec.startsWith(EMBEDDED + "/")) {
            EmbeddedServer server = embeddedServer();
            String db = spec.equals(EMBEDDED) ? "postgres" : spec.substring(EMBEDDED.length() + 1);
            if (!server.databaseExists(db)) {
                server.createDatabase(db);
                err.println("pum: created database \"" + db + "\" on the embedded server");
            }
            return server.connectionInfo(db);
        }
        return resolver.resolve(spec);
    }

    /**
     * An open connection for a spec (autocommit on). It belongs to the session: do not close it.
     * The interactive shell reuses it across commands while it stays valid.
     */
    public Connection connection(String spec) {
        String key = target(spec);
        String label = label(spec);
        java.util.concurrent.CompletableFuture<Connection> ahead = opening.remove(key == null ? "" : key);
        if (ahead != null) {
            try {
                Connection opened = ahead.join();
                connections.put(key == null ? "" : key, opened);
                return opened;
            } catch (java.util.concurrent.CompletionException e) {
                throw e.getCause() instanceof RuntimeException r ? r : e;
            }
        }
        Connection c = connections.get(key == null ? "" : key);
        boolean lost = false;
        try {
            if (c != null && !c.isClosed() && c.isValid(2)) {
                if (!c.getAutoCommit()) {
                    c.rollback();
                    c.setAutoCommit(true);
                }
                return c;
            }
            lost = c != null;
        } catch (SQLException e) {
            // a broken connection is replaced below
            lost = true;
        }
        if (lost) {
            err.println(pum.core.Secrets.mask("pum: note: the connection to " + label + " was lost; reopening it"));
            closeQuietly(c);
        }
        c = Database.connect(resolve(spec));
        connections.put(key == null ? "" : key, c);
        return c;
    }

    /**
     * Starts opening the connection for a spec on a background thread, so that connecting overlaps
     * with work that does not need it yet (reading 10,000 delta files); {@link #connection} then
     * waits for it and reports its failure, once. Does nothing when the session already holds a
     * connection to that target, or for the embedded server (which may create a database and say so).
     */
    public void openAhead(String spec) {
        String key = target(spec);
        String k = key == null ? "" : key;
        if (connections.containsKey(k) || opening.containsKey(k) || (key != null && (key.equals(EMBEDDED) || key.startsWith(EMBEDDED + "/")))) {
            return;
        }
        ConnectionInfo info;
        try {
            info = resolve(spec);
        } catch (RuntimeException e) {
            // reported by connection(), once, in its turn
            opening.put(k, java.util.concurrent.CompletableFuture.failedFuture(e));
            return;
        }
        opening.put(k, Database.connectInBackground(info));
    }

    /**
     * What a database option names: a connection named in the shell stands for its target
     * (shadowing a service of the same name); no option means the connection in use, if any.
     */
    public String target(String spec) {
        if (spec == null || spec.isBlank()) {
            return current == null ? spec : named.get(current);
        }
        String t = named.get(spec);
        return t != null ? t : spec;
    }

    /** How messages name what a database option names. */
    private String label(String spec) {
        String name = spec == null || spec.isBlank() ? current : named.containsKey(spec) ? spec : null;
        String t = target(spec);
        return name != null ? "connection " + name + " (" + t + ")" : t == null ? "PGSERVICE" : t;
    }

    /** Names a connection (replacing one of that name) and makes it the one in use. */
    public void name(String name, String target) {
        String old = named.put(name, target);
        if (old != null && !old.equals(target) && !named.containsValue(old)) {
            closeQuietly(connections.remove(old));
        }
        current = name;
    }

    /** The named connections: name to target, in the order they were made. */
    public Map<String, String> named() {
        return java.util.Collections.unmodifiableMap(named);
    }

    /** The name of the connection in use, or null. */
    public String current() {
        return current;
    }

    /** Makes a named connection the one in use. */
    public void use(String name) {
        if (!named.containsKey(name)) {
            throw new PumException(ErrorCode.USAGE, "no connection named \"" + name + "\"",
                    named.isEmpty() ? "make one with: connect NAME TARGET" : "'connections' lists them: " + String.join(", ", named.keySet()));
        }
        current = name;
    }

    /** Closes a named connection and forgets its name. */
    public void disconnect(String name) {
        String t = named.remove(name);
        if (t == null) {
            use(name); // the same message
        }
        if (!named.containsValue(t)) {
            closeQuietly(connections.remove(t));
        }
        if (name.equals(current)) {
            current = null;
        }
    }

    /** The open connection to a target, if the session holds one (state and version for 'connections'). */
    public Connection cached(String target) {
        return connections.get(target);
    }

    /**
     * Ctrl-C in the shell: asks the server to cancel whatever statement each of the session's
     * connections is running. A cancel request reaching an idle connection is ignored by the server.
     *
     * @return how many cancel requests were sent
     */
    public int cancelStatements() {
        int sent = 0;
        for (Connection c : connections.values()) {
            try {
                if (!c.isClosed()) {
                    c.unwrap(org.postgresql.PGConnection.class).cancelQuery();
                    sent++;
                }
            } catch (SQLException | RuntimeException e) {
                // best effort: the connection may be gone
            }
        }
        return sent;
    }

    /** Closes every cached connection (a second Ctrl-C): the server ends their sessions and rolls back. */
    public void dropConnections() {
        for (String k : List.copyOf(connections.keySet())) {
            closeQuietly(connections.remove(k));
        }
        closeOpening();
    }

    /** Connections opened ahead and never used (the command failed first) are closed when they arrive. */
    private void closeOpening() {
        for (String k : List.copyOf(opening.keySet())) {
            java.util.concurrent.CompletableFuture<Connection> f = opening.remove(k);
            if (f != null) {
                f.thenAccept(Session::closeQuietly);
            }
        }
    }

    private static void closeQuietly(Connection c) {
        if (c != null) {
            try {
                c.close();
            } catch (SQLException e) {
                // gone anyway
            }
        }
    }

    /** Keeps a check's snapshots and differences for the shell's diff and show. */
    public void keepCheck(pum.shell.internal.shell.LastCheck check) {
        lastCheck = check;
    }

    /** The last check of this session, or null. */
    public pum.shell.internal.shell.LastCheck lastCheck() {
        return lastCheck;
    }

    /** The embedded server: attached if already running, otherwise started for this session. */
    public EmbeddedServer embeddedServer() {
        if (embedded == null) {
            PostgresBinaries binaries = embeddedBinaries();
            Path data = embeddedDataDir(binaries);
            embedded = EmbeddedServer.start(binaries, data, EmbeddedServer.Mode.PERSISTENT);
            if (embedded.startedHere()) {
                err.println("pum: started embedded PostgreSQL " + binaries.version() + " on 127.0.0.1:" + embedded.port()
                        + " (data in " + data + "); it stops when pum exits (\"pum server start\" keeps one running)");
            }
        }
        return embedded;
    }

    /** The PostgreSQL binaries for the embedded server: embedded_bin_dir, PUM_PG_BIN, or those in the image. */
    public PostgresBinaries embeddedBinaries() {
        Path dir = config.embeddedBinDir();
        if (dir == null && System.getenv("PUM_PG_BIN") != null) {
            dir = Path.of(System.getenv("PUM_PG_BIN"));
        }
        if (dir != null) {
            return PostgresBinaries.inDirectory(dir);
        }
        return PostgresBinaries.bundled().orElseThrow(() -> new PumException(ErrorCode.CONFIG,
                "this pum has no bundled PostgreSQL binaries",
                "set embedded_bin_dir in the config file or PUM_PG_BIN to a PostgreSQL bin directory (for example /usr/lib/postgresql/16/bin)"));
    }

    /** Where the embedded server keeps its data: embedded_data_dir, PUM_EMBEDDED_DIR, or ~/.local/share/pum/embedded-MAJOR. */
    public Path embeddedDataDir(PostgresBinaries binaries) {
        if (config.embeddedDataDir() != null) {
            return config.embeddedDataDir();
        }
        if (System.getenv("PUM_EMBEDDED_DIR") != null) {
            return Path.of(System.getenv("PUM_EMBEDDED_DIR"));
        }
        return Path.of(System.getProperty("user.home"), ".local", "share", "pum", "embedded-" + binaries.major());
    }

    /** Forgets the embedded server (after {@code pum server stop}). */
    public void forgetEmbedded() {
        embedded = null;
    }

    /** Closes connections and stops the embedded server if this session started it. */
    @Override
    public void close() {
        for (Connection c : connections.values()) {
            try {
                c.close();
            } catch (SQLException e) {
                // closing anyway
            }
        }
        connections.clear();
        closeOpening();
        if (embedded != null) {
            embedded.close();
            embedded = null;
        }
    }

    /** Drops the cached connections to a spec (after a restore replaced the database, say). */
    public void forget(String spec) {
        String key = target(spec);
        Connection c = key == null ? null : connections.remove(key);
        if (c != null) {
            try {
                c.close();
            } catch (SQLException e) {
                // gone anyway
            }
        }
    }
}
