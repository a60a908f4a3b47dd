package pum.shell;

import java.io.PrintStream;
import pum.shell.internal.Cli;
import pum.shell.internal.Signals;

/** The pum command line. */
public final class Main {
    private Main() {
    }

    /** Runs pum and exits with its exit code. */
    public static void main(String[] args) {
        System.setErr(Cli.maskedStandardError());
        // SIGINT/SIGTERM cancel a running upgrade cleanly; the interactive shell keeps JLine's own handling
        if (!Cli.isShell(args)) {
            Signals.install(System.err);
        }
        System.exit(run(args, System.out, System.err));
    }

    /**
     * Runs one pum command line (or the interactive shell for {@code pum shell}) without exiting.
     *
     * @return the exit code documented in {@code docs/exit-codes.md}
     */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        return Cli.run(args, System.in, out, err);
    }
}
