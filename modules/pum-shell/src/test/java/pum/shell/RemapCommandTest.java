package pum.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static pum.shell.PumRun.pum;
import static pum.shell.PumRun.withInput;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import pum.testkit.PostgresExtension;
import pum.testkit.TestDatabase;

/**
 * {@code pum remap}, {@code pum check --fix} and {@code pum create --from-diff} as a user runs
 * them: files written, replayed, compared.
 */
@ExtendWith(PostgresExtension.class)
class RemapCommandTest {
    static final String SCHEMA = """
            CREATE SCHEMA app; CREATE SCHEMA other;
            CREATE TABLE app.t (id serial PRIMARY KEY, code text CHECK (code <> ''));
            CREATE VIEW app.v AS SELECT id, code FROM app.t;
            CREATE TABLE other.x (a int);
            """;

    @Test
    void remapWritesABaselineDeltaThatReplaysAndNeverOverwrites(TestDatabase source, TestDatabase replay, @TempDir Path dir)
            throws IOException {
        source.execute(SCHEMA);
        PumRun r = pum("remap", "-p", source.uri(), "-d", dir.toString());
        assertEquals(0, r.exit(), r.err());
        Path file = dir.resolve("delta_0.0.1_remap.sql");
        String sql = Files.readString(file);
        replay.execute(sql);
        PumRun check = pum("check", "-p1", source.uri(), "-p2", replay.uri());
        assertEquals(0, check.exit(), check.out() + sql);

        PumRun again = pum("remap", "-p", source.uri(), "-d", dir.toString());
        assertEquals(2, again.exit(), again.err());
        assertTrue(again.err().contains("exists already"), again.err());
        assertEquals(sql, Files.readString(file));

        PumRun one = pum("remap", "-p", source.uri(), "-d", dir.toString(), "-b", "1.2.0", "--schema", "app");
        assertEquals(0, one.exit(), one.err());
        String app = Files.readString(dir.resolve("delta_1.2.0_remap.sql"));
        assertTrue(app.contains("CREATE VIEW app.v") && !app.contains("other.x"), app);
    }

    @Test
    void remapGrantsWritesThePrivilegesOnlyWhenAsked(TestDatabase source, TestDatabase replay, @TempDir Path dir)
            throws IOException {
        source.execute(SCHEMA + "GRANT SELECT ON app.t TO PUBLIC; GRANT USAGE ON SCHEMA app TO PUBLIC;"
                + " REVOKE EXECUTE ON ALL FUNCTIONS IN SCHEMA app FROM PUBLIC;");
        PumRun without = pum("remap", "-p", source.uri(), "-d", dir.resolve("plain").toString());
        assertEquals(0, without.exit(), without.err());
        String plain = Files.readString(dir.resolve("plain/delta_0.0.1_remap.sql"));
        assertFalse(plain.contains("GRANT"), plain);

        PumRun r = pum("remap", "-p", source.uri(), "-d", dir.resolve("flat").toString(), "--grants");
        assertEquals(0, r.exit(), r.err());
        String sql = Files.readString(dir.resolve("flat/delta_0.0.1_remap.sql"));
        assertTrue(sql.contains("GRANT SELECT ON TABLE app.t TO PUBLIC"), sql);
        replay.execute(sql);
        assertEquals("t", replay.queryValue("SELECT has_table_privilege('public', 'app.t', 'SELECT')"));
        assertEquals("t", replay.queryValue("SELECT has_schema_privilege('public', 'app', 'USAGE')"));
        PumRun check = pum("check", "-p1", source.uri(), "-p2", replay.uri());
        assertEquals(0, check.exit(), check.out());

        // the tree: the privileges come last, in a file of their own at the top
        PumRun tree = pum("remap", "-p", source.uri(), "-d", dir.resolve("tree").toString(), "--layout", "tree", "--grants");
        assertEquals(0, tree.exit(), tree.err());
        List<Path> grants;
        try (Stream<Path> files = Files.list(dir.resolve("tree"))) {
            grants = files.filter(f -> f.getFileName().toString().endsWith("_grants.sql")).toList();
        }
        assertEquals(1, grants.size(), grants.toString());
        assertTrue(Files.readString(grants.get(0)).contains("GRANT SELECT ON TABLE app.t TO PUBLIC"));
    }

