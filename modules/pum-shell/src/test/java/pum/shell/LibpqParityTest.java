package pum.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import pum.core.ConnectionInfo;
import pum.core.ConnectionResolver;
import pum.core.Database;
import pum.core.ErrorCode;
import pum.core.PgEnvironment;
import pum.core.PumException;
import pum.testkit.PostgresExtension;
import pum.testkit.TestDatabase;
import pum.testkit.TestServer;

/**
 * One test per libpq rule: the same environment (HOME, PGSERVICEFILE, PGSYSCONFDIR, PGPASSFILE,
 * PGSERVICE, PG* variables) and the same connection string given to {@code psql} on this machine
 * and to pum's resolver must reach the same role, database and port, or both be refused.
 */
@ExtendWith(PostgresExtension.class)
class LibpqParityTest {
    private static final String ROLE = "libpq_parity";
    private static final String SECRET = "Parity-Secret-42";
    private static final String WHO = "select current_user || '|' || current_database() || '|' || inet_server_port()";

    @TempDir
    Path home;
    private TestDatabase db;
    private Path hba;
    private String originalHba;

    /** What a client reached: "user|database|port", or "refused" with the reason. */
    record Outcome(boolean connected, String who, String message) {
        @Override
        public String toString() {
            return connected ? who : "refused: " + message;
        }
    }

    @BeforeEach
    void passwordRole(TestDatabase database, TestServer server) throws IOException {
        assumeTrue(onPath("psql"), "psql is not installed");
        assumeTrue(server.embedded() != null, "needs a server whose pg_hba.conf the test may edit");
        db = database;
        db.execute("DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '" + ROLE + "') THEN "
                + "CREATE ROLE " + ROLE + " LOGIN PASSWORD '" + SECRET + "'; END IF; END $$");
        hba = server.embedded().dataDir().resolve("pg_hba.conf");
        originalHba = Files.readString(hba);
        Files.writeString(hba, "host all " + ROLE + " 127.0.0.1/32 scram-sha-256\n" + originalHba);
        db.execute("SELECT pg_reload_conf()");
        Files.createDirectories(home.resolve("sysconf"));
    }

    @AfterEach
    void restoreHba() throws IOException {
        if (originalHba != null) {
            Files.writeString(hba, originalHba);
            db.execute("SELECT pg_reload_conf()");
        }
    }

    private String host() {
        return db.info().host();
    }

    private int port() {
        return db.info().port();
    }

    private String admin() {
        return db.info().user();
    }

    /** The environment both clients get: nothing from this machine but PATH. */
    private Map<String, String> env(String... pairs) {
        Map<String, String> env = new HashMap<>();
        env.put("HOME", home.toString());
        env.put("PGSYSCONFDIR", home.resolve("sysconf").toString());
        env.put("PGCONNECT_TIMEOUT", "5");
        for (int i = 0; i < pairs.length; i += 2) {
            env.put(pairs[i], pairs[i + 1]);
        }
        return env;
    }

