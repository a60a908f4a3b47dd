package pum.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import pum.testkit.PostgresExtension;
import pum.testkit.TestDatabase;

/** Batch mode: commands fed on standard input run in one session, stopping at the first failure. */
@ExtendWith(PostgresExtension.class)
class ShellBatchTest {

    static PumRun shell(String script, String... args) {
        return PumRun.withInput(script, args);
    }

    @Test
    void runsLinesUntilTheFirstFailureAndNamesIt(TestDatabase db) {
        String script = "# a comment\n\nping -p " + db.uri() + "\npum ping -p '" + db.uri() + "'\n"
                + "ping -p postgresql://nobody@127.0.0.1:1/x\nping -p " + db.uri() + "\n";
        PumRun r = shell(script, "shell");
        assertEquals(4, r.exit(), r.err());
        assertEquals(2, r.out().split("connected to", -1).length - 1, r.out());
        assertTrue(r.err().contains("pum: batch line 5 failed with exit code 4"), r.err());
        assertTrue(!r.out().contains("pum>"), "no prompts in batch mode: " + r.out());
    }

    @Test
    void keepGoingRunsEverything(TestDatabase db) {
        PumRun r = shell("ping -p postgresql://nobody@127.0.0.1:1/x\nping -p " + db.uri() + "\n", "shell", "--keep-going");
        assertEquals(4, r.exit());
        assertTrue(r.out().contains("connected to"), r.out());
    }

    @Test
    void usageErrorsInALineAreReportedLikeOnTheCommandLine() {
        PumRun r = shell("ping --bogus\n", "shell");
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("unknown option '--bogus' for 'pum ping'"), r.err());
    }

    @Test
    void exitStopsReading(TestDatabase db) {
        PumRun r = shell("exit\nping -p postgresql://nobody@127.0.0.1:1/x\n", "shell");
        assertEquals(0, r.exit(), r.err());
    }

    @Test
    void namedConnectionsWorkInBatchMode(TestDatabase db) {
        PumRun r = shell("connect main '" + db.uri() + "'\nping\nconnections\nuse main\ndisconnect main\n", "shell");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("connected main to"), r.out());
        assertTrue(r.out().contains("database " + db.name()), r.out());
        assertTrue(r.out().contains("* main  "), r.out());
        assertTrue(!r.out().contains("pum>") && !r.out().contains("pum main>"), "no prompts in batch mode: " + r.out());
    }

    @Test
    void dashPOfTheShellIsTheConnectionInUse(TestDatabase db) {
        PumRun r = shell("ping\nconnections\n", "shell", "-p", db.uri());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("database " + db.name()), r.out());
        assertTrue(r.out().contains("* default  "), r.out());
    }

    @Test
    void anUnterminatedQuoteStopsTheRunNamingTheLine() {
        PumRun r = shell("connections\nping -p 'half\n", "shell");
        assertEquals(2, r.exit(), r.err());
        assertTrue(r.err().contains("line 2: unterminated quote"), r.err());
    }

    @Test
    void completeprintsWhatTabWouldOffer(TestDatabase db) {
        db.execute("CREATE SCHEMA water; CREATE TABLE water.pipes(id int); CREATE TABLE water.valves(id int)");
        PumRun r = shell("connect main '" + db.uri() + "'\ncomplete -- info -t water.p\ncomplete -- check -i vi\ncomplete -- use m\n", "shell");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("\nwater.pipes\n") && !r.out().contains("water.valves"), r.out());
        assertTrue(r.out().contains("\nviews\n"), r.out());
        assertTrue(r.out().endsWith("\nmain\n"), r.out());
    }
}
