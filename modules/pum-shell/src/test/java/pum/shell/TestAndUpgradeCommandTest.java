package pum.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import pum.testkit.TestDatabase;
import pum.testkit.TestServer;

/**
 * test-and-upgrade on real servers: PostgreSQL 15, whose major the installed pg_dump (15) can
 * dump. Every failure case proves with 'pum check' against an untouched twin that production
 * did not change.
 */
class TestAndUpgradeCommandTest {
    static final String MODEL_1_0_0 = "CREATE SCHEMA app; CREATE TABLE app.pipe (id serial PRIMARY KEY, diameter int NOT NULL);"
            + " INSERT INTO app.pipe (diameter) VALUES (100), (200);";
    static final String MODEL_1_0_1 = MODEL_1_0_0 + " ALTER TABLE app.pipe ADD COLUMN material text;"
            + " CREATE VIEW app.big_pipe AS SELECT id, diameter FROM app.pipe WHERE diameter > 150;";


    @TempDir
    Path tmp;
    Path deltas;
    TestDatabase prod;
    TestDatabase twin;
    TestDatabase comp;
    final List<TestDatabase> made = new ArrayList<>();

    TestDatabase db() {
        TestDatabase db = TestServer.forMajor(15).createDatabase();
        made.add(db);
        return db;
    }

    @BeforeEach
    void production() throws IOException {
        deltas = Files.createDirectories(tmp.resolve("delta"));
        Files.writeString(deltas.resolve("delta_1.0.1_material.sql"), "ALTER TABLE app.pipe ADD COLUMN material text;\n");
        Files.writeString(deltas.resolve("delta_1.0.1_material.post.sql"),
                "CREATE VIEW app.big_pipe AS SELECT id, diameter FROM app.pipe WHERE diameter > 150;\n");
        prod = db();
        twin = db();
        for (TestDatabase d : List.of(prod, twin)) {
            d.execute(MODEL_1_0_0);
            assertEquals(0, PumRun.pum("baseline", "-p", d.uri(), "-t", "app_sys.upgrades", "-b", "1.0.0").exit());
        }
        comp = db();
        comp.execute(MODEL_1_0_1);
    }

    @AfterEach
    void drop() {
        made.forEach(d -> d.server().dropDatabase(d.name()));
    }


    PumRun testAndUpgrade(String... extra) {
        List<String> args = new ArrayList<>(List.of("test-and-upgrade", "-pp", prod.uri(), "-t", "app_sys.upgrades",
                "-d", deltas.toString()));
        args.addAll(List.of(extra));
        return PumRun.pum(args.toArray(String[]::new));
    }

    void assertProductionUnchanged() {
        PumRun check = PumRun.pum("check", "-p1", prod.uri(), "-p2", twin.uri());
        assertEquals(0, check.exit(), "production differs from its untouched twin: " + check.out());
        assertEquals("1.0.0", prod.queryValue("SELECT max(version) FROM app_sys.upgrades"));
    }

    @Test
    void happyPathUpgradesProductionAfterTheRehearsal() {
        TestDatabase test = db();
        PumRun r = testAndUpgrade("-pt", test.uri(), "-pc", comp.uri(), "--yes");
        assertEquals(0, r.exit(), r.out() + r.err());
        for (int step = 1; step <= 6; step++) {
            assertTrue(r.out().contains("[" + step + "/6] done in"), "step " + step + " reported: " + r.out());
        }
        assertEquals("1", prod.queryValue("SELECT count(*) FROM pg_views WHERE viewname = 'big_pipe'"));
        assertEquals("2", prod.queryValue("SELECT count(*) FROM app.pipe WHERE material IS NULL"));
        assertEquals("1", test.queryValue("SELECT count(*) FROM pg_views WHERE viewname = 'big_pipe'"), "the rehearsal ran on the test db");
        assertEquals(0, PumRun.pum("check", "-p1", prod.uri(), "-p2", comp.uri(), "-N", "app_sys").exit());
    }

