package pum.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static pum.shell.UpgradeCliSupport.pum;
import static pum.shell.UpgradeCliSupport.write;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import pum.shell.PumRun;
import pum.testkit.PostgresExtension;
import pum.testkit.TestDatabase;

@ExtendWith(PostgresExtension.class)
class UpgradeCommandTest {
    @TempDir
    Path tmp;

    /** The PUM documentation's workflow: baseline, info, upgrade, info, with two delta directories. */
    @Test
    void pumWorkflowEndToEnd(TestDatabase db) throws IOException {
        Path app = tmp.resolve("app");
        Path plugin = tmp.resolve("plugin");
        write(app, "delta_1.0.1_add_pipe.sql", "CREATE SCHEMA qwat_od;\nCREATE TABLE qwat_od.pipe(id serial PRIMARY KEY, srid int);\n");
        write(app, "delta_1.0.1_add_pipe.post.sql", "INSERT INTO qwat_od.pipe(srid) VALUES (%(srid)s);\n");
        write(plugin, "delta_1.1.0_plugin.sql", "CREATE TABLE qwat_od.plugin(id int);\n");
        write(app, "pre-all.sql", "DROP VIEW IF EXISTS qwat_od.vw_pipe;\n");
        write(app, "post-all.sql", "CREATE VIEW qwat_od.vw_pipe AS SELECT * FROM qwat_od.pipe;\n");
        String[] common = {"-p", db.uri(), "-t", "qwat_sys.upgrades", "-d", app.toString(), "-d", plugin.toString()};

        PumRun b = pum(concat(new String[] {"baseline"}, common, new String[] {"-b", "1.0.0"}));
        assertEquals(0, b.exit(), b.all());
        PumRun before = pum(concat(new String[] {"info"}, common));
        assertTrue(before.out().contains("current version: 1.0.0"), before.out());
        assertTrue(before.out().contains("3 pending files"), before.out());

        PumRun up = pum(concat(new String[] {"upgrade"}, common, new String[] {"-v", "int", "srid", "2056"}));
        assertEquals(0, up.exit(), up.all());
        assertTrue(up.out().contains("upgraded from 1.0.0 to 1.1.0: 3 delta files applied"), up.out());
        assertEquals("2056", db.queryValue("SELECT srid FROM qwat_od.vw_pipe"));

        PumRun after = pum(concat(new String[] {"info"}, common));
        assertTrue(after.out().contains("current version: 1.1.0"), after.out());
        assertTrue(after.out().contains("nothing pending"), after.out());
        PumRun noop = pum(concat(new String[] {"upgrade"}, common));
        assertEquals(0, noop.exit(), noop.all());
        assertTrue(noop.out().contains("database is up to date at version 1.1.0"), noop.out());
    }

    @Test
    void misnamedFileStopsBeforeAnythingRuns(TestDatabase db) throws IOException {
        Path d = tmp.resolve("d");
        write(d, "delta_1.0.0_a.sql", "CREATE TABLE a(i int);\n");
        write(d, "delta_1.0.01_typo.sql", "CREATE TABLE b(i int);\n");
        assertEquals(0, pum("baseline", "-p", db.uri(), "-t", "s.up", "-b", "1.0.0").exit());
        PumRun r = pum("upgrade", "-p", db.uri(), "-t", "s.up", "-d", d.toString());
        assertEquals(3, r.exit());
        assertTrue(r.err().contains("delta_1.0.01_typo.sql: invalid version \"1.0.01\": \"01\" has a leading zero (write 1.0.1)"), r.err());
        assertTrue(r.err().contains("expected delta_X.Y.Z_name.sql"), r.err());
        assertEquals("0", db.queryValue("SELECT count(*) FROM pg_class WHERE relname = 'a'"));
        PumRun ignored = pum("upgrade", "-p", db.uri(), "-t", "s.up", "-d", d.toString(), "--ignore", "delta_1.0.01_typo.sql");
        assertEquals(0, ignored.exit(), ignored.all());
    }

