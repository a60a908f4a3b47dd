package pum.distribution;

import static pum.distribution.Tmux.awaitScreen;
import static pum.distribution.Tmux.screen;
import static pum.distribution.Tmux.tmux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import pum.testkit.TestDatabase;
import pum.testkit.TestServer;

/**
 * The project life cycle through bin/pum: create, batches, status, last-success, rollback (last
 * batch, --to, refusals, SIGTERM and kill -9 in the middle), then PUM 0.x's own queries on the
 * upgrades table.
 */
class LifecycleTest {
    private static final Path IMAGE = Path.of(System.getProperty("pum.image", "target/pum"));
    private static final String TABLE = "pum_sys.upgrades";
    /** PUM 0.x: the current version. */
    private static final String PUM_CURRENT = "SELECT version FROM pum_sys.upgrades WHERE success = TRUE ORDER BY version DESC LIMIT 1";

    @TempDir
    Path dir;
    TestDatabase db;

    record Result(int exit, String out, String err) {
    }

    @BeforeEach
    void database() {
        db = TestServer.shared().createDatabase();
    }

    @AfterEach
    void drop() {
        db.server().dropDatabase(db.name());
    }

    static ProcessBuilder builder(String input, String... args) {
        List<String> cmd = new ArrayList<>(List.of(IMAGE.resolve("bin/pum").toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().keySet().removeIf(k -> k.startsWith("PG"));
        return pb;
    }

    Result pum(String input, String... args) throws IOException, InterruptedException {
        ProcessBuilder pb = builder(input, args);
        Path out = Files.createTempFile("pum-out", ".txt");
        Path err = Files.createTempFile("pum-err", ".txt");
        pb.redirectOutput(out.toFile()).redirectError(err.toFile());
        Process p = pb.start();
        if (input != null) {
            p.getOutputStream().write(input.getBytes(StandardCharsets.UTF_8));
        }
        p.getOutputStream().close();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "bin/pum did not finish");
        Result r = new Result(p.exitValue(), Files.readString(out), Files.readString(err));
        Files.delete(out);
        Files.delete(err);
        return r;
    }

    String[] opts(String... more) {
        List<String> all = new ArrayList<>(List.of("-p", db.uri(), "-t", TABLE, "-d", dir.resolve("d").toString()));
        all.addAll(List.of(more));
        return all.toArray(new String[0]);
    }

    String[] cmd(String command, String... more) {
        List<String> all = new ArrayList<>(List.of(command));
        all.addAll(List.of(opts(more)));
        return all.toArray(new String[0]);
    }

    void write(String name, String text) throws IOException {
        Files.createDirectories(dir.resolve("d"));
        Files.writeString(dir.resolve("d").resolve(name), text);
    }

    /** Versions 1.0.0 .. 1.n.0, each creating table t_i (with an index and a comment) and its rollback dropping it. */
    void deltas(int n, String rollbackExtra) throws IOException {
        for (int i = 1; i <= n; i++) {
            write("delta_1." + (i - 1) + ".0_t" + i + ".sql", "CREATE TABLE app.t" + i + " (id int DEFAULT 1); CREATE INDEX ON app.t" + i
                    + " (id); COMMENT ON TABLE app.t" + i + " IS 'v" + i + "';\n");
            write("delta_1." + (i - 1) + ".0_t" + i + ".rollback.sql", rollbackExtra + "DROP TABLE app.t" + i + ";\n");
        }
    }

    boolean exists(String table) {
        return db.queryValue("SELECT to_regclass('" + table + "') IS NOT NULL").equals("t");
    }

    @Test
    void remapTreeAdoptsADatabaseAndCreateFromDiffSavesTheNextChange() throws Exception {
        db.execute("CREATE SCHEMA app; CREATE TABLE app.t (id serial PRIMARY KEY, code text);"
                + " CREATE TABLE app.u (id int PRIMARY KEY, t int REFERENCES app.t (id)); CREATE VIEW app.v AS SELECT id, code FROM app.t;");
        Path delta = dir.resolve("delta");
        Path config = dir.resolve("pum.yaml");
        Files.writeString(config, "layout: tree\nupgrades_table: " + TABLE + "\ndelta_dir: " + delta + "\n");
        // the config says tree: remap writes rokso's object tree, and records the baseline when told
        Result remap = pum("y\n", "-c", config.toString(), "remap", "-p", db.uri());
        assertEquals(0, remap.exit(), remap.err());
        assertTrue(Files.exists(delta.resolve("app/200.tables/u/delta_0.0.5_table_u.sql")), remap.out());
        assertTrue(remap.out().contains("baseline 0.0.8 recorded in " + TABLE), remap.out() + remap.err());
        Result info = pum(null, "-c", config.toString(), "last-success", "-p", db.uri());
        assertEquals(0, info.exit(), info.out() + info.err());

        TestDatabase fresh = TestServer.shared().createDatabase();
        try {
            assertEquals(0, pum(null, "-c", config.toString(), "baseline", "-p", fresh.uri(), "-b", "0.0.0").exit());
            Result up = pum(null, "-c", config.toString(), "upgrade", "-p", fresh.uri());
            assertEquals(0, up.exit(), up.err());
            assertEquals(0, pum(null, "check", "-p1", db.uri(), "-p2", fresh.uri()).exit());

            // a change made on the source becomes the next delta, which brings the fresh database along
            db.execute("ALTER TABLE app.t ADD COLUMN note text; CREATE INDEX t_code ON app.t (code);");
            Result create = pum(null, "-c", config.toString(), "create", "--from-diff", "-p1", fresh.uri(), "-p2", db.uri(), "add_note",
                    "-N", "pum_sys");
            assertEquals(0, create.exit(), create.err());
            assertTrue(create.out().contains("delta_0.0.8_add_note.sql"), create.out());
            assertEquals(0, pum(null, "-c", config.toString(), "upgrade", "-p", fresh.uri()).exit());
            assertEquals(0, pum(null, "check", "-p1", db.uri(), "-p2", fresh.uri()).exit());
            Result equal = pum(null, "create", "--from-diff", "-p1", fresh.uri(), "-p2", db.uri(), "-d", delta.toString());
            assertEquals(0, equal.exit(), equal.err());
            assertTrue(equal.out().contains("equal; nothing written"), equal.out());
        } finally {
            fresh.server().dropDatabase(fresh.name());
        }
    }

    @Test
    void createNumbersAfterTheHighestVersionOnDisk() throws Exception {
        Path d = dir.resolve("d");
        Files.createDirectories(d);
        Result first = pum(null, "create", "-d", d.toString(), "init");
        assertEquals(0, first.exit(), first.err());
        assertTrue(Files.exists(d.resolve("delta_0.0.1_init.sql")) && Files.exists(d.resolve("delta_0.0.1_init.rollback.sql")), first.out());
        assertTrue(first.out().contains(d.resolve("delta_0.0.1_init.sql").toString()), first.out());
        assertEquals(0, pum(null, "create", "-d", d.toString(), "a", "--version", "1.9.0").exit());
        assertEquals(0, pum(null, "create", "-d", d.toString(), "b").exit());
        assertTrue(Files.exists(d.resolve("delta_1.9.1_b.sql")), "after 1.9.0 comes 1.9.1");
        assertEquals(0, pum(null, "create", "-d", d.toString(), "c", "--version", "1.10.3").exit());
        assertEquals(0, pum(null, "create", "-d", d.toString(), "e", "--post").exit());
        assertTrue(Files.exists(d.resolve("delta_1.10.4_e.post.sql")), "after 1.10.3 comes 1.10.4 (numeric, not text order)");
        Result bad = pum(null, "create", "-d", d.toString(), "no-dash");
        assertEquals(2, bad.exit(), bad.err());
        assertFalse(Files.exists(d.resolve("delta_1.10.5_no-dash.sql")));
        Result again = pum(null, "create", "-d", d.toString(), "a", "--version", "1.9.0");
        assertEquals(2, again.exit(), "never overwrites: " + again.err());
        // rokso's object tree, read by a project that declares layout: tree
        Result tree = pum(null, "create", "-d", d.toString(), "user_master", "--kind", "table", "--schema", "offline", "--object", "user_master");
        assertEquals(0, tree.exit(), tree.err());
        Path leaf = d.resolve("offline/200.tables/user_master/delta_1.10.5_user_master.sql");
        assertTrue(Files.exists(leaf), tree.out());
        Result noAsk = pum(null, "create", "-d", d.toString(), "f", "--kind", "view");
        assertEquals(2, noAsk.exit(), "no prompt in a script: " + noAsk.err());
        assertTrue(noAsk.err().contains("--schema"), noAsk.err());
    }

    @Test
    void treeLayoutIsReadRecursivelyAndRunsByVersion() throws Exception {
        db.execute("CREATE SCHEMA app");
        Path d = dir.resolve("d");
        Files.createDirectories(d.resolve("b/200.tables/x"));
        Files.createDirectories(d.resolve("a/300.views/v"));
        Files.writeString(d.resolve("b/200.tables/x/delta_1.0.0_x.sql"), "CREATE TABLE app.x (id int);");
        Files.writeString(d.resolve("a/300.views/v/delta_1.0.1_v.sql"), "CREATE VIEW app.v AS SELECT * FROM app.x;");
        Path config = dir.resolve("pum.yaml");
        Files.writeString(config, "upgrades_table: " + TABLE + "\ndelta_dir: " + d + "\nlayout: tree\n");
        assertEquals(0, pum(null, "-c", config.toString(), "baseline", "-p", db.uri(), "-b", "0.0.0").exit());
        Result up = pum(null, "-c", config.toString(), "upgrade", "-p", db.uri());
        assertEquals(0, up.exit(), up.err());
        assertTrue(exists("app.v"), up.out());
        Result flat = pum(null, "status", "-p", db.uri(), "-t", TABLE, "-d", d.toString());
        assertEquals(0, flat.exit(), flat.err());
        assertTrue(flat.out().contains("applied, file missing"), "without layout: tree the tree is not read: " + flat.out());
    }

    @Test
    void batchesStatusLastSuccessRollbackAndReUpgrade() throws Exception {
        db.execute("CREATE SCHEMA app");
        deltas(3, "");
        assertEquals(0, pum(null, cmd("baseline", "-b", "0.0.0")).exit());
        Result up1 = pum(null, cmd("upgrade", "-u", "1.1.0"));
        assertEquals(0, up1.exit(), up1.err());
        Result ls = pum(null, cmd("last-success"));
        assertEquals(1, ls.exit(), "something pending: " + ls.out() + ls.err());
        assertEquals(0, pum(null, cmd("upgrade")).exit());
        ls = pum(null, cmd("last-success"));
        assertEquals(0, ls.exit(), ls.out() + ls.err());
        assertTrue(ls.out().startsWith("1.2.0 delta_1.2.0_t3.sql batch "), ls.out());
        List<List<String>> batches = db.query("SELECT DISTINCT pum_batch FROM " + TABLE + " WHERE type <> 0");
        assertEquals(2, batches.size(), "two upgrade runs, two batches: " + batches);
        Result st = pum(null, cmd("status"));
        assertEquals(0, st.exit(), st.err());
        assertTrue(st.out().contains("current version 1.2.0") && st.out().contains("batch "), st.out());
        Result json = pum(null, cmd("status", "--json"));
        assertTrue(json.out().contains("\"current_version\": \"1.2.0\"") && json.out().contains("\"pending\": []"), json.out());

        // the last batch: only 1.2.0; refused without an answer in a pipe ("n"), done with "y"
        Result dry = pum(null, cmd("rollback", "--dry-run"));
        assertEquals(0, dry.exit(), dry.err());
        assertTrue(dry.out().contains("delta_1.2.0_t3.rollback.sql") && !dry.out().contains("t2.rollback"), dry.out());
        Result no = pum("n\n", cmd("rollback"));
        assertEquals(8, no.exit(), no.err());
        assertTrue(exists("app.t3"));
        Result yes = pum("y\n", cmd("rollback"));
        assertEquals(0, yes.exit(), yes.err());
        assertFalse(exists("app.t3"));
        assertTrue(exists("app.t2"));
        assertEquals("1.1.0", db.queryValue(PUM_CURRENT));
        // --to
        Result to = pum(null, cmd("rollback", "--to", "0.0.0", "--yes"));
        assertEquals(0, to.exit(), to.err());
        assertFalse(exists("app.t1") || exists("app.t2"), to.out());
        pumSeesNothingApplied();
        Result after = pum(null, cmd("status"));
        assertTrue(after.out().contains("rolled back (history):") && after.out().contains("pending:"), after.out());
        assertEquals(1, pum(null, cmd("last-success")).exit());
        // and up again
        Result again = pum(null, cmd("upgrade"));
        assertEquals(0, again.exit(), again.err());
        assertTrue(exists("app.t1") && exists("app.t2") && exists("app.t3"));
        assertEquals("1.2.0", db.queryValue(PUM_CURRENT));
        assertEquals(0, pum(null, cmd("last-success")).exit());
    }

    /** PUM 0.x's reading: the current version, and per delta "applied" = a successful row with its version, description and type. */
    void pumSeesNothingApplied() {
        assertEquals("0.0.0", db.queryValue(PUM_CURRENT));
        for (int i = 1; i <= 3; i++) {
            String applied = db.queryValue("SELECT EXISTS (SELECT 1 FROM " + TABLE + " WHERE version = '1." + (i - 1) + ".0' AND description = 't" + i
                    + "' AND type = 8 AND success = TRUE)");
            assertEquals("f", applied, "PUM must see 1." + (i - 1) + ".0 as not applied");
        }
        assertEquals("3", db.queryValue("SELECT count(*) FROM " + TABLE + " WHERE pum_state = 'rolled back' AND NOT success"));
    }

    @Test
    void refusesARangeWithAMissingRollbackOrANoTransactionDelta() throws Exception {
        db.execute("CREATE SCHEMA app");
        deltas(2, "");
        write("delta_1.2.0_nt.sql", "-- pum: no-transaction\nCREATE INDEX CONCURRENTLY t1_c ON app.t1 (id);\n");
        write("delta_1.2.0_nt.rollback.sql", "DROP INDEX app.t1_c;\n");
        write("delta_1.3.0_norb.sql", "CREATE TABLE app.norb (id int);\n");
        assertEquals(0, pum(null, cmd("baseline", "-b", "0.0.0")).exit());
        Result up = pum(null, cmd("upgrade"));
        assertEquals(0, up.exit(), up.err());
        Result r = pum(null, cmd("rollback", "--to", "1.0.0", "--yes"));
        assertEquals(2, r.exit(), r.err());
        assertTrue(r.err().contains("1.3.0 norb: no rollback file") && r.err().contains("1.2.0 delta_1.2.0_nt.sql: applied without a transaction"),
                r.err());
        assertTrue(exists("app.norb") && exists("app.t2"), "nothing changed");
        assertEquals("1.3.0", db.queryValue(PUM_CURRENT));
    }

    /** Three versions whose rollbacks take a second each; pum is stopped during the second. */
    private Process slowRollback() throws Exception {
        db.execute("CREATE SCHEMA app");
        deltas(3, "SELECT pg_sleep(1.5);\n");
        assertEquals(0, pum(null, cmd("baseline", "-b", "0.0.0")).exit());
        assertEquals(0, pum(null, cmd("upgrade")).exit());
        ProcessBuilder pb = builder(null, cmd("rollback", "--to", "0.0.0", "--yes"));
        pb.redirectErrorStream(true).redirectOutput(dir.resolve("rollback.log").toFile());
        Process p = pb.start();
        p.getOutputStream().close();
        // wait until the second version's rollback runs
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline && !(Files.exists(dir.resolve("rollback.log"))
                && Files.readString(dir.resolve("rollback.log")).contains("rolled back version 1.2.0"))) {
            Thread.sleep(20);
        }
        Thread.sleep(500);
        return p;
    }

