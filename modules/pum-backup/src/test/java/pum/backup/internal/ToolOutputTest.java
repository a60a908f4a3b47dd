package pum.backup.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Reading pg_dump's and pg_restore's messages, as PostgreSQL 15 prints them. */
class ToolOutputTest {

    @Test
    void versionsOfToolsAndServers() {
        PgVersion v = PgVersion.parseToolOutput("pg_dump (PostgreSQL) 15.18 (Debian 15.18-0+deb12u1)");
        assertEquals(15, v.major());
        assertEquals(18, v.minor());
        assertEquals("15.18", v.shortText());
        assertEquals(17, PgVersion.parseToolOutput("pg_restore (PostgreSQL) 17devel").major());
        assertEquals(9, PgVersion.parseToolOutput("pg_dump (PostgreSQL) 9.6.24").major());
        assertNull(PgVersion.parseToolOutput("bash: pg_dump: command not found"));
        assertEquals("17.2", PgVersion.fromServerVersionNum(170002).text());
        assertEquals(17, PgVersion.fromServerVersionNum(170002).major());
        assertEquals("9.6.24", PgVersion.fromServerVersionNum(90624).text());
    }

    @Test
    void dumpProgressAndErrors() {
        ToolOutput out = ToolOutput.dump();
        for (String l : List.of("pg_dump: last built-in OID is 16383", "pg_dump: reading extensions",
                "pg_dump: dumping contents of table \"a.t\"", "pg_dump: dumping contents of table \"b.u\"",
                "pg_dump: error: query failed: ERROR:  permission denied for table u",
                "pg_dump: detail: Query was: COPY b.u (i) TO stdout;")) {
            out.accept(l);
        }
        assertEquals(2, out.done());
        assertEquals("table \"b.u\"", out.current());
        assertEquals(List.of("pg_dump: error: query failed: ERROR:  permission denied for table u",
                "pg_dump: detail: Query was: COPY b.u (i) TO stdout;"), out.kept());
    }

    @Test
    void restoreProgressAndStatementErrors() {
        ToolOutput out = ToolOutput.restore();
        for (String l : """
                pg_restore: connecting to database for restore
                pg_restore: creating SCHEMA "a"
                pg_restore: while PROCESSING TOC:
                pg_restore: from TOC entry 6; 2615 16385 SCHEMA a postgres
                pg_restore: error: could not execute query: ERROR:  schema "a" already exists
                Command was: CREATE SCHEMA a;


                pg_restore: creating TABLE "a.t"
                pg_restore: processing data for table "a.t"
                pg_restore: creating CONSTRAINT "a.t t_pkey"
                pg_restore: warning: errors ignored on restore: 1
                """.lines().toList()) {
            out.accept(l);
        }
        assertEquals(4, out.done());
        assertEquals(1, out.ignoredCount());
        assertEquals(List.of("schema \"a\" already exists (CREATE SCHEMA a;)"), out.errors());
        assertEquals(List.of("pg_restore: while PROCESSING TOC:", "pg_restore: from TOC entry 6; 2615 16385 SCHEMA a postgres",
                "pg_restore: error: could not execute query: ERROR:  schema \"a\" already exists", "Command was: CREATE SCHEMA a;"),
                out.kept());
    }

    @Test
    void fatalRestoreErrorHasNoIgnoredCount() {
        ToolOutput out = ToolOutput.restore();
        out.accept("pg_restore: error: connection to server at \"localhost\" (127.0.0.1), port 1 failed: Connection refused");
        assertEquals(-1, out.ignoredCount());
        assertEquals(1, out.kept().size());
    }

    @Test
    void passwordFileEscapesSeparators() {
        assertEquals("a\\:b\\\\c", TempPgPass.escape("a:b\\c"));
    }
}
