package pum.delta;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class VersionTest {
    @Test
    void plusPatchCountsInTheLastPartAndRefusesTooManyDigits() {
        assertEquals("1.2.4", Version.parse("1.2.3").plusPatch(1).toString());
        assertEquals("0.0.4513", Version.parse("0.0.1").plusPatch(4512).toString());
        assertEquals(Version.parse("1.9.10"), Version.parse("1.9.9").plusPatch(1));
        assertThrows(DeltaException.class, () -> Version.parse("1.0.999999999").plusPatch(1));
    }

    @Test
    void comparesNumericallyPartByPart() {
        assertTrue(Version.parse("1.10.0").compareTo(Version.parse("1.9.0")) > 0);
        assertTrue(Version.parse("2.0.0").compareTo(Version.parse("1.99.99")) > 0);
        assertTrue(Version.parse("1.0.10").compareTo(Version.parse("1.0.9")) > 0);
        assertEquals(0, Version.parse("1.2.3").compareTo(Version.parse("1.2.3")));
        List<Version> vs = new ArrayList<>(List.of(Version.parse("1.10.0"), Version.parse("1.9.0"), Version.parse("1.2.0")));
        vs.sort(null);
        assertEquals("[1.2.0, 1.9.0, 1.10.0]", vs.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.2", "1.2.3.4", "1.2.x", "v1.2.3", "", " 1.2.3", "1..3", "-1.2.3"})
    void rejectsOtherFormsShowingTheExpectedOne(String text) {
        DeltaException e = assertThrows(DeltaException.class, () -> Version.parse(text));
        assertTrue(e.getMessage().contains("expected X.Y.Z"), e.getMessage());
        assertTrue(e.getMessage().contains("\"" + text + "\""), e.getMessage());
        assertFalse(Version.isValid(text));
    }

    @ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', value = {
            "01.0.0|\"01\" has a leading zero (write 1.0.0)",
            "1.00.2|\"00\" has a leading zero (write 1.0.2)",
            "1.0.1234567890|\"1234567890\" has 10 digits, at most 9 are allowed per part",
    })
    void saysWhatIsWrong(String text, String message) {
        DeltaException e = assertThrows(DeltaException.class, () -> Version.parse(text));
        assertEquals("invalid version \"" + text + "\": " + message, e.getMessage());
        assertFalse(Version.isValid(text));
        assertTrue(Version.isValid("0.0.0") && Version.isValid("10.20.30"));
    }
}
