package pum.delta;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.postgresql.PGConnection;
import pum.delta.internal.DeltaText;
import pum.delta.internal.SourceError;
import pum.delta.internal.SqlSplitter;
import pum.delta.internal.SqlStatement;
import pum.testkit.PostgresExtension;
import pum.testkit.TestDatabase;

/**
 * Each case is a delta file, a query over what it creates, and that query's expected answer.
 * pum's split is run statement by statement on the server (each must be accepted alone, and
 * the objects and rows must be those the file means); where psql is installed, psql runs the
 * same file on a sibling database and must send exactly the same statements and give the same
 * answer.
 */
@ExtendWith(PostgresExtension.class)
class SplitAgainstServerTest {
    private static Path copySource;

    @TempDir
    Path tmp;

    @BeforeAll
    static void serverReadableFile() throws IOException {
        // COPY FROM 'file' is read by the server process, which may run as another user
        copySource = Files.createTempFile("pum-copy-source", ".tsv");
        Files.writeString(copySource, "1\tfrom;file\n2\tsecond\n");
        Files.setPosixFilePermissions(copySource, PosixFilePermissions.fromString("rw-r--r--"));
    }

    @AfterAll
    static void removeFile() throws IOException {
        Files.deleteIfExists(copySource);
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("a parameter named begin",
                        "CREATE FUNCTION f(begin date) RETURNS date LANGUAGE sql AS 'SELECT begin + 1';\n"
                                + "CREATE TABLE after_f (x int);\n"
                                + "INSERT INTO after_f VALUES (1);\n",
                        "SELECT f('2020-01-01')::text || ',' || (SELECT count(*) FROM after_f)", "2020-01-02,1"),
                Arguments.of("BEGIN ATOMIC bodies with CASE",
                        "CREATE TABLE log (x int);\n"
                                + "CREATE FUNCTION sign_of(x int) RETURNS text LANGUAGE sql\n"
                                + "BEGIN ATOMIC\n"
                                + "  INSERT INTO log VALUES (x);\n"
                                + "  SELECT CASE WHEN x > 0 THEN 'pos' WHEN x < 0 THEN 'neg' ELSE 'zero' END;\n"
                                + "END;\n"
                                + "create or replace procedure p(n int) language sql\n"
                                + "begin atomic\n"
                                + "  insert into log values (n);\n"
                                + "  insert into log values (n * 10);\n"
                                + "end;\n"
                                + "CALL p(2);\n"
                                + "CREATE TABLE signs AS SELECT sign_of(-5) AS s;\n",
                        "SELECT (SELECT s FROM signs) || ':' || string_agg(x::text, ',' ORDER BY x) FROM log", "neg:-5,2,20"),
                Arguments.of("CASE in an SQL function without BEGIN",
                        "CREATE FUNCTION grade(n int) RETURNS text LANGUAGE sql IMMUTABLE\n"
                                + "RETURN CASE WHEN n >= 10 THEN 'high' ELSE 'low' END;\n"
                                + "CREATE TABLE g AS SELECT grade(12) AS a, grade(1) AS b;\n",
                        "SELECT a || ',' || b FROM g", "high,low"),
                Arguments.of("nested comments and tagged dollar quotes",
                        "/* outer /* inner; */ still a comment; */\n"
                                + "CREATE FUNCTION dq() RETURNS text LANGUAGE plpgsql AS $body$\n"
                                + "BEGIN\n"
                                + "  RETURN $x$a;b$x$ || $$c;$$;\n"
                                + "END\n"
                                + "$body$;\n"
                                + "/* before */ CREATE TABLE dq_t AS SELECT dq() AS v; -- after; \n",
                        "SELECT v FROM dq_t", "a;bc;"),
                Arguments.of("escape strings and quoted identifiers",
                        "CREATE TABLE \"we;ird\"\"t\" (\"a;b\" text);\n"
                                + "INSERT INTO \"we;ird\"\"t\" VALUES (E'it\\'s; fine'), ('std\\');\n"
                                + "INSERT INTO \"we;ird\"\"t\" VALUES (E'line1;'\n"
                                + "   'still'';'' continued');\n",
                        "SELECT string_agg(v, '|') FROM (SELECT \"a;b\" AS v FROM \"we;ird\"\"t\" ORDER BY \"a;b\" COLLATE \"C\") s",
                        "it's; fine|line1;still';' continued|std\\"),
                Arguments.of("$1 parameters",
                        "PREPARE q(int, int) AS SELECT $1 + $2 AS s;\n"
                                + "CREATE FUNCTION add1(int) RETURNS int LANGUAGE sql AS 'SELECT $1 + 1';\n"
                                + "CREATE TABLE p AS SELECT add1(41) AS v;\n"
                                + "CREATE TABLE p2 AS EXECUTE q(1, 2);\n",
                        "SELECT v || ',' || (SELECT s FROM p2) FROM p", "42,3"),
                Arguments.of("COPY FROM stdin with ; and backslash escapes",
                        "CREATE TABLE c (id int, t text);\n"
                                + "COPY public.c (id, t) FROM stdin;\n"
                                + "1\tsemi;colon\n"
                                + "2\tback\\\\slash\n"
                                + "3\ttab\\there\n"
                                + "4\t\\N\n"
                                + "\\.\n"
                                + "CREATE TABLE after_copy AS SELECT count(*) AS n FROM c;\n",
                        "SELECT (SELECT n FROM after_copy) || ':' || string_agg(id || '=' || coalesce(t, 'NULL'), '|' ORDER BY id) FROM c",
                        "4:1=semi;colon|2=back\\slash|3=tab\there|4=NULL"),
                Arguments.of("COPY FROM a server file",
                        "CREATE TABLE cf (id int, t text);\n"
                                + "COPY cf FROM '{copy-source}';\n",
                        "SELECT count(*) || ':' || string_agg(t, '|' ORDER BY id) FROM cf", "2:from;file|second"),
                Arguments.of("no semicolon at the end of the file",
                        "CREATE TABLE e (x int);\nINSERT INTO e VALUES (1), (2)",
                        "SELECT count(*) FROM e", "2"),
                Arguments.of("CRLF line endings",
                        "CREATE TABLE r (a int, b text);\r\n"
                                + "COPY r FROM stdin;\r\n"
                                + "1\tx\r\n"
                                + "2\ty\r\n"
                                + "\\.\r\n"
                                + "CREATE FUNCTION rf() RETURNS bigint LANGUAGE sql\r\n"
                                + "BEGIN ATOMIC\r\n"
                                + "  SELECT count(*) FROM r;\r\n"
                                + "END;\r\n"
                                + "-- the end\r\n",
                        "SELECT rf() || ':' || string_agg(b, ',' ORDER BY a) FROM r", "2:x,y"));
    }

    private Path write(String name, String content) throws IOException {
        Path f = tmp.resolve(name.replaceAll("[^A-Za-z0-9]+", "_") + ".sql");
        Files.writeString(f, content.replace("{copy-source}", copySource.toString()), StandardCharsets.UTF_8);
        return f;
    }

    /** Splits the file with pum and runs each statement alone, COPY data through pgjdbc's CopyManager. */
    private static List<String> runWithPum(Path file, TestDatabase db) throws IOException, SQLException {
        List<String> sent = new ArrayList<>();
        try (Reader r = DeltaText.open(file, StandardCharsets.UTF_8); Connection c = db.connect(); Statement st = c.createStatement()) {
            // pgjdbc's JDBC-escape rewriting ({fn ...}) has its own lexer, which does not know that an
            // E'..' string continues on a later line: without this it rejects case 5 that the server accepts
            st.setEscapeProcessing(false);
            SqlSplitter splitter = new SqlSplitter(r);
            for (SqlStatement s = splitter.next(); s != null; s = splitter.next()) {
                sent.add(s.sql());
                try {
                    if (s.copyFromStdin()) {
                        c.unwrap(PGConnection.class).getCopyAPI().copyIn(s.sql(), splitter.copyData());
                    } else {
                        st.execute(s.sql());
                    }
                } catch (SQLException e) {
                    fail("the server refused statement " + sent.size() + " (line " + s.line() + "): " + e.getMessage() + "\n" + s.sql());
                }
            }
        }
        return sent;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void theServerAcceptsEachStatementAndGetsWhatTheFileMeans(String name, String content, String check, String expected, TestDatabase db)
            throws IOException, SQLException {
        runWithPum(write(name, content), db);
        assertEquals(expected, db.queryValue(check));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void psqlSendsTheSameStatements(String name, String content, String check, String expected, TestDatabase db)
            throws IOException, SQLException, InterruptedException {
        Path psql = onPath("psql");
        Assumptions.assumeTrue(psql != null, "psql is not on PATH: the comparison with psql is skipped (the server checks still run)");
        Path file = write(name, content);
        List<String> pum = runWithPum(file, db).stream().map(SplitAgainstServerTest::normalize).toList();
        TestDatabase sibling = db.server().createDatabase();
        try {
            assertEquals(pum, runPsql(psql, file, sibling, true));
            assertEquals(expected, sibling.queryValue(check));
        } finally {
            db.server().dropDatabase(sibling.name());
        }
    }

    @org.junit.jupiter.api.Test
    void serverErrorPositionsMapToFileLineAndColumn(TestDatabase db) throws SourceError {
        List<SqlStatement> s = SqlSplitter.split("SELECT 1;\n\n  SELECT 'é\uD83D\uDE00',\r\n    nope;\n");
        SqlStatement bad = s.get(1);
        try (Connection c = db.connect(); Statement st = c.createStatement()) {
            st.execute(bad.sql());
            fail("the server accepted " + bad.sql());
        } catch (SQLException e) {
            int position = ((org.postgresql.util.PSQLException) e).getServerErrorMessage().getPosition();
            // the server counts characters (code points), one-based
            org.junit.jupiter.api.Assertions.assertArrayEquals(new int[] {4, 5}, bad.lineColumnOf(position - 1), e.getMessage());
        }
    }

    /**
     * Files where psql's rules give surprising splits, or the server refuses statements: only the
     * split is compared (psql goes on after errors here), so pum agrees with psql even where
     * psql's heuristic is wrong.
     */
    static Stream<Arguments> oddFiles() {
        return Stream.of(
                Arguments.of("a function named begin glues statements up to an end",
                        "CREATE FUNCTION begin() RETURNS int LANGUAGE sql AS 'SELECT 1';\nSELECT 2;\nSELECT 3 END;\nSELECT 4;\n"),
                Arguments.of("comments between CREATE OR REPLACE FUNCTION",
                        "CREATE /* c */ OR -- x\n REPLACE FUNCTION f() RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT 1; END;\nSELECT 2;\n"),
                Arguments.of("case and end inside parentheses of a block",
                        "CREATE PROCEDURE p() LANGUAGE sql BEGIN ATOMIC SELECT (CASE WHEN true THEN 1 END); SELECT (1); END;\nSELECT 2;\n"),
                Arguments.of("case outside a block", "CREATE FUNCTION f() RETURNS int LANGUAGE sql RETURN CASE WHEN true THEN 1 END;\nSELECT 2;\n"),
                Arguments.of("begin in other statements", "CREATE TABLE b (begin int, \"end\" int);\nSELECT begin FROM b;\nDO $$BEGIN END$$;\nSELECT 2;\n"),
                Arguments.of("unterminated string at the end", "SELECT 1;\nSELECT 'abc;\nSELECT 2;\n"),
                Arguments.of("unterminated comment at the end", "SELECT 1;\n/* abc;\nSELECT 2;\n"),
                Arguments.of("escaped backslash then doubled quote", "SELECT e'\\\\'';' ; SELECT 2;\nSELECT 3;\n"),
                Arguments.of("escape string continued after a comment line", "SELECT E'a'\n-- c;\n'\\';' AS x;\nSELECT 2;\n"),
                Arguments.of("escape string continued after a lone CR", "SELECT e'a'\r'\\';' AS x; SELECT 2;\n"),
                Arguments.of("standard string not continued on the same line", "SELECT E'a' '\\';';\nSELECT 2;\n"),
                Arguments.of("dollar quotes after a number and in identifiers", "SELECT 1$$;$$;\nSELECT a$b$c; SELECT $é$;$é$;\nSELECT $a$ $b$ ; $a$;\n"),
                Arguments.of("a lone CR ends a comment", "SELECT 1 -- c\r; SELECT 2;\n"),
                Arguments.of("non-ASCII identifiers and tags", "SELECT 1 AS été; SELECT $tag_ü$ ; $tag_ü$;\n"),
                Arguments.of("only ASCII letters fold", "CREATE FUNCTION f() RETURNS int LANGUAGE sql BEG\u0130N ATOMIC SELECT 1; END; SELECT 2;\n"),
                Arguments.of("trailing comment and spaces", "SELECT 1; -- the end\n   \n"),
                Arguments.of("parenthesis depth ignores brackets", "SELECT ARRAY[1;2];\nSELECT (1;\n2);\nSELECT 3;\n"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("oddFiles")
    void psqlSplitsOddFilesTheSameWay(String name, String content, TestDatabase db) throws IOException, InterruptedException {
        Path psql = onPath("psql");
        Assumptions.assumeTrue(psql != null, "psql is not on PATH: the comparison with psql is skipped");
        Path file = write(name, content);
        List<String> pum = SqlSplitter.split(content).stream().map(x -> normalize(x.sql())).toList();
        assertEquals(pum, runPsql(psql, file, db, false));
    }

    /** The statements psql sends for a file, normalized; with stopOnError, psql must succeed. */
    private List<String> runPsql(Path psql, Path file, TestDatabase target, boolean stopOnError) throws IOException, InterruptedException {
        Path log = tmp.resolve("psql.log");
        Files.deleteIfExists(log);
        ProcessBuilder pb = new ProcessBuilder(psql.toString(), "-X", "-q", "-v", "ON_ERROR_STOP=" + (stopOnError ? 1 : 0), "-e",
                "-L", log.toString(), "-f", file.toString())
                .redirectErrorStream(true).redirectOutput(tmp.resolve("psql.out").toFile());
        pb.environment().put("PGHOST", target.info().host());
        pb.environment().put("PGPORT", Integer.toString(target.info().port()));
        pb.environment().put("PGUSER", target.info().user());
        pb.environment().put("PGDATABASE", target.name());
        if (target.info().password() != null) {
            pb.environment().put("PGPASSWORD", target.info().password());
        }
        Process p = pb.start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("psql did not finish within 60 s");
        }
        String output = read(tmp.resolve("psql.out"));
        if (stopOnError) {
            assertEquals(0, p.exitValue(), () -> "psql failed:\n" + output);
        }
        return psqlQueries(read(log));
    }

    /**
     * The queries psql sent, from its -L log, which frames each one (unlike -e, whose echo
     * cannot tell one two-line statement from two statements); empty ones are dropped, as pum
     * does not send them.
     */
    private static List<String> psqlQueries(String log) {
        String open = "********* QUERY **********\n";
        String close = "\n**************************\n";
        List<String> out = new ArrayList<>();
        for (int i = log.indexOf(open); i >= 0; i = log.indexOf(open, i)) {
            int start = i + open.length();
            int end = log.indexOf(close, start);
            String q = normalize(log.substring(start, end));
            if (!q.isEmpty()) {
                out.add(q);
            }
            i = end + close.length();
        }
        return out;
    }

    /**
     * psql keeps a statement's leading block comments and its semicolon, pum drops them; and
     * whether psql keeps the CR of a CRLF line end does not matter to the server.
     */
    private static String normalize(String q) {
        String s = q.replace("\r\n", "\n").strip();
        while (true) {
            if (s.startsWith("--")) {
                int nl = s.indexOf('\n');
                s = nl < 0 ? "" : s.substring(nl + 1).strip();
            } else if (s.startsWith("/*")) {
                int depth = 0;
                int i = 0;
                do {
                    if (s.startsWith("/*", i)) {
                        depth++;
                        i += 2;
                    } else if (s.startsWith("*/", i)) {
                        depth--;
                        i += 2;
                    } else {
                        i++;
                    }
                } while (depth > 0 && i < s.length());
                if (depth > 0) {
                    break; // unterminated: the server gets it and says so
                }
                s = s.substring(i).strip();
            } else {
                break;
            }
        }
        while (s.endsWith(";")) {
            s = s.substring(0, s.length() - 1).strip();
        }
        return s;
    }

    private static String read(Path p) throws IOException {
        return Files.exists(p) ? Files.readString(p, StandardCharsets.UTF_8) : "";
    }

    static Path onPath(String exe) {
        String path = System.getenv("PATH");
        if (path == null) {
            return null;
        }
        for (String dir : path.split(File.pathSeparator)) {
            Path p = Path.of(dir, exe);
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        return null;
    }
}
