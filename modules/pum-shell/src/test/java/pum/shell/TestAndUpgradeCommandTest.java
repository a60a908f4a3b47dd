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

    @Test
    void withoutATerminalItNeedsYesAndTouchesNothing() {
        PumRun r = testAndUpgrade("-pt", db().uri(), "-pc", comp.uri());
        assertEquals(8, r.exit(), r.out() + r.err());
        assertTrue(r.err().contains("pass --yes"), r.err());
        assertFalse(r.out().contains("[1/6]"), "nothing ran: " + r.out());
        assertProductionUnchanged();
    }

    @Test
    void refusesATestDatabaseThatIsProduction() {
        PumRun r = testAndUpgrade("-pt", prod.uri().replace("127.0.0.1", "localhost"), "-pc", comp.uri(), "--yes");
        assertEquals(2, r.exit(), r.out() + r.err());
        assertTrue(r.err().contains("is the production database"), r.err());
        assertProductionUnchanged();
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