    private Outcome psql(Map<String, String> env, String conninfo) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("psql", "-X", "-w", "-Atc", WHO));
        if (conninfo != null) {
            cmd.add(1, conninfo);
        }
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        pb.environment().clear();
        pb.environment().put("PATH", System.getenv("PATH"));
        pb.environment().put("LC_ALL", "C");
        pb.environment().putAll(env);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        return p.exitValue() == 0 ? new Outcome(true, out, err) : new Outcome(false, null, err);
    }

    private final List<String> warnings = new ArrayList<>();

    private Outcome pum(Map<String, String> env, String spec) {
        ConnectionResolver resolver = new ConnectionResolver(new PgEnvironment(env, Path.of(env.get("HOME")),
                System.getProperty("user.name")), warnings::add);
        try {
            ConnectionInfo info = resolver.resolve(spec);
            try (Connection c = Database.connect(info); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(WHO)) {
                rs.next();
                return new Outcome(true, rs.getString(1), String.join("\n", warnings));
            }
        } catch (PumException e) {
            return new Outcome(false, null, e.code() + ": " + e.getMessage());
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Both connect, to the same place, and that place is the expected one. */
    private void sameConnection(Map<String, String> env, String psqlConninfo, String pumSpec, String expectedWho) throws Exception {
        Outcome viaPsql = psql(env, psqlConninfo);
        Outcome viaPum = pum(env, pumSpec);
        assertEquals(expectedWho, viaPsql.toString(), "psql");
        assertEquals(viaPsql.toString(), viaPum.toString(), "pum reaches what psql reaches");
    }

    /** Both refuse; pum with this error code and a message naming {@code named}. */
    private Outcome bothRefuse(Map<String, String> env, String psqlConninfo, String pumSpec, ErrorCode code, String named) throws Exception {
        Outcome viaPsql = psql(env, psqlConninfo);
        Outcome viaPum = pum(env, pumSpec);
        assertFalse(viaPsql.connected(), "psql refuses: " + viaPsql);
        assertFalse(viaPum.connected(), "pum refuses like psql (" + viaPsql.message() + "): " + viaPum);
        assertTrue(viaPum.message().startsWith(code + ": "), viaPum.message());
        assertTrue(viaPum.message().contains(named), viaPum.message());
        assertTrue(viaPsql.message().contains(named), "psql names it too: " + viaPsql.message());
        return viaPum;
    }

    private String who(String user) {
        return user + "|" + db.name() + "|" + port();
    }

    private Path write(Path file, String text, String perms) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(perms));
        return file;
    }

    private String service(String name) {
        return "[" + name + "]\nhost=" + host() + "\nport=" + port() + "\ndbname=" + db.name() + "\nuser=" + admin() + "\n";
    }

    @Test
    void pgServiceFileVariableNamesTheServiceFile() throws Exception {
        Path file = write(home.resolve("elsewhere/services.conf"), service("parity"), "rw-r--r--");
        sameConnection(env("PGSERVICEFILE", file.toString()), "service=parity", "parity", who(admin()));
    }

    @Test
    void serviceFileInHomeIsFoundThroughHome() throws Exception {
        write(home.resolve(".pg_service.conf"), service("parity"), "rw-r--r--");
        sameConnection(env(), "service=parity", "parity", who(admin()));
    }

    @Test
    void serviceOnlyInTheSystemFileIsFound() throws Exception {
        write(home.resolve(".pg_service.conf"), "[other]\nhost=nowhere.invalid\n", "rw-r--r--");
        write(home.resolve("sysconf/pg_service.conf"), service("parity"), "rw-r--r--");
        sameConnection(env(), "service=parity", "parity", who(admin()));
    }

    @Test
    void pgServiceAloneNamesTheDatabase() throws Exception {
        write(home.resolve(".pg_service.conf"), service("parity"), "rw-r--r--");
        sameConnection(env("PGSERVICE", "parity"), null, null, who(admin()));
    }

    @Test
    void explicitBeatsServiceBeatsEnvironment() throws Exception {
        write(home.resolve(".pg_service.conf"), "[parity]\nhost=" + host() + "\ndbname=" + db.name() + "\nuser=nobody_here\n", "rw-r--r--");
        Map<String, String> env = env("PGPORT", Integer.toString(port()), "PGDATABASE", "postgres", "PGUSER", "nobody_either");
        String conninfo = "service=parity user=" + admin();
        sameConnection(env, conninfo, conninfo, who(admin()));
    }

    @Test
    void environmentVariablesAlone() throws Exception {
        Map<String, String> env = env("PGHOST", host(), "PGPORT", Integer.toString(port()), "PGDATABASE", db.name(), "PGUSER", admin());
        sameConnection(env, "", "connect_timeout=5", who(admin()));
    }

    @Test
    void pgpassInHomeGivesThePassword() throws Exception {
        write(home.resolve(".pgpass"), "# comment\nnowhere:*:*:*:wrong\n" + host() + ":" + port() + ":*:" + ROLE + ":" + SECRET + "\n", "rw-------");
        String conninfo = "host=" + host() + " port=" + port() + " dbname=" + db.name() + " user=" + ROLE;
        sameConnection(env(), conninfo, conninfo, who(ROLE));
    }

    @Test
    void passfileKeywordGivesThePassword() throws Exception {
        Path file = write(home.resolve("secrets/pass"), "*:*:*:" + ROLE + ":" + SECRET + "\n", "rw-------");
        String conninfo = "host=" + host() + " port=" + port() + " dbname=" + db.name() + " user=" + ROLE + " passfile=" + file;
        sameConnection(env(), conninfo, conninfo, who(ROLE));
    }

    @Test
    void passwordFileReadableByOthersIsIgnoredWithAWarning() throws Exception {
        Path file = write(home.resolve("pass"), "*:*:*:" + ROLE + ":" + SECRET + "\n", "rw-r--r--");
        String conninfo = "host=" + host() + " port=" + port() + " dbname=" + db.name() + " user=" + ROLE;
        Map<String, String> env = env("PGPASSFILE", file.toString());
        Outcome viaPsql = psql(env, conninfo);
        assertFalse(viaPsql.connected(), viaPsql.toString());
        assertTrue(viaPsql.message().contains("has group or world access"), viaPsql.message());
        Outcome viaPum = pum(env, conninfo);
        assertFalse(viaPum.connected(), "the driver must not read the file behind pum's back: " + viaPum);
        assertTrue(viaPum.message().contains("asks for a password"), viaPum.message());
        assertTrue(warnings.stream().anyMatch(w -> w.contains(file.toString()) && w.contains("group or world access")), warnings.toString());
    }

    @Test
    void theDriverNeverReadsAPasswordFileItself() throws Exception {
        // pgjdbc looks at this property first, then PGPASSFILE, then ~/.pgpass: pum must bypass all three
        Path file = write(home.resolve("driver-pass"), "*:*:*:" + ROLE + ":" + SECRET + "\n", "rw-------");
        String before = System.getProperty("org.postgresql.pgpassfile");
        System.setProperty("org.postgresql.pgpassfile", file.toString());
        try {
            Outcome viaPum = pum(env(), "host=" + host() + " port=" + port() + " dbname=" + db.name() + " user=" + ROLE);
            assertFalse(viaPum.connected(), viaPum.toString());
            assertTrue(viaPum.message().contains("asks for a password"), viaPum.message());
        } finally {
            if (before == null) {
                System.clearProperty("org.postgresql.pgpassfile");
            } else {
                System.setProperty("org.postgresql.pgpassfile", before);
            }
        }
    }

    @Test
    void uriWithPercentEncodedPassword() throws Exception {
        db.execute("ALTER ROLE " + ROLE + " PASSWORD 'p@ss:w/rd'");
        try {
            String uri = "postgresql://" + ROLE + ":p%40ss%3Aw%2Frd@" + host() + ":" + port() + "/" + db.name();
            sameConnection(env(), uri, uri, who(ROLE));
        } finally {
            db.execute("ALTER ROLE " + ROLE + " PASSWORD '" + SECRET + "'");
        }
    }

    @Test
    void unknownKeywordIsRefused() throws Exception {
        bothRefuse(env(), "host=" + host() + " foo=bar", "host=" + host() + " foo=bar", ErrorCode.USAGE, "\"foo\"");
    }

    @Test
    void upperCaseKeywordIsRefused() throws Exception {
        Outcome pum = bothRefuse(env(), "HOST=" + host(), "HOST=" + host(), ErrorCode.USAGE, "\"HOST\"");
        assertTrue(pum.message().contains("invalid connection option"), pum.message());
    }

    @Test
    void keywordsLibpqDroppedAreRefused() throws Exception {
        bothRefuse(env(), "tty=x", "tty=x", ErrorCode.USAGE, "\"tty\"");
    }

    @Test
    void unknownUriQueryParameterIsRefused() throws Exception {
        String uri = "postgresql://" + host() + ":" + port() + "/" + db.name() + "?foo=1";
        bothRefuse(env(), uri, uri, ErrorCode.USAGE, "\"foo\"");
    }

    @Test
    void malformedSslmodeIsRefused() throws Exception {
        bothRefuse(env(), "host=" + host() + " sslmode=requir", "host=" + host() + " sslmode=requir", ErrorCode.USAGE, "\"requir\"");
        bothRefuse(env("PGSSLMODE", "bogus"), "host=" + host(), "host=" + host(), ErrorCode.USAGE, "\"bogus\"");
    }

    @Test
    void malformedPortIsRefused() throws Exception {
        bothRefuse(env(), "host=" + host() + " port=abc", "host=" + host() + " port=abc", ErrorCode.USAGE, "\"abc\"");
        bothRefuse(env(), "host=" + host() + " port=70000", "host=" + host() + " port=70000", ErrorCode.USAGE, "\"70000\"");
        String uri = "postgresql://" + host() + ":x1/" + db.name();
        bothRefuse(env(), uri, uri, ErrorCode.USAGE, "\"x1\"");
    }

    @Test
    void malformedEnumerationsAreRefused() throws Exception {
        bothRefuse(env(), "host=" + host() + " gssencmode=x", "host=" + host() + " gssencmode=x", ErrorCode.USAGE, "gssencmode");
        bothRefuse(env(), "host=" + host() + " target_session_attrs=x", "host=" + host() + " target_session_attrs=x",
                ErrorCode.USAGE, "target_session_attrs");
    }

    @Test
    void unknownHostIsNamed() throws Exception {
        Outcome pum = bothRefuse(env(), "host=no-such-host.invalid", "host=no-such-host.invalid", ErrorCode.CONNECTION,
                "no-such-host.invalid");
        assertTrue(pum.message().contains("unknown host"), pum.message());
    }

    @Test
    void sslRequiredOfAServerWithoutSslDoesNotBlameAStoppedServer() throws Exception {
        String conninfo = "host=" + host() + " port=" + port() + " dbname=" + db.name() + " user=" + admin() + " sslmode=require";
        Outcome pum = bothRefuse(env(), conninfo, conninfo, ErrorCode.CONNECTION, "SSL");
        assertTrue(pum.message().contains("SSL connection to"), pum.message());
        PumRun cli = PumRun.pum("ping", "-p", conninfo);
        assertEquals(4, cli.exit(), cli.toString());
        assertFalse(cli.err().contains("is the server running"), cli.err());
        assertTrue(cli.err().contains("sslmode"), cli.err());
    }

    private static boolean onPath(String program) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }
}
