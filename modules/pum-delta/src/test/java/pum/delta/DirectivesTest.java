package pum.delta;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import pum.delta.internal.Directives;

class DirectivesTest {
    @Test
    void readsDirectivesAtTheTop() {
        Directives d = Directives.parse("-- a plain comment\n-- pum: no-transaction\n-- pum: lock-timeout 5s\n--pum: statement-timeout=1min\nCREATE INDEX CONCURRENTLY i ON t(a);", false);
        assertTrue(d.noTransaction());
        assertEquals("5s", d.lockTimeout());
        assertEquals("1min", d.statementTimeout());
    }

    @Test
    void ignoresDirectivesAfterTheFirstStatement() {
        Directives d = Directives.parse("SELECT 1;\n-- pum: no-transaction\n", false);
        assertFalse(d.noTransaction());
        assertNull(d.lockTimeout());
    }

    @Test
    void javaUsesSlashes() {
        assertTrue(Directives.parse("// pum: no-transaction\nimport pum.delta.Delta;", true).noTransaction());
    }

    @Test
    void typosAreErrorsWithLine() {
        Directives.DirectiveError e = assertThrows(Directives.DirectiveError.class,
                () -> Directives.parse("\n-- pum: no-transactions\n", false));
        assertEquals(2, e.line());
        assertTrue(e.getMessage().contains("no-transactions"));
    }

    @Test
    void byteOrderMarkAndLineEndings() {
        assertTrue(Directives.parse("\uFEFF-- pum: no-transaction\nSELECT 1;", false).noTransaction());
        Directives d = Directives.parse("-- pum: lock-timeout 5s\r-- pum: statement-timeout 1s\r\nSELECT 1;", false);
        assertEquals("5s", d.lockTimeout());
        assertEquals("1s", d.statementTimeout());
        Directives.DirectiveError e = assertThrows(Directives.DirectiveError.class,
                () -> Directives.parse("-- a\r\n-- b\r-- pum: encoding\n", false));
        assertEquals(3, e.line());
    }
}
