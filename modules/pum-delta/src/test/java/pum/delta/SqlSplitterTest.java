package pum.delta;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import pum.delta.internal.SourceError;
import pum.delta.internal.SqlSplitter;
import pum.delta.internal.SqlStatement;

class SqlSplitterTest {
    private static List<String> texts(String sql) throws SourceError {
        return SqlSplitter.split(sql).stream().map(SqlStatement::sql).toList();
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("empty", "", 0),
                Arguments.of("comments only", "-- nothing; here\n/* nor; here */", 0),
                Arguments.of("two plain", "SELECT 1; SELECT 2;", 2),
                Arguments.of("no final semicolon", "SELECT 1; SELECT 2", 2),
                Arguments.of("semicolon in string", "SELECT 'a;b'; SELECT 2", 2),
                Arguments.of("doubled quote", "SELECT 'it''s; ok'; SELECT 2", 2),
                Arguments.of("escape string", "SELECT E'it\\'s; ok'; SELECT 2", 2),
                Arguments.of("escape string backslash last", "SELECT E'a\\\\'; SELECT 2", 2),
                Arguments.of("standard string keeps backslash", "SELECT 'a\\'; SELECT 2", 2),
                Arguments.of("quoted identifier", "SELECT 1 AS \"a;\"\"b\"; SELECT 2", 2),
                Arguments.of("dollar quote", "SELECT $$a;b$$; SELECT 2", 2),
                Arguments.of("tagged dollar quote with inner dollars", "SELECT $fn$ $$;$$ ; $fn$; SELECT 2", 2),
                Arguments.of("parameter is not a quote", "PREPARE p AS SELECT $1; SELECT 2", 2),
                Arguments.of("dollar inside identifier", "SELECT 1 AS a$b; SELECT $$;$$", 2),
                Arguments.of("nested comment", "/* a /* b; */ c; */ SELECT 1; SELECT 2", 2),
                Arguments.of("line comment", "SELECT 1 -- x; y\n; SELECT 2", 2),
                Arguments.of("parentheses", "CREATE RULE r AS ON INSERT TO t DO ALSO (SELECT 1; SELECT 2); SELECT 3", 2),
                Arguments.of("begin atomic", "CREATE FUNCTION f() RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT 1; SELECT CASE WHEN true THEN 2 END; END; SELECT 3", 2),
                Arguments.of("begin transaction is a statement", "BEGIN; SELECT 1; COMMIT;", 3)
        );
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void splitsLikePsql(String name, String sql, int count) throws SourceError {
        List<String> t = texts(sql);
        assertEquals(count, t.size(), t::toString);
    }

    @Test
    void keepsTheStatementTextWithoutSemicolon() throws SourceError {
        assertEquals(List.of("SELECT $x$;$x$", "SELECT 'a'';'"), texts("SELECT $x$;$x$;\n  SELECT 'a'';';\n"));
    }

    @Test
    void tracksLineAndColumnOfEachStatement() throws SourceError {
        List<SqlStatement> s = SqlSplitter.split("-- head\nSELECT 1;\n\n  /* c */ SELECT\n 2;");
        assertEquals(2, s.get(0).line());
        assertEquals(1, s.get(0).column());
        assertEquals(4, s.get(1).line());
        assertEquals(11, s.get(1).column());
        assertEquals("SELECT\n 2", s.get(1).sql());
    }

    @Test
    void mapsOffsetsToLineAndColumn() {
        int[] lc = SqlSplitter.lineColumn("ab\ncd\nef", 4);
        assertEquals(2, lc[0]);
        assertEquals(2, lc[1]);
    }
}
