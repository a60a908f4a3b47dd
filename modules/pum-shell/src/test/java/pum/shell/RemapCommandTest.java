package pum.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static pum.shell.PumRun.pum;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import pum.testkit.PostgresExtension;
import pum.testkit.TestDatabase;

/** {@code pum remap} and {@code pum check --fix} as a user runs them: files written, replayed, compared. */
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
}
