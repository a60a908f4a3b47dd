package pum.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every malformed (and some well-formed but failing) connection string fed through the command
 * line the ways a user can: the password never appears on standard output or error, with or
 * without --verbose, in batch mode's echo, or in JSON mode.
 */
class SecretsNeverShownTest {
    static final String SECRET = "S3cr3t";

    static Stream<Arguments> specs() {
        return Stream.of(
                // {connection string, exit code}
                Arguments.of("postgresql://app:" + SECRET + "Pw@[::1:5432/db", 2),
                Arguments.of("postgresql://app:" + SECRET + "Pw@[::1]x/db", 2),
                Arguments.of("postgresq://app:" + SECRET + "Pw@127.0.0.1:1/db", 2),
                Arguments.of("postgresql:/app:" + SECRET + "Pw@127.0.0.1:1/db", 2),
                Arguments.of("postgresql//app:" + SECRET + "Pw@127.0.0.1:1/db", 2),
                Arguments.of("app:" + SECRET + "Pw@127.0.0.1:1/db", 2),
                Arguments.of("postgresql://app:" + SECRET + "@Pw@127.0.0.1:1/db", 2),
                Arguments.of("postgresql://app:" + SECRET + "%ZZPw@127.0.0.1:1/db", 2),
                Arguments.of("postgresql://app:" + SECRET + "Pw@127.0.0.1:1/db?foo=bar", 2),
                Arguments.of("postgresql://app:" + SECRET + "Pw@127.0.0.1:1/db?sslmode=requir", 2),
                Arguments.of("postgresql://app:" + SECRET + "Pw@127.0.0.1:notaport/db", 2),
                Arguments.of("postgresql://app:" + SECRET + "Pw@127.0.0.1:1/db?options", 2),
                Arguments.of("postgresql://127.0.0.1:1/db?password=" + SECRET + "Pw&foo=1", 2),
                Arguments.of("postgresql://127.0.0.1:1/db?PASSWORD=" + SECRET + "Pw", 2),
                Arguments.of("host=127.0.0.1 PASSWORD=" + SECRET + "Pw", 2),
                Arguments.of("host=127.0.0.1 password='" + SECRET + "Pw", 2),
                Arguments.of("host=127.0.0.1 password='my " + SECRET + "Pw' foo=bar", 2),
                Arguments.of("host=127.0.0.1 password=" + SECRET + "Pw port=abc", 2),
                Arguments.of("host=127.0.0.1 password=" + SECRET + "Pw connect_timeout=soon", 2),
                Arguments.of("host=127.0.0.1 password=" + SECRET + "Pw sslmode=requir", 2),
                Arguments.of("host=127.0.0.1 password=" + SECRET + "Pw bogus", 2),
                Arguments.of("host=127.0.0.1,127.0.0.2 password=" + SECRET + "Pw", 2),
                Arguments.of("postgresql://app:my " + SECRET + "Pw@127.0.0.1:1/db", 4),
                Arguments.of("host=127.0.0.1 port=1 password=" + SECRET + "Pw", 4),
                Arguments.of("postgresql://app:" + SECRET + "Pw@127.0.0.1:1/db", 4),
                Arguments.of("postgresql://app:" + SECRET + "Pw@no-such-host.invalid/db", 4));
    }

    private static void noSecret(PumRun r, String what) {
        assertFalse(r.all().contains(SECRET), what + " shows the password:\n" + r);
    }

    @ParameterizedTest
    @MethodSource("specs")
    void ping(String spec, int exit) {
        PumRun r = PumRun.pum("ping", "-p", spec);
        noSecret(r, "ping");
        assertEquals(exit, r.exit(), r.toString());
        assertTrue(r.err().startsWith("pum: error: "), r.toString());
    }

    @ParameterizedTest
    @MethodSource("specs")
    void verboseStackTraces(String spec, int exit) {
        PumRun r = PumRun.pum("--verbose", "ping", "-p", spec);
        noSecret(r, "--verbose");
        assertEquals(exit, r.exit(), r.toString());
    }

    @ParameterizedTest
    @MethodSource("specs")
    void batchModeEcho(String spec, int exit) {
        PumRun r = PumRun.withInput("ping -p \"" + spec + "\"\n", "shell");
        noSecret(r, "batch mode");
        assertEquals(exit, r.exit(), r.toString());
        assertTrue(r.err().contains("pum: batch line 1 failed with exit code " + exit + ": ping -p"), r.toString());
    }

    @ParameterizedTest
    @MethodSource("specs")
    void jsonMode(String spec, int exit, @TempDir Path dir) throws IOException {
        Files.createDirectories(dir.resolve("delta"));
        PumRun info = PumRun.pum("info", "--json", "-p", spec, "-t", "pum_sys.upgrades", "-d", dir.resolve("delta").toString());
        noSecret(info, "info --json");
        assertEquals(exit, info.exit(), info.toString());
        PumRun check = PumRun.pum("check", "-p1", spec, "-p2", spec, "--format", "json");
        noSecret(check, "check --format json");
        assertEquals(exit, check.exit(), check.toString());
    }

    /** The specs that can be wrapped in an unclosed quote without the quotes inside changing their meaning. */
    static java.util.stream.Stream<org.junit.jupiter.params.provider.Arguments> unquotedSpecs() {
        return specs().filter(a -> !String.valueOf(a.get()[0]).contains("'"));
    }

    @ParameterizedTest
    @MethodSource("unquotedSpecs")
    void batchLineWithAnUnclosedQuote(String spec, int exit) {
        PumRun r = PumRun.withInput("ping -p '" + spec + "\n", "shell");
        noSecret(r, "unclosed quote");
        assertTrue(r.exit() == 2 || r.exit() == 4, r.toString());
    }
}
