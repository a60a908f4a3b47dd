package pum.shell;

import static pum.shell.PumRun.pum;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import pum.testkit.PostgresExtension;
import pum.testkit.TestDatabase;

/** {@code pum check} as a user runs it: arguments in, report and exit code out. */
@ExtendWith(PostgresExtension.class)
class CheckCommandTest {

    /** Output of one run. */


    static PumRun check(TestDatabase a, TestDatabase b, String... more) {
        List<String> args = new ArrayList<>(List.of("check", "-p1", a.uri(), "-p2", b.uri()));
        args.addAll(List.of(more));
        return pum(args.toArray(String[]::new));
    }

    @Test
    void equalDatabasesExitZero(TestDatabase a, TestDatabase b) {
        a.execute("CREATE TABLE t (a int); CREATE INDEX i ON t (a)");
        b.execute("CREATE TABLE t (a int); CREATE INDEX i ON t (a)");
        PumRun r = check(a, b);
        assertEquals(0, r.exit(), r.err());
        assertEquals("no differences\n", r.out());
    }

    @Test
    void differencesAreGroupedByKindAndExitOne(TestDatabase a, TestDatabase b) {
        a.execute("CREATE SCHEMA qwat_od; CREATE TABLE qwat_od.pipe (id int, diameter integer); CREATE TABLE qwat_od.old (a int)");
        b.execute("CREATE SCHEMA qwat_od; CREATE TABLE qwat_od.pipe (id int, diameter bigint); CREATE TABLE qwat_od.valve (a int)");
        PumRun r = check(a, b);
        assertEquals(1, r.exit(), r.err());
        assertTrue(r.out().contains("""
                tables (2)
                  - qwat_od.old: only in first
                  + qwat_od.valve: only in second
                columns (3)
                  - qwat_od.old.a: only in first
                  ~ qwat_od.pipe.diameter: type integer vs bigint
                  + qwat_od.valve.a: only in second
                5 differences
                """), r.out());
        assertTrue(r.out().startsWith("first:  " + a.uri()), r.out());
    }

    @Test
    void ignoreElementsFromOptionAndConfigFile(TestDatabase a, TestDatabase b, @TempDir Path dir) throws IOException {
        a.execute("CREATE TABLE t (a int); CREATE VIEW v AS SELECT a FROM t WHERE a > 1");
        b.execute("CREATE TABLE t (a bigint); CREATE VIEW v AS SELECT a FROM t WHERE a > 2");
        assertEquals(1, check(a, b, "-i", "columns").exit());
        assertEquals(0, check(a, b, "-i", "columns", "views").exit());
        Path config = dir.resolve("pum.yaml");
        Files.writeString(config, "ignore_elements:\n  - views\n");
        List<String> args = new ArrayList<>(List.of("-c", config.toString(), "check", "-p1", a.uri(), "-p2", b.uri(), "-i", "columns"));
        PumRun r = pum(args.toArray(String[]::new));
        assertEquals(0, r.exit(), r.out() + r.err());
        Files.writeString(config, "ignore_elements:\n  - viewz\n");
        PumRun bad = pum("-c", config.toString(), "check", "-p1", a.uri(), "-p2", b.uri());
        assertEquals(3, bad.exit(), bad.err());
        assertTrue(bad.err().contains("unknown element kind 'viewz' in ignore_elements in the config file"), bad.err());
    }

    @Test
    void excludedSchemasAndFieldPatterns(TestDatabase a, TestDatabase b) {
        a.execute("CREATE SCHEMA audit; CREATE TABLE audit.log (a int); CREATE TABLE t (a int DEFAULT 1)");
        b.execute("CREATE SCHEMA audit; CREATE TABLE audit.log (a text); CREATE TABLE t (a int DEFAULT 2)");
        assertEquals(1, check(a, b, "-N", "audit").exit());
        PumRun r = check(a, b, "-N", "audit", "--ignore-value-pattern", "1", "-v", "2");
        assertEquals(0, r.exit(), r.out());
    }

