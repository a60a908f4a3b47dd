package pum.delta.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which python3 runs Python deltas: chosen on purpose, and named in messages. */
class PythonDeltaRunnerTest {
    @TempDir
    Path tmp;

    /** A python3 that cannot import psycopg2 (as a pyenv python3 first on PATH often is). */
    private Path withoutPsycopg2() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("pyenv-shims"));
        Path p = dir.resolve("python3");
        Files.writeString(p, "#!/bin/sh\necho 'ModuleNotFoundError: No module named psycopg2' >&2\nexit 1\n");
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
        return dir;
    }

    @Test
    void theFirstPython3ThatCanImportPsycopg2IsChosen() throws IOException {
        Path fake = withoutPsycopg2();
        PythonDeltaRunner r = PythonDeltaRunner.find(null, fake + ":/usr/bin");
        assertEquals(Path.of("/usr/bin/python3"), r.python(), r.describe());
        assertTrue(r.describe().contains("the first python3 that can import psycopg2"), r.describe());
    }

    @Test
    void systemPython3IsTriedWhenPathHasOnlyOneWithoutPsycopg2() throws IOException {
        PythonDeltaRunner r = PythonDeltaRunner.find(null, withoutPsycopg2().toString());
        assertEquals(Path.of("/usr/bin/python3"), r.python(), r.describe());
    }

    @Test
    void pumPythonWins() throws IOException {
        Path fake = withoutPsycopg2();
        PythonDeltaRunner r = PythonDeltaRunner.find(fake.resolve("python3").toString(), "/usr/bin");
        assertEquals(fake.resolve("python3"), r.python());
        assertTrue(r.describe().contains("set by PUM_PYTHON"), r.describe());
    }

    @Test
    void aFailureNamesTheInterpreterAndShowsTheTracebackOnce() throws IOException {
        Path delta = tmp.resolve("pre-all.py");
        Files.writeString(delta, "from pum.core.deltapy import DeltaPy\nclass A(DeltaPy):\n    def run(self):\n        print('working')\n"
                + "        raise ValueError('no good')\n");
        java.util.List<String> out = new java.util.ArrayList<>();
        try (PythonDeltaRunner r = PythonDeltaRunner.find(null, "/usr/bin")) {
            PythonDeltaRunner.PythonError e = org.junit.jupiter.api.Assertions.assertThrows(PythonDeltaRunner.PythonError.class,
                    () -> r.run(delta, "1.0.0", "svc", "s.t", java.util.List.of(tmp), "{}", out::add));
            assertTrue(e.getMessage().startsWith("/usr/bin/python3 ("), e.getMessage());
            assertTrue(e.getMessage().contains("ValueError: no good"), e.getMessage());
            assertEquals(java.util.List.of("working"), out);
        }
    }

    @Test
    void noPython3AtAll() {
        if (!Files.exists(Path.of("/usr/bin/python3"))) {
            assertNull(PythonDeltaRunner.find(null, tmp.toString()));
        }
    }
}
