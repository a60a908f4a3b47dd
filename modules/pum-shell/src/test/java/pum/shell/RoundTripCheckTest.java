package pum.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import pum.testkit.TestDatabase;
import pum.testkit.TestServer;

/**
 * After {@code pum dump} and {@code pum restore}, {@code pum check} finds the copy equal to the
 * original, although PostgreSQL prints some expressions of the copy differently; and a real
 * difference in such an expression is still reported. PostgreSQL 15 (the installed pg_dump).
 */
class RoundTripCheckTest {
    /** Constructs whose text the server reprints differently after a reparse. */
    static final String MODEL = """
            CREATE SCHEMA app;
            CREATE TYPE app.kind AS ENUM ('a', 'b');
            CREATE TABLE app.field (
              id serial PRIMARY KEY,
              type regtype NOT NULL CHECK (type::oid = ANY (ARRAY['integer'::regtype, 'text'::regtype]::oid[])),
              kinds app.kind[] DEFAULT ARRAY['a', 'b']::app.kind[],
              code varchar(10) DEFAULT 'x'::varchar CHECK (code::text = ANY (ARRAY['x', 'y']::varchar[]::text[])),
              n numeric DEFAULT (1)::numeric(10,2),
              twice numeric GENERATED ALWAYS AS (n * 2::numeric(5,1)) STORED);
            CREATE INDEX field_code_idx ON app.field (code) WHERE code::text = ANY (ARRAY['x', 'y']::varchar[]::text[]);
            CREATE VIEW app.xy AS SELECT id, code FROM app.field WHERE code::text = ANY (ARRAY['x', 'y']::varchar[]::text[]);
            INSERT INTO app.field (type, code) VALUES ('integer', 'x');
            """;

    @TempDir
    Path dir;
    final List<TestDatabase> made = new ArrayList<>();

    TestDatabase db() {
        TestDatabase d = TestServer.forMajor(15).createDatabase();
        made.add(d);
        return d;
    }

    @AfterEach
    void drop() {
        made.forEach(d -> d.server().dropDatabase(d.name()));
    }

    @Test
    void aDumpRestoreRoundTripComparesEqual() {
        TestDatabase original = db();
        original.execute(MODEL);
        TestDatabase copy = db();
        Path file = dir.resolve("rt.backup");
        assertEquals(0, PumRun.pum("dump", "-p", original.uri(), file.toString()).exit());
        PumRun restore = PumRun.pum("restore", "-p", copy.uri(), file.toString());
        assertEquals(0, restore.exit(), restore.toString());
        PumRun check = PumRun.pum("check", "-p1", original.uri(), "-p2", copy.uri());
        assertEquals(0, check.exit(), check.toString());
        PumRun back = PumRun.pum("check", "-p1", copy.uri(), "-p2", original.uri());
        assertEquals(0, back.exit(), back.toString());
    }

    @Test
    void aRealDifferenceInSuchAnExpressionIsReported() {
        TestDatabase a = db();
        a.execute(MODEL);
        TestDatabase b = db();
        b.execute(MODEL.replace("ARRAY['integer'::regtype, 'text'::regtype]", "ARRAY['integer'::regtype, 'bigint'::regtype]")
                .replace("WHERE code::text = ANY (ARRAY['x', 'y']::varchar[]::text[]);\nCREATE VIEW",
                        "WHERE code::text = ANY (ARRAY['x', 'z']::varchar[]::text[]);\nCREATE VIEW"));
        PumRun check = PumRun.pum("check", "-p1", a.uri(), "-p2", b.uri());
        assertEquals(1, check.exit(), check.toString());
        assertTrue(check.out().contains("app.field.field_type_check"), check.out());
        assertTrue(check.out().contains("app.field_code_idx"), check.out());
    }

    @Test
    void checkLeavesNothingBehindOnTheServer() {
        TestDatabase a = db();
        a.execute(MODEL);
        TestDatabase b = db();
        b.execute(MODEL.replace("'x'::varchar", "'x'::text"));
        PumRun check = PumRun.pum("check", "-p1", a.uri(), "-p2", b.uri());
        assertEquals(1, check.exit(), check.toString());
        assertEquals("0", b.queryValue("SELECT count(*) FROM pg_class WHERE relname LIKE 'pum_reprint%'"));
        assertEquals("0", b.queryValue("SELECT count(*) FROM pg_proc WHERE proname = 'pum_reprint'"));
    }
}