    @Test
    void editedAppliedDeltaIsRefused(TestDatabase db) throws IOException {
        Path d = tmp.resolve("d");
        write(d, "delta_1.0.0_a.sql", "CREATE TABLE a(i int);\n");
        assertEquals(0, pum("baseline", "-p", db.uri(), "-t", "s.up", "-b", "1.0.0").exit());
        assertEquals(0, pum("upgrade", "-p", db.uri(), "-t", "s.up", "-d", d.toString()).exit());
        write(d, "delta_1.0.0_a.sql", "CREATE TABLE a(i int, j int);\n");
        PumRun r = pum("upgrade", "-p", db.uri(), "-t", "s.up", "-d", d.toString());
        assertEquals(3, r.exit());
        assertTrue(r.err().contains("was edited since it was applied: " + d.resolve("delta_1.0.0_a.sql")), r.err());
        assertEquals(0, pum("upgrade", "-p", db.uri(), "-t", "s.up", "-d", d.toString(), "--accept-changed").exit());
    }

    @Test
    void dryRunPrintsThePlanPerTransaction(TestDatabase db) throws IOException {
        Path d = tmp.resolve("d");
        write(d, "delta_1.1.0_a.pre.sql", "CREATE TABLE a(i int);\n");
        write(d, "delta_1.1.0_a.sql", "INSERT INTO a VALUES (1);\n");
        write(d, "delta_1.2.0_b.sql", "-- pum: no-transaction\nCREATE INDEX CONCURRENTLY ai ON a(i);\n");
        assertEquals(0, pum("baseline", "-p", db.uri(), "-t", "s.up", "-b", "1.0.0").exit());
        PumRun r = pum("upgrade", "-p", db.uri(), "-t", "s.up", "-d", d.toString(), "--dry-run");
        assertEquals(0, r.exit(), r.all());
        assertTrue(r.out().contains("upgrade from 1.0.0 to 1.2.0:\n  1. version 1.1.0, one transaction\n"), r.out());
        assertTrue(r.out().contains("2. version 1.2.0, no transaction"), r.out());
        assertTrue(r.out().contains("dry run: nothing was changed"), r.out());
        assertEquals("0", db.queryValue("SELECT count(*) FROM pg_class WHERE relname = 'a'"));
    }

    @Test
    void migrateAppliesOneChosenDelta(TestDatabase db) throws IOException {
        Path d = tmp.resolve("d");
        write(d, "delta_1.1.0_a.sql", "CREATE TABLE a(i int);\n");
        write(d, "delta_1.2.0_b.sql", "CREATE TABLE b(i int);\n");
        assertEquals(0, pum("baseline", "-p", db.uri(), "-t", "s.up", "-b", "1.0.0").exit());
        PumRun r = pum("migrate", "-p", db.uri(), "-t", "s.up", "-d", d.toString(), "--migration", "delta_1.2.0_b.sql");
        assertEquals(0, r.exit(), r.all());
        assertEquals("0", db.queryValue("SELECT count(*) FROM pg_class WHERE relname = 'a'"));
        assertEquals("1", db.queryValue("SELECT count(*) FROM pg_class WHERE relname = 'b'"));
        PumRun again = pum("migrate", "-p", db.uri(), "-t", "s.up", "-d", d.toString(), "--migration", "delta_1.2.0_b.sql");
        assertEquals(2, again.exit());
        assertTrue(again.err().contains("delta_1.2.0_b.sql is not pending: it is applied"), again.err());
    }

    @Test
    void failingDeltaExitsWithDatabaseErrorNamingFileAndLine(TestDatabase db) throws IOException {
        Path d = tmp.resolve("d");
        write(d, "delta_1.1.0_a.sql", "CREATE TABLE a(i int);\n");
        write(d, "delta_1.2.0_b.sql", "CREATE TABLE b(i int);\nINSERT INTO b VALUES ('x');\n");
        assertEquals(0, pum("baseline", "-p", db.uri(), "-t", "s.up", "-b", "1.0.0").exit());
        PumRun r = pum("upgrade", "-p", db.uri(), "-t", "s.up", "-d", d.toString());
        assertEquals(5, r.exit());
        assertTrue(r.err().contains("delta_1.2.0_b.sql:2:23: ERROR 22P02"), r.err());
        assertTrue(r.err().contains("the database stays at version 1.1.0"), r.err());
    }