    @Test
    void excludeFieldPatternLeavesOutColumnsByNameAsPumDid(TestDatabase a, TestDatabase b) {
        // a data model's user-added fields (QGEP: usr_...), as PUM's own test upgrades with -P 'usr_%'
        a.execute("CREATE TABLE t (a int, usr_note text); COMMENT ON COLUMN t.usr_note IS 'added by the user'");
        b.execute("CREATE TABLE t (a int)");
        assertEquals(1, check(a, b).exit());
        PumRun r = check(a, b, "--exclude-field-pattern", "usr_%");
        assertEquals(0, r.exit(), r.out());
        PumRun p = check(a, b, "-P", "usr_%", "-P", "other_%");
        assertEquals(0, p.exit(), p.out());
    }

    @Test
    void aMissingCommentReadsAsAComment(TestDatabase a, TestDatabase b) {
        a.execute("CREATE TABLE t (a int CONSTRAINT positive CHECK (a > 0)); COMMENT ON CONSTRAINT positive ON t IS 'checked'");
        b.execute("CREATE TABLE t (a int CONSTRAINT positive CHECK (a > 0))");
        PumRun r = check(a, b);
        assertEquals(1, r.exit(), r.out());
        assertTrue(r.out().contains("comments (1)\n  - comment on constraint public.t.positive: only in first\n"), r.out());
        PumRun json = check(a, b, "--format", "json");
        assertTrue(json.out().contains("\"comment_on\": {\"kind\": \"constraint\", \"object\": \"public.t.positive\"}"), json.out());
    }

    @Test
    void jsonOutputFileSilentAndVerbosity(TestDatabase a, TestDatabase b, @TempDir Path dir) throws IOException {
        a.execute("CREATE TABLE t (a int)");
        b.execute("CREATE TABLE t (a bigint, \"B\" text)");
        PumRun json = check(a, b, "--format", "json");
        assertEquals(1, json.exit());
        assertEquals("""
                {"format": "pum-check", "version": 1, "equal": false, "count": 2, "differences": [
                  {"kind": "columns", "object": "public.t.\\"B\\"", "change": "only in second", "field": null, "first": null, "second": null, "comment_on": null},
                  {"kind": "columns", "object": "public.t.a", "change": "changed", "field": "type", "first": "integer", "second": "bigint", "comment_on": null}
                ]}
                """, json.out());

        Path file = dir.resolve("report.txt");
        PumRun toFile = check(a, b, "-o", file.toString());
        assertEquals(1, toFile.exit());
        assertEquals("", toFile.out());
        assertTrue(Files.readString(file).contains("~ public.t.a: type integer vs bigint"));

        PumRun silent = check(a, b, "-s");
        assertEquals(1, silent.exit());
        assertEquals("", silent.out());

        PumRun counts = check(a, b, "-v", "0");
        assertEquals("columns (2)\n2 differences\n", counts.out());
    }

    @Test
    void errorsHaveTheirOwnExitCodes(TestDatabase a) {
        PumRun badKind = check(a, a, "-i", "tabels");
        assertEquals(2, badKind.exit());
        assertTrue(badKind.err().contains("unknown element kind 'tabels'"), badKind.err());
        assertTrue(badKind.err().contains("tables, columns, constraints"), badKind.err());

        PumRun badLevel = check(a, a, "-v", "3");
        assertEquals(2, badLevel.exit());

        PumRun missing = pum("check", "-p1", a.uri());
        assertEquals(2, missing.exit());

        PumRun unreachable = pum("check", "-p1", a.uri(), "-p2", "postgresql://nobody@127.0.0.1:1/none");
        assertEquals(4, unreachable.exit(), unreachable.err());
        assertTrue(unreachable.err().startsWith("pum: error: "), unreachable.err());
    }
}