    @Test
    void failingDeltaStopsAtStepThreeAndLeavesProductionAlone() throws IOException {
        Files.writeString(deltas.resolve("delta_1.0.1_material.post.sql"), "SELECT 1;\nCREATE VIEW app.broken AS SELECT nope FROM app.pipe;\n");
        PumRun r = testAndUpgrade("-pt", db().uri(), "-pc", comp.uri(), "--yes");
        assertEquals(5, r.exit(), r.out() + r.err());
        assertTrue(r.err().contains("step 3 (upgrade the test database) failed"), r.err());
        assertTrue(r.err().contains("delta_1.0.1_material.post.sql") && r.err().contains("line 2"), r.err());
        assertTrue(r.err().contains("production was not changed"), r.err());
        assertFalse(r.out().contains("[6/6]"), r.out());
        assertProductionUnchanged();
    }

    @Test
    void differencesStopBeforeProductionWithExitOne() {
        comp.execute("ALTER TABLE app.pipe ADD COLUMN length_m numeric");
        PumRun r = testAndUpgrade("-pt", db().uri(), "-pc", comp.uri(), "--yes");
        assertEquals(1, r.exit(), r.out() + r.err());
        assertTrue(r.out().contains("app.pipe.length_m: only in second"), r.out());
        assertTrue(r.err().contains("was not changed"), r.err());
        assertProductionUnchanged();
    }

    @Test
    void ignoredKindsAreHonoured() {
        comp.execute("DROP VIEW app.big_pipe");
        PumRun r = testAndUpgrade("-pt", db().uri(), "-pc", comp.uri(), "-i", "views", "--yes");
        assertEquals(0, r.exit(), r.out() + "\n" + r.err());
    }

    @Test
    void withoutTestDatabaseAThrowawayServerOfProductionsMajorIsUsed() throws IOException {
        // PostgreSQL 15 binaries from the test kit, as a user would configure an installed PostgreSQL
        Path config = tmp.resolve("pum.yaml");
        Files.writeString(config, "embedded_bin_dir: " + TestServer.binaries(15).binDir() + "\n");
        List<String> args = new ArrayList<>(List.of("-c", config.toString(), "test-and-upgrade", "-pp", prod.uri(),
                "-t", "app_sys.upgrades", "-d", deltas.toString(), "-pc", comp.uri(), "--yes"));
        PumRun r = PumRun.pum(args.toArray(String[]::new));
        assertEquals(0, r.exit(), r.out() + r.err());
        assertTrue(r.out().contains("throwaway PostgreSQL 15."), r.out());
        assertEquals("1.0.1", prod.queryValue("SELECT max(version) FROM app_sys.upgrades"));
    }

    @Test
    void comparisonBuiltFromSqlFiles() throws IOException {
        Path sql = tmp.resolve("model.sql");
        Files.writeString(sql, MODEL_1_0_1);
        PumRun r = testAndUpgrade("-pt", db().uri(), "--comp-sql", sql.toString(), "--yes");
        assertEquals(0, r.exit(), r.out() + r.err());
        assertTrue(r.out().contains("build the comparison database from 1 SQL file"), r.out());
    }

    PumRun testAndUpgradeWithInput(String stdin, String... extra) {
        List<String> args = new ArrayList<>(List.of("test-and-upgrade", "-pp", prod.uri(), "-t", "app_sys.upgrades",
                "-d", deltas.toString()));
        args.addAll(List.of(extra));
        return PumRun.withInput(stdin, args.toArray(String[]::new));
    }

    @Test
    void aPipedAnswerOtherThanYesStopsBeforeProduction() {
        for (String answer : List.of("", "n\n", "no\n", "\n", "yess\n")) {
            PumRun r = testAndUpgradeWithInput(answer, "-pt", db().uri(), "-pc", comp.uri());
            assertEquals(8, r.exit(), r.out() + r.err());
            assertTrue(r.err().contains("Upgrade production"), r.err());
            assertTrue(r.err().contains("production " + prod.info().describe() + " was not changed")
                    || r.err().contains("was not changed"), r.err());
            assertFalse(r.out().contains("[6/6]"), r.out());
            assertProductionUnchanged();
        }
    }

    @Test
    void yesPipedInUpgradesProduction() {
        PumRun r = testAndUpgradeWithInput("y\ny\ny\n", "-pt", db().uri(), "-pc", comp.uri());
        assertEquals(0, r.exit(), r.out() + r.err());
        assertEquals("1.0.1", prod.queryValue("SELECT max(version) FROM app_sys.upgrades"));
    }

