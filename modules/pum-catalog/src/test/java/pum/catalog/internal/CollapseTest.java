package pum.catalog.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

/** Server-printed text with its whitespace collapsed, as the regular expression {@code \s+} to one space did it. */
class CollapseTest {

    @Test
    void runsOfWhitespaceBecomeOneSpace() {
        String[] texts = {
            " SELECT a,\n    b\n   FROM t\n  WHERE (a > 1);\n",
            "SELECT\ta\r\n\fFROM\u000Bt",
            "a  b", "a\nb", "  ", "", "x", "SELECT 'two  spaces'  FROM t",
            "\u00a0a\u2003 b\u00a0",
        };
        for (String t : texts) {
            assertEquals(t.strip().replaceAll("\\s+", " "), Scope.collapse(t), t);
        }
    }

    @Test
    void textWithNothingToCollapseIsReturnedAsItIs() {
        String t = "SELECT a FROM t";
        assertSame(t, Scope.collapse(t));
        assertNull(Scope.collapse(null));
    }
}