    @Test
    void checkFixWritesTheSqlThatMakesTheFirstMatchTheSecond(TestDatabase a, TestDatabase b, @TempDir Path dir) throws IOException {
        a.execute(SCHEMA);
        b.execute(SCHEMA.replace("code text", "code varchar(10)") + "CREATE INDEX t_code ON app.t (code);");
        Path fix = dir.resolve("fix.sql");
        PumRun r = pum("check", "-p1", a.uri(), "-p2", b.uri(), "--fix", fix.toString());
        assertEquals(1, r.exit(), r.err());
        assertTrue(r.out().contains("app.t.code: type text vs character varying(10)"), r.out());
        String sql = Files.readString(fix);
        assertTrue(sql.contains("--   REWRITES_TABLE (1 statement): rewrites the whole table"), sql);
        a.execute(sql);
        PumRun stdout = pum("check", "-p1", a.uri(), "-p2", b.uri(), "--fix", "-");
        assertEquals(0, stdout.exit(), stdout.out());
        assertTrue(stdout.out().contains("-- 0 statements"), stdout.out());
    }

    /** Cross-schema foreign keys both ways, a partitioned table, views on views, a materialized view with an index, comments. */
    static final String TREE_SCHEMA = """
            CREATE SCHEMA ref; CREATE SCHEMA app;
            CREATE TYPE app.mood AS ENUM ('sad', 'happy');
            CREATE DOMAIN app.posint AS integer CHECK (VALUE > 0);
            CREATE FUNCTION app.valid(t text) RETURNS boolean LANGUAGE sql IMMUTABLE AS $$SELECT length(t) > 0$$;
            CREATE FUNCTION app.touch() RETURNS trigger LANGUAGE plpgsql AS $$BEGIN RETURN NEW; END$$;
            CREATE TABLE ref.country (id serial PRIMARY KEY, code char(2) NOT NULL UNIQUE);
            CREATE SEQUENCE app.free_seq;
            CREATE TABLE app.customer (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                code text NOT NULL CHECK (app.valid(code)), country integer REFERENCES ref.country (id),
                mood app.mood DEFAULT 'happy', score app.posint, n integer DEFAULT nextval('app.free_seq'));
            ALTER TABLE ref.country ADD COLUMN best bigint REFERENCES app.customer (id);
            CREATE INDEX customer_code ON app.customer (lower(code));
            CREATE TRIGGER customer_touch BEFORE UPDATE ON app.customer FOR EACH ROW EXECUTE FUNCTION app.touch();
            CREATE TABLE app.event (id bigint NOT NULL, at date NOT NULL) PARTITION BY RANGE (at);
            ALTER TABLE app.event ADD PRIMARY KEY (id, at);
            CREATE TABLE app.event_2024 PARTITION OF app.event FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
            CREATE VIEW app.v_customer AS SELECT c.id, k.code FROM app.customer c JOIN ref.country k ON k.id = c.country;
            CREATE VIEW app.v_count AS SELECT code, count(*) AS n FROM app.v_customer GROUP BY code;
            CREATE MATERIALIZED VIEW app.m_events AS SELECT at, count(*) AS n FROM app.event GROUP BY at;
            CREATE UNIQUE INDEX m_events_at ON app.m_events (at);
            COMMENT ON SCHEMA app IS 'the application';
            COMMENT ON TABLE app.customer IS 'who buys';
            COMMENT ON COLUMN app.customer.code IS 'it''s a code';
            COMMENT ON CONSTRAINT customer_country_fkey ON app.customer IS 'where from';
            COMMENT ON VIEW app.v_count IS 'per country';
            """;
    static final String TABLE = "pum_sys.upgrades";