    @Test
    void inBatchModeWithoutYesNothingRuns() {
        PumRun r = PumRun.withInput("test-and-upgrade -pp " + prod.uri() + " -t app_sys.upgrades -d " + deltas + " -pt " + db().uri()
                + " -pc " + comp.uri() + "\n", "shell");
        assertEquals(8, r.exit(), r.out() + r.err());
        assertTrue(r.err().contains("batch mode"), r.err());
        assertFalse(r.out().contains("[1/6]"), r.out());
        assertProductionUnchanged();
    }

    /** Production by other names: the same server and database, spelled as a user might. */
    List<String> spellingsOfProduction() throws java.net.UnknownHostException {
        int port = prod.info().port();
        String db = prod.name();
        return List.of(
                "postgresql://postgres@localhost:" + port + "/" + db,
                "postgresql://postgres@LOCALHOST:" + port + "/" + db,
                "postgresql://postgres@localhost.:" + port + "/" + db,
                "postgresql://postgres@" + java.net.InetAddress.getLocalHost().getHostName() + ":" + port + "/" + db,
                "postgresql://postgres@[::ffff:127.0.0.1]:" + port + "/" + db,
                "host=127.0.0.1 port=" + port + " dbname=" + db + " user=postgres",
                "hostaddr=127.0.0.1 host=127.0.0.1 port=" + port + " dbname=" + db + " user=postgres");
    }

    @Test
    void refusesATestDatabaseThatIsProductionWhateverTheSpelling() throws Exception {
        String oid = prod.queryValue("SELECT oid FROM pg_database WHERE datname = current_database()");
        for (String spelling : spellingsOfProduction()) {
            PumRun r = testAndUpgrade("-pt", spelling, "-pc", comp.uri(), "--yes");
            if (spelling.contains("localhost.")) {
                // the JDK cannot resolve a trailing-dot name from /etc/hosts: refused as unreachable
                assertEquals(4, r.exit(), spelling + ": " + r.out() + r.err());
            } else {
                assertEquals(2, r.exit(), spelling + ": " + r.out() + r.err());
                assertTrue(r.err().contains("is the production database"), spelling + ": " + r.err());
            }
            assertFalse(r.out().contains("[1/6]"), r.out());
            assertEquals(oid, prod.queryValue("SELECT oid FROM pg_database WHERE datname = current_database()"), "not recreated");
            assertProductionUnchanged();
        }
    }

    @Test
    void refusesAComparisonDatabaseThatIsTheTestDatabase() {
        TestDatabase test = db();
        test.execute(MODEL_1_0_1);
        PumRun r = testAndUpgrade("-pt", test.uri(), "-pc", test.uri().replace("127.0.0.1", "localhost"), "--yes");
        assertEquals(2, r.exit(), r.out() + r.err());
        assertTrue(r.err().contains("is the test database"), r.err());
        assertEquals("1", test.queryValue("SELECT count(*) FROM pg_views WHERE viewname = 'big_pipe'"), "not dropped");
        PumRun c = testAndUpgrade("-pt", db().uri(), "-pc", prod.uri().replace("127.0.0.1", "localhost"), "--yes");
        assertEquals(2, c.exit(), c.out() + c.err());
        assertTrue(c.err().contains("is the production database"), c.err());
        assertProductionUnchanged();
    }

    @Test
    void aTestDatabaseWithOtherSessionsIsNotDroppedUnlessForced() throws Exception {
        TestDatabase test = db();
        test.execute("CREATE TABLE leftover (i int)");
        try (java.sql.Connection other = test.connect()) {
            PumRun r = testAndUpgrade("-pt", test.uri(), "-pc", comp.uri(), "--yes");
            assertEquals(2, r.exit(), r.out() + r.err());
            assertTrue(r.err().contains("1 other session open") && r.err().contains("--force-drop"), r.err());
            assertTrue(other.isValid(2), "the other session was not ended");
            assertEquals("1", test.queryValue("SELECT count(*) FROM pg_tables WHERE tablename = 'leftover'"));

            PumRun forced = testAndUpgrade("-pt", test.uri(), "-pc", comp.uri(), "--yes", "--force-drop");
            assertEquals(0, forced.exit(), forced.out() + forced.err());
            assertTrue(forced.out().contains("dropping the test database"), forced.out());
            assertFalse(other.isValid(2), "the other session was ended");
        }
    }

