package pum.embedded;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import pum.core.PgText;
import pum.core.ConnectionInfo;
import pum.core.Database;
import pum.core.ErrorCode;

/**
 * A PostgreSQL server running from a data directory pum manages. The superuser is
 * {@code postgres}, authentication is {@code trust}, and it listens on 127.0.0.1 only.
 * <pre>{@code
 * try (EmbeddedServer pg = EmbeddedServer.start(binaries, dataDir, EmbeddedServer.Mode.EPHEMERAL)) {
 *     pg.createDatabase("scratch");
 *     ConnectionInfo info = pg.connectionInfo("scratch");
 * }
 * }</pre>
 */
public final class EmbeddedServer implements AutoCloseable {
    /** How the server is run. */
    public enum Mode {
        /** Durable settings; the data directory is kept after stop. */
        PERSISTENT,
        /** fsync and full-page writes off, data directory deleted on {@link #close()}: for tests and rehearsals. */
        EPHEMERAL
    }

    private static final pum.core.LazyLog LOG = pum.core.LazyLog.of(EmbeddedServer.class);
    private static final String SUPERUSER = "postgres";

    private final PostgresBinaries binaries;
    private final Path dataDir;
    private final int port;
    private final Mode mode;
    private final boolean owned;
    private volatile boolean stopped;

    private EmbeddedServer(PostgresBinaries binaries, Path dataDir, int port, Mode mode, boolean owned) {
        this.binaries = binaries;
        this.dataDir = dataDir;
        this.port = port;
        this.mode = mode;
        this.owned = owned;
    }

    /**
     * Initialises the data directory if it is empty or missing, then starts the server on a free
     * port and waits until it accepts connections.
     */
    public static EmbeddedServer start(PostgresBinaries binaries, Path dataDir, Mode mode) {
        dataDir = dataDir.toAbsolutePath();
        if (Files.exists(dataDir.resolve("postmaster.pid"))) {
            Optional<EmbeddedServer> running = attach(binaries, dataDir);
            if (running.isPresent()) {
                return running.get();
            }
        }
        try {
            Files.createDirectories(dataDir.getParent());
        } catch (IOException e) {
            throw new EmbeddedException(ErrorCode.CONFIG, "cannot create " + dataDir.getParent() + ": " + e.getMessage(), null, e);
        }
        Path log = dataDir.resolveSibling(dataDir.getFileName() + ".log");
        Processes.prepareForServerUser(dataDir, log);
        if (!Files.exists(dataDir.resolve("PG_VERSION"))) {
            LOG.info("initialising PostgreSQL {} cluster in {}", binaries.version(), dataDir);
            List<String> initdb = List.of(binaries.tool("initdb").toString(), "-D", dataDir.toString(), "-U", SUPERUSER,
                    "-A", "trust", "-E", "UTF8", "--locale=C", "--no-sync");
            Processes.run(initdb, log, true);
        } else {
            checkMajor(binaries, dataDir);
        }
        int port = freePort();
        List<String> settings = new ArrayList<>(List.of("-p", Integer.toString(port), "-c", "listen_addresses=127.0.0.1",
                "-k", socketDir(dataDir).toString(), "-c", "max_connections=200"));
        if (mode == Mode.EPHEMERAL) {
            settings.addAll(List.of("-F", "-c", "full_page_writes=off", "-c", "synchronous_commit=off"));
        }
        List<String> pgctl = List.of(binaries.tool("pg_ctl").toString(), "-D", dataDir.toString(), "-l", log.toString(),
                "-w", "-t", "60", "-o", String.join(" ", settings), "start");
        Processes.run(pgctl, null, true);
        LOG.info("PostgreSQL {} started on 127.0.0.1:{} (data in {})", binaries.version(), port, dataDir);
        return new EmbeddedServer(binaries, dataDir, port, mode, true);
    }

