package pum.shell;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import pum.shell.internal.Cli;

/**
 * One pum command line run in-process the way a user runs it, with what it printed and its exit
 * code. Standard input is empty (not a terminal) unless given.
 */
record PumRun(int exit, String out, String err) {

    /** Runs {@code pum ARGS...}. */
    static PumRun pum(String... args) {
        return withInput("", args);
    }

    /** Runs {@code pum ARGS...} with this text on standard input. */
    static PumRun withInput(String stdin, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8); PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            exit = Cli.run(args, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), o, e);
        }
        return new PumRun(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** Standard output and error together. */
    String all() {
        return out + err;
    }

    @Override
    public String toString() {
        return "exit " + exit + "\n--- stdout\n" + out + "--- stderr\n" + err;
    }
}