    /** Every version is either fully applied (table there, row successful) or fully rolled back (table gone, row marked). */
    private void eachVersionWhole() throws Exception {
        for (int i = 0; i < 100 && !db.queryValue("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
                + " AND pid <> pg_backend_pid()").equals("0"); i++) {
            Thread.sleep(100);
        }
        for (int i = 1; i <= 3; i++) {
            String v = "1." + (i - 1) + ".0";
            boolean table = exists("app.t" + i);
            String success = db.queryValue("SELECT bool_or(success) FROM " + TABLE + " WHERE version = '" + v + "'");
            assertEquals(table ? "t" : "f", success, v + ": table " + (table ? "there" : "gone") + " but row success " + success);
        }
        assertFalse(exists("app.t3"), "1.2.0 was rolled back before pum was stopped");
        assertTrue(exists("app.t1"), "1.0.0 was never reached");
    }

    @Test
    void sigtermDuringARollbackLeavesEachVersionWhole() throws Exception {
        Process p = slowRollback();
        p.destroy();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        String log = Files.readString(dir.resolve("rollback.log"));
        assertEquals(143, p.exitValue(), "128 + SIGTERM, as for upgrade: " + log);
        assertTrue(log.contains("interrupted"), log);
        eachVersionWhole();
        assertEquals("1.1.0", db.queryValue(PUM_CURRENT));
        Result rest = pum(null, cmd("rollback", "--to", "0.0.0", "--yes"));
        assertEquals(0, rest.exit(), rest.err());
        pumSeesNothingApplied();
    }