    @Test
    void remapTreeWritesAFilePerObjectThatUpgradeReplaysAndWritesTheSameFilesAgain(TestDatabase source, TestDatabase replay,
            TestDatabase byPsql, @TempDir Path dir) throws IOException {
        source.execute(TREE_SCHEMA);
        Path tree = dir.resolve("delta");
        PumRun r = pum("remap", "-p", source.uri(), "-d", tree.toString(), "--layout", "tree", "-t", TABLE);
        assertEquals(0, r.exit(), r.toString());
        // no terminal, no answer, no --yes: not recorded, and pum says how to
        assertTrue(r.err().contains("baseline not recorded; to record it later: pum baseline -p "), r.err());
        assertEquals("f", source.queryValue("SELECT to_regclass('pum_sys.upgrades') IS NOT NULL"));
        Map<String, String> files = files(tree);
        assertTrue(files.keySet().stream().anyMatch(f -> f.matches("app/200\\.tables/customer/delta_0\\.0\\.\\d+_table_customer\\.sql")), files.keySet()
                .toString());
        assertTrue(files.keySet().stream().anyMatch(f -> f.matches("app/200\\.tables/customer/delta_0\\.0\\.\\d+_foreign_keys_customer\\.sql")));
        assertTrue(files.keySet().stream().anyMatch(f -> f.matches("app/400\\.mat_views/m_events/delta_0\\.0\\.\\d+_mat_view_m_events\\.sql")));
        assertTrue(files.keySet().stream().anyMatch(f -> f.matches("app/delta_0\\.0\\.1_schema_app\\.sql")), files.keySet().toString());
        // a table's statements travel together: its CHECK, index, trigger and comments are in its file
        String customer = files.entrySet().stream().filter(e -> e.getKey().endsWith("_table_customer.sql")).findFirst().orElseThrow().getValue();
        assertTrue(customer.contains("CREATE TABLE app.customer") && customer.contains("CREATE INDEX customer_code")
                && customer.contains("CREATE TRIGGER customer_touch") && customer.contains("COMMENT ON TABLE app.customer"), customer);
        assertFalse(customer.contains("FOREIGN KEY"), customer);

        // pum upgrade of the tree builds an equal database
        Path config = dir.resolve("pum.yaml");
        Files.writeString(config, "layout: tree\nupgrades_table: " + TABLE + "\ndelta_dir: " + tree + "\n");
        assertEquals(0, pum("-c", config.toString(), "baseline", "-p", replay.uri(), "-b", "0.0.0").exit());
        PumRun up = pum("-c", config.toString(), "upgrade", "-p", replay.uri());
        assertEquals(0, up.exit(), up.toString());
        PumRun check = pum("check", "-p1", source.uri(), "-p2", replay.uri(), "-N", "pum_sys");
        assertEquals(0, check.exit(), check.out());

        // so does psql of the files in version order
        List<String> order = new ArrayList<>(files.keySet());
        order.sort(Comparator.comparing(RemapCommandTest::patch));
        for (String f : order) {
            byPsql.execute(files.get(f));
        }
        assertEquals(0, pum("check", "-p1", source.uri(), "-p2", byPsql.uri()).exit());

        // stable: the same names and bytes again; the existing tree is never overwritten
        Path again = dir.resolve("again");
        assertEquals(0, pum("remap", "-p", source.uri(), "-d", again.toString(), "--layout", "tree").exit());
        assertEquals(files, files(again));
        PumRun over = pum("remap", "-p", source.uri(), "-d", tree.toString(), "--layout", "tree");
        assertEquals(2, over.exit(), over.toString());
        assertTrue(over.err().contains("remap never overwrites a file; nothing was written"), over.err());
        assertEquals(files, files(tree));
    }

