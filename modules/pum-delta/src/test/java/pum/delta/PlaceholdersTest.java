package pum.delta;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import pum.delta.internal.Placeholders;

class PlaceholdersTest {
    @Test
    void untouchedWithoutVariablesAsInPum() {
        assertEquals("SELECT '100%' LIKE 'a%'", Placeholders.apply("SELECT '100%' LIKE 'a%'", Map.of()));
    }

    @Test
    void substitutesLiteralsSafely() {
        Map<String, Object> v = Map.of("srid", 2056L, "ratio", 0.5, "name", "O'Brien; DROP TABLE x; --", "path", "C:\\tmp");
        assertEquals("SELECT 2056, 0.5, 'O''Brien; DROP TABLE x; --', E'C:\\\\tmp', '100%'",
                Placeholders.apply("SELECT %(srid)s, %(ratio)s, %(name)s, %(path)s, '100%%'", v));
    }

    @Test
    void unknownVariablesAndLonePercentsAreErrors() {
        Map<String, Object> v = Map.of("a", 1L);
        assertTrue(assertThrows(Placeholders.PlaceholderError.class, () -> Placeholders.apply("SELECT %(b)s", v))
                .getMessage().contains("\"b\" is not defined"));
        assertTrue(assertThrows(Placeholders.PlaceholderError.class, () -> Placeholders.apply("SELECT '5%'", v))
                .getMessage().contains("write %%"));
        assertEquals(7, assertThrows(Placeholders.PlaceholderError.class, () -> Placeholders.apply("SELECT %(b)s", v)).offset());
    }
}