    @Test
    void killDashNineDuringARollbackLeavesEachVersionWhole() throws Exception {
        Process p = slowRollback();
        p.toHandle().descendants().forEach(ProcessHandle::destroyForcibly);
        new ProcessBuilder("kill", "-9", Long.toString(p.pid())).start().waitFor();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        eachVersionWhole();
        Result rest = pum(null, cmd("rollback", "--to", "0.0.0", "--yes"));
        assertEquals(0, rest.exit(), rest.err());
        pumSeesNothingApplied();
    }

    @Test
    void initInAScriptNeverAsksAndRefusesAnExistingProject() throws Exception {
        Path project = dir.resolve("proj");
        Result files = pum(null, "init", project.toString());
        assertEquals(0, files.exit(), files.err());
        assertTrue(Files.isDirectory(project.resolve("delta")) && Files.exists(project.resolve("pum.yaml")), files.out());
        assertTrue(files.out().contains("no database given"), files.out());
        Result again = pum(null, "init", project.toString(), "-p", db.uri());
        assertEquals(2, again.exit(), again.err());
        assertTrue(again.err().contains("is a pum project already"), again.err());
        assertEquals("f", db.queryValue("SELECT to_regclass('pum_sys.upgrades') IS NOT NULL"), "refused before connecting");

        Path withDb = dir.resolve("withdb");
        Result r = pum(null, "init", withDb.toString(), "-p", db.uri(), "-b", "1.0.0", "-t", TABLE, "--tree");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("PostgreSQL 1"), "prints the server it reached: " + r.out());
        assertEquals("1.0.0", db.queryValue(PUM_CURRENT));
        String config = Files.readString(withDb.resolve("pum.yaml"));
        assertTrue(config.contains("upgrades_table: " + TABLE) && config.contains("\nlayout: tree"), config);
        // the config it wrote is read by pum: create writes into the tree, upgrade reads it
        Result create = pum(null, "-c", withDb.resolve("pum.yaml").toString(), "create", "-d", withDb.resolve("delta").toString(), "t",
                "--kind", "table", "--schema", "app", "--object", "t");
        assertEquals(0, create.exit(), create.err());
        assertTrue(create.out().contains("app/200.tables/t/delta_0.0.1_t.sql"), create.out());
    }

    @Test
    void initOnATerminalAsksHidesThePasswordAndSavesItOnlyToPgpass() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(new ProcessBuilder("tmux", "-V").start().waitFor() == 0, "tmux is needed");
        Path home = dir.resolve("home");
        Files.createDirectories(home);
        Path project = dir.resolve("tproj");
        String session = "pum-init-" + ProcessHandle.current().pid();
        String command = "env HOME=" + home + " " + IMAGE.resolve("bin/pum") + " init -t " + TABLE + " " + project + "; sleep 30";
        tmux("new-session", "-d", "-s", session, "-x", "150", "-y", "40", command);
        try {
            awaitScreen(session, "service name");
            tmux("send-keys", "-t", session, "Enter");
            awaitScreen(session, "host [localhost]:");
            tmux("send-keys", "-t", session, db.info().host(), "Enter");
            awaitScreen(session, "port [5432]:");
            tmux("send-keys", "-t", session, Integer.toString(db.info().port()), "Enter");
            awaitScreen(session, "database [tproj]:");
            tmux("send-keys", "-t", session, db.name(), "Enter");
            awaitScreen(session, "user [");
            tmux("send-keys", "-t", session, db.info().user(), "Enter");
            awaitScreen(session, "password (not shown");
            tmux("send-keys", "-t", session, "Tmux5ecret", "Enter");
            awaitScreen(session, "save the password to ~/.pgpass");
            tmux("send-keys", "-t", session, "y", "Enter");
            awaitScreen(session, "upgrades table " + TABLE + " created with baseline 0.0.0");
            assertFalse(screen(session).contains("Tmux5ecret"), "the password is never echoed");
        } finally {
            tmux("kill-session", "-t", session);
        }
        assertEquals("0.0.0", db.queryValue(PUM_CURRENT));
        assertFalse(Files.readString(project.resolve("pum.yaml")).contains("Tmux5ecret"));
        Path pgpass = home.resolve(".pgpass");
        assertTrue(Files.readString(pgpass).endsWith(":Tmux5ecret\n"), "saved to ~/.pgpass");
        assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(pgpass)));
    }

    @Test
    void verifyRollbackCatchesARollbackThatForgetsAnIndex() throws Exception {
        write("delta_1.0.0_a.sql", "CREATE SCHEMA app; CREATE TABLE app.a (id int DEFAULT 1); COMMENT ON TABLE app.a IS 'a';\n");
        write("delta_1.0.0_a.rollback.sql", "DROP SCHEMA app CASCADE;\n");
        write("delta_1.1.0_b.sql", "CREATE INDEX a_id ON app.a (id); ALTER TABLE app.a ADD COLUMN x int DEFAULT 2;\n");
        write("delta_1.1.0_b.rollback.sql", "ALTER TABLE app.a DROP COLUMN x;\n");
        write("delta_1.2.0_c.sql", "CREATE TABLE app.c (id int);\n");
        write("delta_1.2.0_c.rollback.sql", "DROP TABLE app.c;\n");
        Result r = pum(null, "verify-rollback", "-d", dir.resolve("d").toString(), "-p", db.uri());
        assertEquals(1, r.exit(), r.out() + r.err());
        assertTrue(r.out().contains("version 1.0.0: rollback exact") && r.out().contains("version 1.2.0: rollback exact"), r.out());
        assertTrue(r.out().contains("version 1.1.0: the rollback does not restore") && r.out().contains("a_id"), r.out());
        write("delta_1.1.0_b.rollback.sql", "ALTER TABLE app.a DROP COLUMN x; DROP INDEX app.a_id;\n");
        TestDatabase fresh = TestServer.shared().createDatabase();
        try {
            Result ok = pum(null, "verify-rollback", "-d", dir.resolve("d").toString(), "-p", fresh.uri(), "--from", "1.1.0");
            assertEquals(0, ok.exit(), ok.out() + ok.err());
            assertTrue(ok.out().contains("every rollback is exact (2 versions checked)"), ok.out());
        } finally {
            fresh.server().dropDatabase(fresh.name());
        }
        Result notEmpty = pum(null, "verify-rollback", "-d", dir.resolve("d").toString(), "-p", db.uri());
        assertEquals(2, notEmpty.exit(), "a database holding tables is refused: " + notEmpty.err());
    }

    @Test
    void adoptsARoksoProjectThenUpgradesAndRollsBack() throws Exception {
        // a rokso project as its docs describe it: two schemas, three migrations, two of them complete
        Path rokso = dir.resolve("tutorial");
        Files.createDirectories(rokso.resolve("migration/offline/200.tables/user_master"));
        Files.createDirectories(rokso.resolve("migration/offline/500.functions/booking_number"));
        Files.createDirectories(rokso.resolve("migration/online/200.tables/website_user"));
        Files.writeString(rokso.resolve("config.json"), "{\"database\": {\"host\": \"localhost\", \"port\": \"5432\","
                + " \"database\": \"tutorial\", \"username\": \"pguser\", \"schema\": \"offline\"}}\n");
        String m1 = "offline/200.tables/user_master/2021_03_29__19_14_28_create_table_user_master.py";
        String m2 = "offline/500.functions/booking_number/2021_03_29__19_34_09_create_function_generate_booking_number.py";
        String m3 = "online/200.tables/website_user/2021_03_29__19_37_31_create_table_website_user.py";
        Files.writeString(rokso.resolve("migration").resolve(m1), "apply_sql = \"\"\"\nCREATE TABLE offline.user_master (id int, name text);\n\"\"\"\n\n"
                + "rollback_sql = \"DROP TABLE offline.user_master;\"\n\nmigrations = {\n    \"apply\": apply_sql,\n    \"rollback\": rollback_sql\n}\n");
        Files.writeString(rokso.resolve("migration").resolve(m2), "apply_sql = '''\nCREATE FUNCTION offline.generate_booking_number() RETURNS text"
                + " LANGUAGE sql AS $$ SELECT 'B' || 'it''s' $$;\n'''\n"
                + "rollback_sql = 'DROP FUNCTION offline.generate_booking_number();'\n");
        Files.writeString(rokso.resolve("migration").resolve(m3), "apply_sql = \"CREATE TABLE online.website_user (id int);\"\n"
                + "rollback_sql = \"DROP TABLE online.website_user;\"\n");
        db.execute("CREATE SCHEMA offline; CREATE SCHEMA online;"
                + " CREATE TABLE offline.rokso_db_version (id serial PRIMARY KEY, filename text NOT NULL, version varchar(100) NOT NULL,"
                + " status varchar(20) DEFAULT 'pending' NOT NULL, scheduledAt timestamp NOT NULL DEFAULT CURRENT_TIMESTAMP,"
                + " executedAt timestamp NOT NULL DEFAULT CURRENT_TIMESTAMP, CONSTRAINT filename_UNQ UNIQUE (filename));"
                + " CREATE TABLE offline.user_master (id int, name text);"
                + " CREATE FUNCTION offline.generate_booking_number() RETURNS text LANGUAGE sql AS $$ SELECT 'B' || 'it''s' $$;"
                + " INSERT INTO offline.rokso_db_version (filename, version, status) VALUES ('" + m1 + "', 'b23b4a2d', 'complete'),"
                + " ('" + m2 + "', 'c0ffee01', 'complete');");
        String roksoTable = db.query("SELECT * FROM offline.rokso_db_version ORDER BY id").toString();
        String roksoFiles = Files.readString(rokso.resolve("migration").resolve(m1));

        Path project = dir.resolve("adopted");
        Result noDb = pum(null, "init", "--from-rokso", rokso.toString(), project.toString());
        assertEquals(2, noDb.exit(), "without -p it would run everything again: " + noDb.err());
        Result r = pum(null, "init", "--from-rokso", rokso.toString(), project.toString(), "-p", db.uri(), "-t", TABLE);
        assertEquals(0, r.exit(), r.out() + r.err());
        assertTrue(r.out().contains("adopted 3 rokso migrations") && r.out().contains("2 complete"), r.out());
        Path d = project.resolve("delta");
        assertTrue(Files.exists(d.resolve("offline/200.tables/user_master/delta_0.0.1_create_table_user_master.sql")));
        assertTrue(Files.readString(d.resolve("offline/500.functions/booking_number/delta_0.0.2_create_function_generate_booking_number.sql"))
                .contains("'B' || 'it''s'"));
        assertTrue(Files.exists(d.resolve("online/200.tables/website_user/delta_0.0.3_create_table_website_user.rollback.sql")));
        assertEquals("0.0.2", db.queryValue(PUM_CURRENT), "rokso's completed migrations are applied for PUM too");
        assertEquals("b23b4a2d", db.queryValue("SELECT pum_batch FROM " + TABLE + " WHERE version = '0.0.1'"));
        assertTrue(Files.readString(project.resolve("pum.yaml")).contains("\nlayout: tree"));

        String[] o = {"-c", project.resolve("pum.yaml").toString()};
        String[] p = {"-p", db.uri(), "-d", d.toString()};
        Result st = pum(null, concat(o, "status", p));
        assertTrue(st.out().contains("pending:") && st.out().contains("delta_0.0.3_create_table_website_user.sql"), st.out() + st.err());
        Result up = pum(null, concat(o, "upgrade", p));
        assertEquals(0, up.exit(), up.out() + up.err());
        assertTrue(up.out().contains("1 delta file applied"), "nothing rokso applied runs again: " + up.out());
        assertTrue(exists("online.website_user"));
        Result back = pum(null, concat(o, "rollback", plus(p, "--to", "0.0.0", "--yes")));
        assertEquals(0, back.exit(), back.out() + back.err());
        assertFalse(exists("online.website_user") || exists("offline.user_master"), back.out());
        assertEquals("0.0.0", db.queryValue(PUM_CURRENT));
        // rokso's project and table are untouched
        assertEquals(roksoTable, db.query("SELECT * FROM offline.rokso_db_version ORDER BY id").toString());
        assertEquals(roksoFiles, Files.readString(rokso.resolve("migration").resolve(m1)));
    }

    private static String[] concat(String[] a, String cmd, String... b) {
        List<String> all = new ArrayList<>(List.of(a));
        all.add(cmd);
        all.addAll(List.of(b));
        return all.toArray(new String[0]);
    }

    private static String[] plus(String[] a, String... b) {
        List<String> all = new ArrayList<>(List.of(a));
        all.addAll(List.of(b));
        return all.toArray(new String[0]);
    }
}