    @Test
    void aDifferenceSharingTheUpgradesTablesPrefixIsReported() throws IOException {
        // -t app.up: an index named app.up_pipe_material_idx is the model's, not pum's
        for (TestDatabase d : List.of(prod, twin)) {
            d.execute("DROP SCHEMA app_sys CASCADE");
            assertEquals(0, PumRun.pum("baseline", "-p", d.uri(), "-t", "app.up", "-b", "1.0.0").exit());
        }
        comp.execute("CREATE INDEX up_pipe_material_idx ON app.pipe (material)");
        List<String> args = new ArrayList<>(List.of("test-and-upgrade", "-pp", prod.uri(), "-t", "app.up", "-d", deltas.toString(),
                "-pt", db().uri(), "-pc", comp.uri(), "--yes"));
        PumRun r = PumRun.pum(args.toArray(String[]::new));
        assertEquals(1, r.exit(), r.out() + r.err());
        assertTrue(r.out().contains("app.up_pipe_material_idx: only in second"), r.out());
        assertEquals("1.0.0", prod.queryValue("SELECT max(version) FROM app.up"));

        // and pum check on the same pair agrees
        comp.execute("DROP INDEX app.up_pipe_material_idx");
        PumRun ok = PumRun.pum(args.toArray(String[]::new));
        assertEquals(0, ok.exit(), ok.out() + ok.err());
    }

    @Test
    void quotedAndReservedUpgradesTableNames() {
        for (String t : List.of("\"Sys\".upgrades", "app.user", "\"my schema\".\"Up Grades\"")) {
            TestDatabase p = db();
            p.execute(MODEL_1_0_0);
            assertEquals(0, PumRun.pum("baseline", "-p", p.uri(), "-t", t, "-b", "1.0.0").exit(), t);
            PumRun r = PumRun.pum("test-and-upgrade", "-pp", p.uri(), "-t", t, "-d", deltas.toString(), "-pt", db().uri(),
                    "-pc", comp.uri(), "--yes");
            assertEquals(0, r.exit(), t + ": " + r.out() + r.err());
            assertEquals("1", p.queryValue("SELECT count(*) FROM pg_views WHERE viewname = 'big_pipe'"), t);
        }
    }

    @Test
    void aNamedDumpFileIsOneCustomFormatFileKeptAfterwards() throws IOException {
        Path file = tmp.resolve("prod.backup");
        PumRun r = testAndUpgrade("-pt", db().uri(), "-pc", comp.uri(), "-f", file.toString(), "-j", "2", "--yes");
        assertEquals(0, r.exit(), r.out() + r.err());
        assertEquals("PGDMP", new String(Files.readAllBytes(file), 0, 5, java.nio.charset.StandardCharsets.US_ASCII));
        assertEquals("1.0.1", prod.queryValue("SELECT max(version) FROM app_sys.upgrades"));
    }

    @Test
    void theParallelPathIntoAThrowawayServer() throws IOException {
        Path config = tmp.resolve("pum.yaml");
        Files.writeString(config, "embedded_bin_dir: " + TestServer.binaries(15).binDir() + "\n");
        PumRun r = PumRun.pum("-c", config.toString(), "test-and-upgrade", "-pp", prod.uri(), "-t", "app_sys.upgrades",
                "-d", deltas.toString(), "-pc", comp.uri(), "-j", "2", "--yes");
        assertEquals(0, r.exit(), r.out() + r.err());
        assertTrue(r.out().contains("(2 jobs)"), r.out());
        assertEquals("1.0.1", prod.queryValue("SELECT max(version) FROM app_sys.upgrades"));
    }

    @Test
    void aNonEmptyTestDatabaseIsRecreatedWithYes() {
        TestDatabase test = db();
        test.execute("CREATE TABLE leftover (i int)");
        PumRun r = testAndUpgrade("-pt", test.uri(), "-pc", comp.uri(), "--yes");
        assertEquals(0, r.exit(), r.out() + r.err());
        assertEquals("0", test.queryValue("SELECT count(*) FROM pg_tables WHERE tablename = 'leftover'"));
    }
}
