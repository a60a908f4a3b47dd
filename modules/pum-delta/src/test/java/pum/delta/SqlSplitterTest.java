package pum.delta;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import pum.delta.internal.SourceError;
import pum.delta.internal.SqlSplitter;
import pum.delta.internal.SqlStatement;
import pum.delta.internal.StatementKind;

/** The split itself, statement text by statement text; SplitAgainstServerTest checks it with the server and psql. */
class SqlSplitterTest {
    private static List<String> texts(String sql) throws SourceError {
        return SqlSplitter.split(sql).stream().map(SqlStatement::sql).toList();
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("empty", "", List.of()),
                Arguments.of("comments only", "-- nothing; here\n/* nor; here */", List.of()),
                Arguments.of("empty statements", ";; ;\n/* c */;", List.of()),
                Arguments.of("two plain", "SELECT 1; SELECT 2;", List.of("SELECT 1", "SELECT 2")),
                Arguments.of("no final semicolon", "SELECT 1; SELECT 2\n", List.of("SELECT 1", "SELECT 2")),
                Arguments.of("semicolon in string", "SELECT 'a;b'; SELECT 2", List.of("SELECT 'a;b'", "SELECT 2")),
                Arguments.of("doubled quote", "SELECT 'it''s; ok'; SELECT 2", List.of("SELECT 'it''s; ok'", "SELECT 2")),
                Arguments.of("escape string", "SELECT E'it\\'s; ok'; SELECT 2", List.of("SELECT E'it\\'s; ok'", "SELECT 2")),
                Arguments.of("escape string backslash last", "SELECT E'a\\\\'; SELECT 2", List.of("SELECT E'a\\\\'", "SELECT 2")),
                // psql lexes line by line and never sees a continuation across LF: the second string is a standard one
                Arguments.of("escape string not continued on the next line", "SELECT e'a'\n  -- c\n '\\';'; SELECT 2",
                        List.of("SELECT e'a'\n  -- c\n '\\'", "'; SELECT 2")),
                Arguments.of("escape string continued after a lone CR", "SELECT e'a'\r'\\';'; SELECT 2",
                        List.of("SELECT e'a'\r'\\';'", "SELECT 2")),
                Arguments.of("standard string keeps backslash", "SELECT 'a\\'; SELECT 2", List.of("SELECT 'a\\'", "SELECT 2")),
                Arguments.of("identifier ending in e is no escape string", "SELECT 1 AS e, 'a\\'; SELECT 2", List.of("SELECT 1 AS e, 'a\\'", "SELECT 2")),
                Arguments.of("unicode, bit and hex strings", "SELECT U&'d\\0061t;', B'1;', X'1F;', N'n;'; SELECT 2",
                        List.of("SELECT U&'d\\0061t;', B'1;', X'1F;', N'n;'", "SELECT 2")),
                Arguments.of("quoted identifier", "SELECT 1 AS \"a;\"\"b\"; SELECT 2", List.of("SELECT 1 AS \"a;\"\"b\"", "SELECT 2")),
                Arguments.of("dollar quote", "SELECT $$a;b$$; SELECT 2", List.of("SELECT $$a;b$$", "SELECT 2")),
                Arguments.of("tagged dollar quote with inner dollars", "SELECT $fn$ $$;$$ ; $f$ $fn$; SELECT 2",
                        List.of("SELECT $fn$ $$;$$ ; $f$ $fn$", "SELECT 2")),
                Arguments.of("tag cannot start with a digit", "SELECT $1$; SELECT 2", List.of("SELECT $1$", "SELECT 2")),
                Arguments.of("parameter is not a quote", "PREPARE p(int) AS SELECT $1; SELECT 2", List.of("PREPARE p(int) AS SELECT $1", "SELECT 2")),
                Arguments.of("dollar inside identifier", "SELECT 1 AS a$b; SELECT $$;$$", List.of("SELECT 1 AS a$b", "SELECT $$;$$")),
                Arguments.of("nested comment", "/* a /* b; */ c; */ SELECT 1; SELECT 2", List.of("SELECT 1", "SELECT 2")),
                Arguments.of("line comment", "SELECT 1 -- x; y\n; SELECT 2", List.of("SELECT 1 -- x; y", "SELECT 2")),
                Arguments.of("line comment ends at a lone CR", "SELECT 1 -- x\r; SELECT 2", List.of("SELECT 1 -- x", "SELECT 2")),
                Arguments.of("comment inside an operator", "SELECT 1 +-- x;\n2; SELECT 2", List.of("SELECT 1 +-- x;\n2", "SELECT 2")),
                Arguments.of("parentheses", "CREATE RULE r AS ON INSERT TO t DO ALSO (SELECT 1; SELECT 2); SELECT 3",
                        List.of("CREATE RULE r AS ON INSERT TO t DO ALSO (SELECT 1; SELECT 2)", "SELECT 3")),
                Arguments.of("begin atomic", "CREATE FUNCTION f() RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT 1; SELECT CASE WHEN true THEN 2 END; END; SELECT 3",
                        List.of("CREATE FUNCTION f() RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT 1; SELECT CASE WHEN true THEN 2 END; END", "SELECT 3")),
                Arguments.of("parameter named begin", "CREATE FUNCTION f(begin date) RETURNS date LANGUAGE sql AS 'SELECT begin'; SELECT 2",
                        List.of("CREATE FUNCTION f(begin date) RETURNS date LANGUAGE sql AS 'SELECT begin'", "SELECT 2")),
                Arguments.of("or replace procedure", "create or replace procedure p() begin atomic insert into t values (1); end; SELECT 2",
                        List.of("create or replace procedure p() begin atomic insert into t values (1); end", "SELECT 2")),
                Arguments.of("begin outside a routine is a statement", "BEGIN; SELECT 1; END; COMMIT;", List.of("BEGIN", "SELECT 1", "END", "COMMIT")),
                Arguments.of("case outside a block", "CREATE FUNCTION f(x int) RETURNS int LANGUAGE sql RETURN CASE WHEN x > 0 THEN 1 END; SELECT 2",
                        List.of("CREATE FUNCTION f(x int) RETURNS int LANGUAGE sql RETURN CASE WHEN x > 0 THEN 1 END", "SELECT 2")),
                Arguments.of("only ASCII letters fold: BEG\u0130N is no BEGIN", "CREATE FUNCTION f() RETURNS int BEG\u0130N; SELECT 2",
                        List.of("CREATE FUNCTION f() RETURNS int BEG\u0130N", "SELECT 2")),
                Arguments.of("quoted begin is not counted", "CREATE FUNCTION \"begin\"() RETURNS int LANGUAGE sql AS 'SELECT 1'; SELECT 2",
                        List.of("CREATE FUNCTION \"begin\"() RETURNS int LANGUAGE sql AS 'SELECT 1'", "SELECT 2")),
                Arguments.of("leading comment is not part of the text", "/* why */ -- more\nSELECT 1 /* in */;", List.of("SELECT 1 /* in */")),
                Arguments.of("unterminated comment goes to the server", "SELECT 1; /* oops; SELECT 2;", List.of("SELECT 1", "/* oops; SELECT 2;")),
                Arguments.of("CRLF", "SELECT 1;\r\nSELECT\r\n 2;\r\n", List.of("SELECT 1", "SELECT\r\n 2")),
                Arguments.of("copy to stdout is ordinary", "COPY t TO STDOUT; COPY t FROM '/x'; SELECT 1",
                        List.of("COPY t TO STDOUT", "COPY t FROM '/x'", "SELECT 1")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void splitsLikePsql(String name, String sql, List<String> expected) throws SourceError {
        assertEquals(expected, texts(sql));
    }

    @Test
    void tracksLineColumnAndOffsetOfEachStatement() throws SourceError {
        List<SqlStatement> s = SqlSplitter.split("-- head\nSELECT 1;\n\n  /* c */ SELECT\n 2;");
        assertEquals(2, s.get(0).line());
        assertEquals(1, s.get(0).column());
        assertEquals(8, s.get(0).offset());
        assertEquals(4, s.get(1).line());
        assertEquals(11, s.get(1).column());
        assertEquals("SELECT\n 2", s.get(1).sql());
    }

    @Test
    void mapsServerPositionsToTheFile() throws SourceError {
        // CRLF and a lone CR are one line break each; columns count code points (the emoji is one)
        SqlStatement s = SqlSplitter.split("\r\n  SELECT '\uD83D\uDE00',\r\n\r  nope;").get(0);
        assertEquals(2, s.line());
        assertEquals(3, s.column());
        assertArrayEquals(new int[] {2, 3}, s.lineColumnOf(0));
        assertArrayEquals(new int[] {2, 13}, s.lineColumnOf(10)); // the comma after the emoji
        assertArrayEquals(new int[] {4, 3}, s.lineColumnOf(s.sql().codePointCount(0, s.sql().indexOf("nope"))));
        assertArrayEquals(new int[] {2, 2}, SqlSplitter.lineColumn("ab\ncd\nef", 4));
    }

    @Test
    void keywordsSkipComments() throws SourceError {
        SqlStatement s = SqlSplitter.split("/* a */ Rollback -- b\n /* c */ WORK TO SAVEPOINT x").get(0);
        assertEquals("rollback", s.keyword(0));
        assertEquals("work", s.keyword(1));
        assertEquals("to", s.keyword(2));
        assertEquals("", SqlSplitter.split("SELECT (1)").get(0).keyword(1));
        assertEquals("", SqlSplitter.split("BEGIN;").get(0).keyword(1));
    }

    static Stream<Arguments> kinds() {
        return Stream.of(
                Arguments.of("BEGIN", StatementKind.BEGIN), Arguments.of("begin work", StatementKind.BEGIN),
                Arguments.of("BEGIN ISOLATION LEVEL SERIALIZABLE", StatementKind.BEGIN),
                Arguments.of("START TRANSACTION READ ONLY", StatementKind.BEGIN), Arguments.of("START x", StatementKind.OTHER),
                Arguments.of("COMMIT", StatementKind.COMMIT), Arguments.of("END TRANSACTION", StatementKind.COMMIT),
                Arguments.of("COMMIT AND CHAIN", StatementKind.COMMIT), Arguments.of("COMMIT PREPARED 'x'", StatementKind.OTHER),
                Arguments.of("ROLLBACK", StatementKind.ROLLBACK), Arguments.of("ABORT", StatementKind.ROLLBACK),
                Arguments.of("ROLLBACK TO s", StatementKind.OTHER), Arguments.of("ROLLBACK WORK TO SAVEPOINT s", StatementKind.OTHER),
                Arguments.of("ROLLBACK PREPARED 'x'", StatementKind.OTHER), Arguments.of("ROLLBACK AND NO CHAIN", StatementKind.ROLLBACK),
                Arguments.of("PREPARE TRANSACTION 'x'", StatementKind.PREPARE_TRANSACTION), Arguments.of("PREPARE p AS SELECT 1", StatementKind.OTHER),
                Arguments.of("SAVEPOINT s", StatementKind.OTHER), Arguments.of("/* x */ commit", StatementKind.COMMIT),
                Arguments.of("SELECT 1", StatementKind.OTHER));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void classifiesTransactionControl(String sql, StatementKind kind) {
        assertEquals(kind, StatementKind.of(sql));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("metaCommands")
    void refusesMetaCommands(String sql, String command, int line, int column) {
        SourceError e = assertThrows(SourceError.class, () -> SqlSplitter.split(sql));
        assertEquals(SourceError.Kind.META_COMMAND, e.kind());
        assertEquals(line, e.line());
        assertEquals(column, e.column());
        assertTrue(e.getMessage().contains(command), e::getMessage);
    }

    static Stream<Arguments> metaCommands() {
        return Stream.of(
                Arguments.of("SELECT 1;\n\\i other.sql\n", "\\i", 2, 1),
                Arguments.of("\\set x 1\nSELECT :x;", "\\set", 1, 1),
                Arguments.of("SELECT 1;\n  \\connect db", "\\connect", 2, 3),
                Arguments.of("SELECT 1 \\gset\n", "\\gset", 1, 10),
                Arguments.of("SELECT 1 \\; SELECT 2;", "\\;", 1, 10),
                Arguments.of("SELECT 1;\n\\.\n", "\\.", 2, 1));
    }

    @Test
    void backslashesInQuotesAndCommentsAreText() throws SourceError {
        assertEquals(List.of("SELECT '\\i', $$\\set$$, \"\\x\" -- \\q\n /* \\c */"), texts("SELECT '\\i', $$\\set$$, \"\\x\" -- \\q\n /* \\c */;"));
    }

    @Test
    void copyFromStdinCarriesItsData() throws SourceError {
        String file = "CREATE TABLE t (a int, b text);\n"
                + "COPY public.t (a, b) FROM stdin;   -- pg_dump style\n"
                + "1\tx;y\n2\ta\\\\b\n\\.\n"
                + "copy t from STDIN with (format csv);\r\n"
                + "3,\"q\"\r\n\\.\r\n"
                + "SELECT count(*) FROM t";
        List<SqlStatement> s = SqlSplitter.split(file);
        assertEquals(4, s.size());
        assertFalse(s.get(0).copyFromStdin());
        assertTrue(s.get(1).copyFromStdin());
        assertEquals("COPY public.t (a, b) FROM stdin", s.get(1).sql());
        assertEquals("1\tx;y\n2\ta\\\\b\n", s.get(1).copyData());
        assertEquals("3,\"q\"\r\n", s.get(2).copyData());
        assertEquals("SELECT count(*) FROM t", s.get(3).sql());
        assertEquals(9, s.get(3).line());
        assertNull(s.get(3).copyData());
    }

    @Test
    void copyDataIsSkippedWhenNotRead() throws IOException {
        SqlSplitter sp = new SqlSplitter(new StringReader("COPY t FROM STDIN;\n1\n2\n\\.\nSELECT 1;\nCOPY t FROM STDIN;\n\\.\nSELECT 2"));
        assertTrue(sp.next().copyFromStdin());
        assertEquals("SELECT 1", sp.next().sql());
        SqlStatement empty = sp.next();
        assertTrue(empty.copyFromStdin());
        Reader data = sp.copyData();
        assertEquals(-1, data.read(new char[4]));
        SqlStatement last = sp.next();
        assertEquals("SELECT 2", last.sql());
        assertEquals(8, last.line());
        assertNull(sp.next());
        assertThrows(IllegalStateException.class, sp::copyData);
    }

    @Test
    void copyEndMarkerAtEndOfFileWithoutNewline() throws SourceError {
        assertEquals("1\n", SqlSplitter.split("COPY t FROM stdin;\n1\n\\.").get(0).copyData());
    }

    @Test
    void copyFromAFileOrInsideAQueryIsOrdinary() throws SourceError {
        List<SqlStatement> s = SqlSplitter.split("COPY t FROM '/tmp/f';\nCOPY (SELECT a FROM stdin) TO STDOUT;\nCOPY t FROM 'stdin';");
        assertEquals(3, s.size());
        assertTrue(s.stream().noneMatch(SqlStatement::copyFromStdin));
    }

    @Test
    void unterminatedCopyNamesTheCopyLine() {
        SourceError e = assertThrows(SourceError.class, () -> SqlSplitter.split("SELECT 1;\n\nCOPY t FROM stdin;\n1\n2\n"));
        assertEquals(SourceError.Kind.UNTERMINATED_COPY, e.kind());
        assertEquals(3, e.line());
        SourceError atEof = assertThrows(SourceError.class, () -> SqlSplitter.split("COPY t FROM stdin"));
        assertEquals(SourceError.Kind.UNTERMINATED_COPY, atEof.kind());
    }

    @Test
    void textAfterCopyOnItsLineIsRefused() {
        SourceError e = assertThrows(SourceError.class, () -> SqlSplitter.split("COPY t FROM stdin; SELECT 1;\n\\.\n"));
        assertEquals(SourceError.Kind.COPY_SAME_LINE, e.kind());
        assertEquals(1, e.line());
        assertEquals(20, e.column());
    }
}
