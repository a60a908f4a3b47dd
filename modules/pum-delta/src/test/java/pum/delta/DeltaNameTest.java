package pum.delta;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The one grammar of delta file names. The expected outcomes of names PUM 0.10 ran are those of
 * its regular expression as Python 3.11 evaluates it (checked by hand with python3).
 */
class DeltaNameTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            // file | kind | language | version | name
            "delta_1.2.3_add_column.sql|DELTA|SQL|1.2.3|add_column",
            "delta_1.2.3.sql|DELTA|SQL|1.2.3|''",
            "delta_1.2.3.pre.sql|PRE|SQL|1.2.3|''",
            "delta_1.2.3_x.post.sql|POST|SQL|1.2.3|x",
            "delta_1.2.3_x.py|DELTA|PY|1.2.3|x",
            "delta_1.2.3_x.pre.py|PRE|PY|1.2.3|x",
            "delta_1.2.3_x.post.py|POST|PY|1.2.3|x",
            "delta_1.2.3_x.java|DELTA|JAVA|1.2.3|x",
            "delta_1.2.3_x.pre.java|PRE|JAVA|1.2.3|x",
            "delta_1.2.3_x.post.java|POST|JAVA|1.2.3|x",
            // PUM's (_*)(\\w*): leading underscores are not part of the name, none are needed
            "delta_1.0.0__x.sql|DELTA|SQL|1.0.0|x",
            "delta_1.2.3x_y.sql|DELTA|SQL|1.2.3|x_y",
            "delta_1.2.34.sql|DELTA|SQL|1.2.34|''",
            "delta_1.10.0_20240101.sql|DELTA|SQL|1.10.0|20240101",
            // Python's Unicode \\w: letters and numbers of any script
            "delta_1.0.0_café.sql|DELTA|SQL|1.0.0|café",
            "delta_1.0.0_Ⅻ.sql|DELTA|SQL|1.0.0|Ⅻ",
            "delta_1.0.0_½.sql|DELTA|SQL|1.0.0|½",
            "delta_1.0.0_日本語.sql|DELTA|SQL|1.0.0|日本語",
    })
    void deltas(String file, DeltaFile.Kind kind, DeltaFile.Language lang, String version, String name) {
        DeltaName n = DeltaName.parse(file);
        assertEquals(DeltaName.Outcome.DELTA, n.outcome(), n.reason());
        assertEquals(kind, n.kind());
        assertEquals(lang, n.language());
        assertEquals(Version.parse(version), n.version());
        assertEquals(name, n.name());
        assertNull(n.reason());
    }

    @Test
    void preAndPostAll() {
        for (String ext : new String[] {"sql", "py", "java"}) {
            assertEquals(DeltaFile.Kind.PRE_ALL, DeltaName.parse("pre-all." + ext).kind());
            assertEquals(DeltaFile.Kind.POST_ALL, DeltaName.parse("post-all." + ext).kind());
            assertNull(DeltaName.parse("pre-all." + ext).version());
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            // the names of QWAT and QGEP that PUM skipped, with words that describe each
            "delta_1.1.1_26012017.sql.post|ends in \".sql.post\", with \".post\" after \".sql\"",
            "delta_1.2.6_fix_audited_tables_and_views.sql.post|a disabled delta?",
            "__init__.py|a Python file whose name does not start with delta_",
            "delta_1.5.7_reorganize_file.data_media.sql|the name part \"_reorganize_file.data_media\" holds a dot",
            "delta_1.6.1_add_ii_to_swmm_outfalls|has no extension",
            "delta_1.2_x.sql|\"1.2\" after delta_ is not a version X.Y.Z",
            "delta_1.2.3.4_x.sql|the version \"1.2.3.4\" has more than three parts",
            "Delta_1.2.3_y.sql|not \"delta_\" in lowercase",
            "delta_1.2.3_my-name.sql|holds \"-\"",
            "delta_1.2.3_y.SQL|is not in lowercase",
            "delta_1.2.3_y.txt|the extension \".txt\" is not one PUM 0.x ran",
            "pre_all.sql|not exactly pre-all.sql",
            "pre-all.sql.post|not exactly pre-all.sql",
            "create_schema.sql|does not start with delta_",
    })
    void namesPumSkippedAreNotDeltasWithTheirReason(String file, String reason) {
        DeltaName n = DeltaName.parse(file);
        assertEquals(DeltaName.Outcome.NOT_A_DELTA, n.outcome());
        assertTrue(n.reason().contains(reason), n.reason());
        assertTrue(n.resemblesDelta());
        assertFalse(n.reason().contains(".sql.pre"), n.reason());
    }

    @Test
    void aCombiningMarkIsNotAWordCharacterForPython() {
        // "cafe" + U+0301 (a decomposed é, as macOS writes names): Python's \w rejects the mark
        DeltaName n = DeltaName.parse("delta_1.0.0_cafe\u0301.sql");
        assertEquals(DeltaName.Outcome.NOT_A_DELTA, n.outcome());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {"README.md", "notes.txt", "Makefile"})
    void plainFilesAreNotDeltasWithoutAWarning(String file) {
        DeltaName n = DeltaName.parse(file);
        assertEquals(DeltaName.Outcome.NOT_A_DELTA, n.outcome());
        assertFalse(n.resemblesDelta());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            // PUM ran these; pum would read a different version, so it refuses them
            "delta_01.0.0.sql|\"01\" has a leading zero (write 1.0.0)",
            "delta_1.0.0123456789.sql|has 10 digits, at most 9",
            "delta_١.0.0.sql|digits other than 0-9",
    })
    void namesPumRanButPumReadsDifferentlyAreMisnamed(String file, String reason) {
        DeltaName n = DeltaName.parse(file);
        assertEquals(DeltaName.Outcome.MISNAMED, n.outcome());
        assertTrue(n.reason().contains(reason), n.reason());
        assertTrue(n.reason().contains("PUM 0.x ran this file"), n.reason());
    }

    @Test
    void aTrailingNewlineMatchedPythonsDollar() {
        assertEquals(DeltaName.Outcome.MISNAMED, DeltaName.parse("delta_1.0.0.sql\n").outcome());
    }

    @Test
    void parsingTenThousandNamesIsCheap() {
        // not a benchmark (benchmarks/run upgrade is): a guard against a regex creeping back per name
        String[] names = new String[10_000];
        for (int i = 0; i < names.length; i++) {
            names[i] = "delta_1." + (i / 100) + "." + (i % 100) + "_change_number_" + i + ".sql";
        }
        int deltas = 0;
        for (String s : names) {
            deltas += DeltaName.parse(s).isDelta() ? 1 : 0;
        }
        assertEquals(names.length, deltas);
    }
}