    /** Two pum processes upgrade the same database at once: each delta is applied exactly once. */
    @Test
    void twoConcurrentUpgradesFromTwoProcesses(TestDatabase db) throws Exception {
        Path d = tmp.resolve("d");
        db.execute("CREATE TABLE log(seq serial, version text, pid int DEFAULT pg_backend_pid())");
        for (String v : List.of("1.1.0", "1.2.0", "1.3.0")) {
            write(d, "delta_" + v + "_slow.sql", "SELECT pg_sleep(0.7);\nINSERT INTO log(version) VALUES ('" + v + "');\n");
        }
        assertEquals(0, pum("baseline", "-p", db.uri(), "-t", "s.up", "-b", "1.0.0").exit());

        List<Process> procs = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            procs.add(pumProcess(i, "upgrade", "-p", db.uri(), "-t", "s.up", "-d", d.toString(), "--lock-wait", "60s"));
        }
        List<String> outputs = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            Process p = procs.get(i);
            assertTrue(p.waitFor(120, TimeUnit.SECONDS), "pum process did not finish");
            String out = Files.readString(tmp.resolve("out" + i), StandardCharsets.UTF_8);
            outputs.add(out);
            assertEquals(0, p.exitValue(), out);
        }
        assertEquals(List.of(List.of("1.1.0", "1"), List.of("1.2.0", "1"), List.of("1.3.0", "1")),
                db.query("SELECT version, count(*)::text FROM log GROUP BY version ORDER BY version"));
        assertEquals("1", db.queryValue("SELECT count(DISTINCT pid) FROM log"));
        assertEquals("3", db.queryValue("SELECT count(*) FROM s.up WHERE type <> 0"));
        String both = String.join("\n----\n", outputs);
        assertTrue(both.contains("waiting for another upgrade of s.up to finish: held by pid "), both);
        assertTrue(both.contains("application 'pum upgrade'"), both);
        assertTrue(both.contains("database is up to date at version 1.3.0"), both);
    }

    /** config-samples/deltas works as documented. */
    @Test
    void theSampleDeltaDirectoryUpgrades(TestDatabase db) {
        Path sample = Path.of("../../config-samples/deltas").toAbsolutePath().normalize();
        String[] common = {"-c", sample.resolve("pum.yaml").toString()};
        assertEquals(0, pum(concat(common, new String[] {"baseline", "-p", db.uri(), "-b", "1.0.0"})).exit());
        PumRun up = pum(concat(common, new String[] {"upgrade", "-p", db.uri(), "-d", sample.resolve("delta").toString(), "-v", "int", "srid", "2056"}));
        assertEquals(0, up.exit(), up.all());
        assertTrue(up.out().contains("filled 3 materials (database was at 1.0.0)"), up.out());
        assertEquals("3", db.queryValue("SELECT count(*) FROM sample.vw_pipe v RIGHT JOIN sample.material m ON true"));
        assertEquals("t", db.queryValue("SELECT indisvalid FROM pg_index WHERE indexrelid = 'sample.pipe_material_idx'::regclass"));
        assertEquals("pipes; 100% of them have a material", db.queryValue("SELECT obj_description('sample.pipe'::regclass)"));
        PumRun info = pum(concat(common, new String[] {"info", "-p", db.uri(), "-d", sample.resolve("delta").toString()}));
        assertTrue(info.out().startsWith("current version: 1.1.0"), info.out());
        assertTrue(info.out().contains("nothing pending"), info.out());
    }

    private Process pumProcess(int i, String... args) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        String modulePath = System.getProperty("jdk.module.path");
        cmd.add("-p");
        cmd.add(modulePath);
        String classPath = System.getProperty("java.class.path");
        if (classPath != null && !classPath.isEmpty()) {
            cmd.add("-cp");
            cmd.add(classPath);
        }
        cmd.add("-m");
        cmd.add("pum.shell/pum.shell.Main");
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(tmp.resolve("out" + i).toFile()).start();
    }

    private static String[] concat(String[]... parts) {
        List<String> all = new ArrayList<>();
        for (String[] p : parts) {
            all.addAll(List.of(p));
        }
        return all.toArray(new String[0]);
    }
}
