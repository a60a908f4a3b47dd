package pum.shell;

import java.io.PrintStream;
import pum.shell.internal.Cli;
import pum.shell.internal.Signals;
import pum.shell.internal.Version;

/** The pum command line. */
public final class Main {
    private Main() {
    }

    /** Runs pum and exits with its exit code. */
    public static void main(String[] args) {
        if (args.length == 1 && ("--version".equals(args[0]) || "-v".equals(args[0]))) {
            // alone on the command line, the version is printed before the command line's machinery
            // (commands, options, signal handlers, masking) is set up: what scripts run to see that pum starts
            System.out.println("pum ".concat(Version.get()));
            System.exit(0);
        }
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
