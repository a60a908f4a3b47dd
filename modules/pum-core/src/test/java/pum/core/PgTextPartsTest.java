package pum.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link PgText#parts}: names as pum prints them, read back into their parts. */
class PgTextPartsTest {
    @Test
    void splitsQuotedNamesAndLeavesArgumentListsOut() {
        assertEquals(List.of("app"), PgText.parts("app"));
        assertEquals(List.of("app", "t", "c"), PgText.parts("app.t.c"));
        assertEquals(List.of("Odd Schema", "a.b\"c"), PgText.parts("\"Odd Schema\".\"a.b\"\"c\""));
        assertEquals(List.of("s", "f"), PgText.parts("s.f(x s.t, integer)"));
        assertEquals(List.of("s", "f(x)"), PgText.parts("s.\"f(x)\"(integer)"));
        for (String[] name : new String[][] {{"s", "T"}, {"user", "a b"}, {"x", "y", "z"}}) {
            assertEquals(List.of(name), PgText.parts(PgText.qualify(name)));
        }
    }
}