    @Test
    void remapRecordsTheBaselineOnlyWhenConfirmedAndNeverOverRows(TestDatabase source, @TempDir Path dir) throws IOException {
        source.execute(SCHEMA);
        // piped "n": not recorded
        PumRun no = withInput("n\n", "remap", "-p", source.uri(), "-d", dir.resolve("a").toString(), "-t", TABLE);
        assertEquals(0, no.exit(), no.toString());
        assertTrue(no.err().contains("Record baseline 0.0.2 in " + TABLE) && no.err().contains("baseline not recorded"), no.err());
        assertEquals("f", source.queryValue("SELECT to_regclass('pum_sys.upgrades') IS NOT NULL"));

        // --yes: recorded, the version after the last file, so nothing remap wrote is pending there
        Path tree = dir.resolve("b");
        PumRun yes = pum("remap", "-p", source.uri(), "-d", tree.toString(), "--layout", "tree", "-t", TABLE, "--yes");
        assertEquals(0, yes.exit(), yes.toString());
        long n = files(tree).size();
        String baseline = "0.0." + (n + 1);
        assertTrue(yes.out().contains("baseline " + baseline + " recorded in " + TABLE), yes.out());
        assertEquals(baseline, source.queryValue("SELECT version FROM pum_sys.upgrades WHERE type = 0"));
        Path config = dir.resolve("pum.yaml");
        Files.writeString(config, "layout: tree\nupgrades_table: " + TABLE + "\ndelta_dir: " + tree + "\n");
        PumRun up = pum("-c", config.toString(), "upgrade", "-p", source.uri(), "--dry-run");
        assertEquals(0, up.exit(), up.toString());
        assertFalse(up.all().contains("delta_0.0."), up.toString());

        // the table holds rows now: refused with --yes (exit 5), the files are kept; without --yes only said
        PumRun refused = pum("remap", "-p", source.uri(), "-d", dir.resolve("c").toString(), "-t", TABLE, "--yes");
        assertEquals(5, refused.exit(), refused.toString());
        assertTrue(refused.err().contains(TABLE + " already holds 1 row") && refused.err().contains("the files are kept"), refused.err());
        assertTrue(Files.exists(dir.resolve("c/delta_0.0.1_remap.sql")));
        PumRun said = withInput("y\n", "remap", "-p", source.uri(), "-d", dir.resolve("d").toString(), "-t", TABLE);
        assertEquals(0, said.exit(), said.toString());
        assertTrue(said.err().contains("already holds 1 row"), said.err());
        // the upgrades table is no part of what remap writes
        assertFalse(Files.readString(dir.resolve("d/delta_0.0.1_remap.sql")).contains("pum_sys"));
        assertEquals("1", source.queryValue("SELECT count(*) FROM pum_sys.upgrades"));
    }

    @Test
    void checkFixAsJsonListsTheScriptsStatementsWithTheirHazards(TestDatabase a, TestDatabase b, @TempDir Path dir) throws IOException {
        a.execute(SCHEMA);
        b.execute(SCHEMA.replace("code text", "code varchar(10)") + "CREATE INDEX t_code ON app.t (code); ALTER TABLE other.x DROP COLUMN a;");
        Path sqlFile = dir.resolve("fix.sql");
        Path jsonFile = dir.resolve("fix.json");
        assertEquals(1, pum("check", "-p1", a.uri(), "-p2", b.uri(), "--fix", sqlFile.toString()).exit());
        PumRun r = pum("check", "-p1", a.uri(), "-p2", b.uri(), "--fix", jsonFile.toString(), "--format", "json");
        assertEquals(1, r.exit(), r.toString());
        assertTrue(r.out().startsWith("{\"format\": \"pum-check\""), r.out());
        String sql = Files.readString(sqlFile);
        JsonNode fix = new ObjectMapper().readTree(Files.readString(jsonFile));
        assertEquals("pum-fix", fix.get("format").asText());
        assertEquals(1, fix.get("version").asInt());
        // the statements of the script, in its order, with the hazards the script names beside them
        int at = 0;
        for (JsonNode s : fix.get("statements")) {
            List<String> names = new ArrayList<>();
            s.get("hazards").forEach(h -> names.add(h.get("name").asText()));
            String expected = (names.isEmpty() ? "" : "-- hazards: " + String.join(", ", names) + "\n") + s.get("sql").asText() + "\n";
            int found = sql.indexOf(expected, at);
            assertTrue(found >= at, "not in the script in order: " + expected + "\n" + sql);
            at = found + expected.length();
        }
        assertEquals(fix.get("count").asInt(), fix.get("statements").size());
        // the summary counts what the script's heading counts
        Matcher m = Pattern.compile("--   (\\w+) \\((\\d+) statements?\\): (.*)").matcher(sql);
        Map<String, String> heading = new LinkedHashMap<>();
        while (m.find()) {
            heading.put(m.group(1), m.group(2) + " " + m.group(3));
        }
        Map<String, String> summary = new LinkedHashMap<>();
        fix.get("hazards").forEach(h -> summary.put(h.get("name").asText(), h.get("statements").asInt() + " " + h.get("description").asText()));
        assertEquals(heading, summary);
        assertTrue(summary.containsKey("DELETES_DATA") && summary.containsKey("REWRITES_TABLE"), summary.toString());

        // applied statement by statement, after the preamble, the JSON's SQL makes A match B
        StringBuilder replay = new StringBuilder();
        fix.get("preamble").forEach(p -> replay.append(p.asText()).append('\n'));
        fix.get("statements").forEach(s -> replay.append(s.get("sql").asText()).append('\n'));
        a.execute(replay.toString());
        assertEquals(0, pum("check", "-p1", a.uri(), "-p2", b.uri()).exit());
        PumRun empty = pum("check", "-p1", a.uri(), "-p2", b.uri(), "--fix", "-", "--format", "json");
        assertEquals(0, empty.exit(), empty.toString());
        assertEquals(0, new ObjectMapper().readTree(empty.out()).get("statements").size());
    }