    /** A server already running from this data directory (started by another pum process), if any. */
    public static Optional<EmbeddedServer> attach(PostgresBinaries binaries, Path dataDir) {
        Path pidFile = dataDir.toAbsolutePath().resolve("postmaster.pid");
        try {
            List<String> lines = Files.readAllLines(pidFile, StandardCharsets.UTF_8);
            long pid = Long.parseLong(lines.get(0).trim());
            int port = Integer.parseInt(lines.get(3).trim());
            if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
                return Optional.of(new EmbeddedServer(binaries, dataDir.toAbsolutePath(), port, Mode.PERSISTENT, false));
            }
        } catch (IOException | RuntimeException e) {
            LOG.debug("no running server in {}: {}", dataDir, e.toString());
        }
        return Optional.empty();
    }

    /** Connection details for a database of this server, as superuser. */
    public ConnectionInfo connectionInfo(String dbname) {
        return new ConnectionInfo("127.0.0.1", port, dbname, SUPERUSER, null, Map.of(), "embedded PostgreSQL " + binaries.version());
    }

    /** Creates a database owned by the superuser. */
    public void createDatabase(String name) {
        execute("CREATE DATABASE " + PgText.quoteIdent(name));
    }

    /** Drops a database, disconnecting its sessions first. */
    public void dropDatabase(String name) {
        execute("DROP DATABASE IF EXISTS " + PgText.quoteIdent(name) + " WITH (FORCE)");
    }

    /** Whether a database exists. */
    public boolean databaseExists(String name) {
        try (Connection c = Database.connect(connectionInfo("postgres"));
             var ps = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            ps.setString(1, name);
            try (var rs = ps.executeQuery()) {
                return rs.next();
            }
        } catch (SQLException e) {
            throw new EmbeddedException(ErrorCode.DATABASE, "cannot query embedded server: " + e.getMessage(), null, e);
        }
    }

    private void execute(String sql) {
        try (Connection c = Database.connect(connectionInfo("postgres")); Statement st = c.createStatement()) {
            st.execute(sql);
        } catch (SQLException e) {
            throw new EmbeddedException(ErrorCode.DATABASE, "embedded server: " + e.getMessage() + " (" + sql + ")", null, e);
        }
    }

    /** The TCP port on 127.0.0.1. */
    public int port() {
        return port;
    }

    /** The binaries this server runs. */
    public PostgresBinaries binaries() {
        return binaries;
    }

    /** The data directory. */
    public Path dataDir() {
        return dataDir;
    }

    /** Whether this object started the server (as opposed to attaching to a running one). */
    public boolean startedHere() {
        return owned;
    }

    /** Stops the server (fast shutdown: open sessions are disconnected). */
    public void stop() {
        if (stopped) {
            return;
        }
        stopped = true;
        Processes.run(List.of(binaries.tool("pg_ctl").toString(), "-D", dataDir.toString(), "-m", "fast", "-w", "stop"), null, true);
        LOG.info("PostgreSQL stopped (data in {})", dataDir);
    }

    /** Stops the server if this object started it; an ephemeral server's data directory is deleted. */
    @Override
    public void close() {
        if (!owned) {
            return;
        }
        stop();
        if (mode == Mode.EPHEMERAL) {
            Processes.deleteTree(dataDir);
            try {
                Files.deleteIfExists(dataDir.resolveSibling(dataDir.getFileName() + ".log"));
            } catch (IOException e) {
                LOG.debug("cannot delete log: {}", e.toString());
            }
        }
    }

    private static void checkMajor(PostgresBinaries binaries, Path dataDir) {
        try {
            String v = Files.readString(dataDir.resolve("PG_VERSION")).trim();
            if (!v.equals(Integer.toString(binaries.major()))) {
                throw new EmbeddedException(ErrorCode.CONFIG, "data directory " + dataDir + " belongs to PostgreSQL " + v
                        + " but the binaries are PostgreSQL " + binaries.version(),
                        "use PostgreSQL " + v + " binaries (embedded_bin_dir) or another data directory (embedded_data_dir)", null);
            }
        } catch (IOException e) {
            throw new EmbeddedException(ErrorCode.CONFIG, "cannot read " + dataDir.resolve("PG_VERSION") + ": " + e.getMessage(), null, e);
        }
    }

    /** Unix socket paths are limited to about 100 bytes; long data paths use /tmp. */
    private static Path socketDir(Path dataDir) {
        return dataDir.toString().length() < 80 ? dataDir : Path.of(System.getProperty("java.io.tmpdir"));
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new EmbeddedException(ErrorCode.EXTERNAL_TOOL, "no free TCP port on 127.0.0.1: " + e.getMessage(), null, e);
        }
    }
}
