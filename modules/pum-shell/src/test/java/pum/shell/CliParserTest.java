package pum.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import pum.shell.internal.cli.Args;
import pum.shell.internal.cli.Command;
import pum.shell.internal.cli.Opt;
import pum.shell.internal.cli.Param;
import pum.shell.internal.cli.Parser;
import pum.shell.internal.cli.UsageException;

/** The option forms PUM's users type, parsed exactly as argparse did. */
class CliParserTest {
    static final Opt P1 = Opt.value("DB", "first", "-p1", "--pg_service1").mandatory();
    static final Opt P = Opt.value("DB", "db", "-p", "--pg_service");
    static final Opt IGNORE = Opt.many("KIND", "kinds", "-i", "--ignore");
    static final Opt VAR = Opt.tuple(3, "TYPE NAME VALUE", "vars", "-v", "--var");
    static final Opt SCHEMA = Opt.value("SCHEMA", "schemas", "-N", "--exclude-schema").multiple();
    static final Opt SILENT = Opt.flag("silent", "-s", "--silent");

    static final Command CMD = new Command() {
        public String name() {
            return "test";
        }

        public String summary() {
            return "a test command";
        }

        public List<Opt> options() {
            return List.of(P1, P, IGNORE, VAR, SCHEMA, SILENT);
        }

        public List<Param> parameters() {
            return List.of(Param.optional("FILE", "a file"));
        }

        public int run(Args args) {
            return 0;
        }
    };

    static Args parse(String... tokens) {
        return Parser.parse(CMD, List.of(tokens));
    }

    @Test
    void pumStyleOptionsAreWholeTokens() {
        Args a = parse("-p1", "one", "-p", "two", "-s");
        assertEquals("one", a.get("--pg_service1"));
        assertEquals("two", a.get("--pg_service"));
        assertTrue(a.has("--silent"));
    }

    @Test
    void nargsPlusTakesValuesUpToTheNextOption() {
        Args a = parse("-p1", "x", "-i", "views", "triggers", "-s", "file.dump");
        assertEquals(List.of("views", "triggers"), a.all("--ignore"));
        assertEquals("file.dump", a.param("FILE"), "a flag ends the values of -i");
        Args b = parse("-i", "views", "-p1", "x", "out.dump");
        assertEquals(List.of("views"), b.all("--ignore"));
        assertEquals("out.dump", b.param("FILE"));
    }

    @Test
    void tuplesAndRepeatedOptions() {
        Args a = parse("-p1", "x", "-v", "int", "SRID", "2056", "--var", "string", "name", "-5", "-N", "a", "-N", "b");
        assertEquals(List.of(List.of("int", "SRID", "2056"), List.of("string", "name", "-5")), a.groups("--var"));
        assertEquals(List.of("a", "b"), a.all("--exclude-schema"));
    }

    @Test
    void longOptionsWithEquals() {
        assertEquals("x", parse("--pg_service1=x").get("--pg_service1"));
    }

    @Test
    void helpWinsOverMissingOptions() {
        assertNull(parse("--help"));
    }

    @Test
    void errorsSayWhatIsWrong() {
        assertTrue(assertThrows(UsageException.class, () -> parse("-p", "x")).getMessage().contains("missing required option -p1, --pg_service1"));
        assertTrue(assertThrows(UsageException.class, () -> parse("-p1")).getMessage().contains("needs a value (DB)"));
        assertTrue(assertThrows(UsageException.class, () -> parse("-p1", "x", "-v", "int", "a")).getMessage().contains("needs 3 values"));
        UsageException unknown = assertThrows(UsageException.class, () -> parse("-p1", "x", "--slient"));
        assertTrue(unknown.hint().contains("did you mean --silent"), unknown.hint());
        assertTrue(assertThrows(UsageException.class, () -> parse("-p1", "x", "a", "b")).getMessage().contains("unexpected argument 'b'"));
    }

    @Test
    void anUnknownOptionAfterSeveralValuesIsReportedAsUnknown() {
        UsageException e = assertThrows(UsageException.class, () -> parse("-p1", "x", "-i", "views", "--bogus", "y"));
        assertTrue(e.getMessage().contains("unknown option '--bogus'"), e.getMessage());
    }

    @Test
    void anOptionTakingOneValueGivenTwiceIsAnError() {
        UsageException e = assertThrows(UsageException.class, () -> parse("-p1", "x", "-p", "a", "-p", "b"));
        assertTrue(e.getMessage().contains("option -p given twice (a, then b)"), e.getMessage());
        assertTrue(parse("-p1", "x", "-s", "-s").has("--silent"), "a flag twice is harmless");
    }

    @Test
    void qgepsTestAndUpgradeCommandLineParsesWithFilesAndKindsApart() {
        Command tau = new pum.shell.internal.commands.TestAndUpgradeCommand(null);
        Args a = Parser.parse(tau, List.of("-pp", "qgep_prod", "-pt", "qgep_test", "-pc", "qgep_comp", "-t", "qgep_sys.pum_info",
                "-f", "dump.dump", "-d", "delta/", "-i", "constraints", "views", "indexes", "--exclude-schema", "public",
                "--exclude-schema", "qgep_migration", "-v", "int", "SRID", "2056", "-x", "--exclude-field-pattern", "usr_%", "-vv",
                "--ignore-file", "*.post"));
        assertEquals(List.of("constraints", "views", "indexes"), a.all("--ignore"));
        assertEquals(List.of("*.post"), a.all("--ignore-file"));
        assertEquals(List.of("delta/"), a.all("--dir"));
        assertEquals(List.of("usr_%"), a.all("--exclude-field-pattern"));
        assertEquals(List.of("public", "qgep_migration"), a.all("--exclude-schema"));
        assertTrue(a.has("--verbose"));
        UsageException e = assertThrows(UsageException.class, () -> Parser.parse(tau, List.of("-pp", "p", "-pc", "c", "-d", "delta/", "--nope")));
        assertTrue(e.getMessage().contains("unknown option '--nope'"), e.getMessage());
    }
}
