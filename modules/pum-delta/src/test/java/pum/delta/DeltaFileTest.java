package pum.delta;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import pum.testkit.RecordEquality;

class DeltaFileTest {
    private static DeltaFile parse(String name) {
        return DeltaFile.parse(Path.of("deltas", name), 0).orElseThrow();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            // file, kind, language, version, name, type code
            "delta_1.2.3_add_column.sql, DELTA, SQL, 1.2.3, add_column, 8",
            "delta_1.2.3_add_column.pre.sql, PRE, SQL, 1.2.3, add_column, 9",
            "delta_1.2.3_add_column.post.sql, POST, SQL, 1.2.3, add_column, 10",
            "delta_1.2.3_fill.java, DELTA, JAVA, 1.2.3, fill, 16",
            "delta_1.2.3_fill.pre.java, PRE, JAVA, 1.2.3, fill, 17",
            "delta_1.2.3_fill.post.java, POST, JAVA, 1.2.3, fill, 18",
            "delta_1.2.3_legacy.py, DELTA, PY, 1.2.3, legacy, 4",
            "delta_1.2.3_legacy.pre.py, PRE, PY, 1.2.3, legacy, 5",
            "delta_1.2.3_legacy.post.py, POST, PY, 1.2.3, legacy, 6",
            "delta_1.10.0.sql, DELTA, SQL, 1.10.0, '', 8",
            "delta_0.0.1_20240101.sql, DELTA, SQL, 0.0.1, 20240101, 8",
    })
    void parsesVersionedNames(String file, DeltaFile.Kind kind, DeltaFile.Language lang, String version, String name, int type) {
        DeltaFile f = parse(file);
        assertEquals(kind, f.kind());
        assertEquals(lang, f.language());
        assertEquals(Version.parse(version), f.version());
        assertEquals(name, f.name());
        assertEquals(type, f.typeCode());
    }

    @Test
    void parsesPreAndPostAll() {
        assertEquals(DeltaFile.Kind.PRE_ALL, parse("pre-all.sql").kind());
        assertEquals(DeltaFile.Kind.POST_ALL, parse("post-all.java").kind());
        assertNull(parse("pre-all.py").version());
        assertTrue(parse("post-all.sql").isAll());
    }

    @ParameterizedTest
    @ValueSource(strings = {"README.md", "notes.txt", ".hidden.sql", "Makefile"})
    void skipsFilesThatAreNotDeltas(String file) {
        assertTrue(DeltaFile.parse(Path.of("d", file), 0).isEmpty());
    }

    @ParameterizedTest
    @ValueSource(strings = {"delta_1.2_x.sql", "Delta_1.2.3_y.sql", "delta_1.2.3_y.sql.post", "__init__.py", "create_schema.sql"})
    void namesPumSkippedAreNotDeltas(String file) {
        assertTrue(DeltaFile.parse(Path.of("d", file), 0).isEmpty());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "delta_01.2.3_x.sql|\"01\" has a leading zero",
            "delta_1.2.3333333333_x.sql|at most 9",
    })
    void namesPumRanButPumReadsDifferentlyAreErrorsNamingFileAndExpectedForm(String file, String reason) {
        DeltaException e = assertThrows(DeltaException.class, () -> DeltaFile.parse(Path.of("d", file), 0));
        assertTrue(e.getMessage().contains(file), e.getMessage());
        assertTrue(e.getMessage().contains(reason), e.getMessage());
        assertTrue(e.getMessage().contains("expected delta_X.Y.Z_name.sql"), e.getMessage());
        assertTrue(e.hint().contains("ignore_files"), e.hint());
    }

    @Test
    void typeLabels() {
        assertEquals("baseline", DeltaFile.typeLabel(0));
        assertEquals("pre sql", DeltaFile.typeLabel(9));
        assertEquals("post py", DeltaFile.typeLabel(6));
        assertEquals("delta java", DeltaFile.typeLabel(16));
    }

    /** A delta file is a map key on the path of every upgrade: its written-out equals must compare every component. */
    @Test
    void equalityFollowsEveryComponent() {
        RecordEquality.assertComponentWise(DeltaFile.class, Map.of(Version.class, List.of(Version.parse("1.0.0"), Version.parse("1.0.1"))));
    }
}