    @Test
    void createFromDiffSavesTheFixAsTheNextDeltaThatUpgradeApplies(TestDatabase a, TestDatabase b, TestDatabase original,
            @TempDir Path dir) throws IOException {
        a.execute(SCHEMA);
        original.execute(SCHEMA);
        b.execute(SCHEMA.replace("code text", "code varchar(10)") + "CREATE INDEX t_code ON app.t (code);");
        Path delta = dir.resolve("delta");
        Files.createDirectories(delta);
        Files.writeString(delta.resolve("delta_1.0.0_init.sql"), "SELECT 1;\n");
        PumRun r = pum("create", "--from-diff", "-p1", a.uri(), "-p2", b.uri(), "widen_code", "-d", delta.toString());
        assertEquals(0, r.exit(), r.toString());
        Path file = delta.resolve("delta_1.0.1_widen_code.sql");
        assertTrue(r.out().contains(file.toString()), r.out());
        String sql = Files.readString(file);
        assertTrue(sql.contains("-- hazards: REWRITES_TABLE, ACCESS_EXCLUSIVE_LOCK\nALTER TABLE app.t ALTER COLUMN code TYPE"), sql);
        assertTrue(Files.readString(delta.resolve("delta_1.0.1_widen_code.rollback.sql")).contains("DROP INDEX app.t_code;"));
        // never run: A is unchanged until pum upgrade applies the delta
        assertEquals(1, pum("check", "-p1", a.uri(), "-p2", b.uri(), "-s").exit());
        assertEquals(0, pum("baseline", "-p", a.uri(), "-t", TABLE, "-b", "1.0.0").exit());
        PumRun up = pum("upgrade", "-p", a.uri(), "-t", TABLE, "-d", delta.toString());
        assertEquals(0, up.exit(), up.toString());
        assertEquals(0, pum("check", "-p1", a.uri(), "-p2", b.uri(), "-N", "pum_sys").exit());
        // the rollback companion brings A back
        PumRun back = pum("rollback", "-p", a.uri(), "-t", TABLE, "-d", delta.toString(), "--to", "1.0.0", "--yes");
        assertEquals(0, back.exit(), back.toString());
        assertEquals(0, pum("check", "-p1", a.uri(), "-p2", original.uri(), "-N", "pum_sys").exit());

        // equal databases: nothing written, exit 0
        PumRun equal = pum("create", "--from-diff", "-p1", b.uri(), "-p2", b.uri(), "-d", delta.toString());
        assertEquals(0, equal.exit(), equal.toString());
        assertTrue(equal.out().contains("the databases are equal; nothing written"), equal.out());
        try (Stream<Path> s = Files.list(delta)) {
            assertEquals(3, s.count());
        }
        PumRun missing = pum("create", "--from-diff", "-p1", a.uri(), "-d", delta.toString());
        assertEquals(2, missing.exit(), missing.toString());
        assertTrue(missing.err().contains("-p2"), missing.err());
    }

    /** Every file under a directory: relative path to content. */
    static Map<String, String> files(Path root) throws IOException {
        Map<String, String> out = new LinkedHashMap<>();
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.filter(Files::isRegularFile).sorted().toList()) {
                out.put(root.relativize(p).toString(), Files.readString(p));
            }
        }
        return out;
    }

    /** The patch number of a delta file's version (remap's tree numbers 0.0.1, 0.0.2, ...). */
    static int patch(String path) {
        Matcher m = Pattern.compile("delta_0\\.0\\.(\\d+)_").matcher(path);
        if (!m.find()) {
            throw new AssertionError(path);
        }
        return Integer.parseInt(m.group(1));
    }
}
