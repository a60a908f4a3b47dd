package pum.shell.internal.shell;

import java.io.PrintStream;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import pum.shell.internal.Cli;
import pum.shell.internal.Session;
import pum.shell.internal.Signals;

/**
 * Runs one shell line as the foreground command, on its own thread, so that Ctrl-C can stop it
 * and the shell can come back to the prompt. JLine owns SIGINT in the shell: while no line is
 * being read, its handler calls {@link #interrupt}.
 *
 * <p>The first Ctrl-C cancels the command: an upgrade through its {@code Cancellation} (the
 * engine cancels the statement on the server and rolls the version back), any other command by
 * a cancel request on each of the session's connections plus a thread interrupt (for waits and
 * child processes). The shell waits for the command to end and report. A second Ctrl-C closes the
 * session's connections (the server ends those sessions and rolls back) and returns to the prompt
 * without waiting any longer.
 */
public final class Foreground {
    /** Exit code of a command abandoned by a second Ctrl-C (128 + SIGINT). */
    public static final int ABANDONED = 130;

    private final Session session;
    private final PrintStream err;
    private final AtomicInteger presses = new AtomicInteger();
    private volatile Thread worker;
    private volatile CompletableFuture<Integer> result;

    /** For one shell session. */
    public Foreground(Session session) {
        this.session = session;
        this.err = session.err();
    }

    /** Runs a command line and returns its exit code, or {@link #ABANDONED}. */
    public int run(String[] words) {
        presses.set(0);
        CompletableFuture<Integer> f = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try {
                f.complete(Cli.execute(session, words));
            } catch (Throwable e) {
                f.completeExceptionally(e);
            }
        }, "pum-command");
        // an abandoned command must not keep the JVM alive after 'exit'
        t.setDaemon(true);
        result = f;
        worker = t;
        t.start();
        try {
            while (true) {
                try {
                    return f.get();
                } catch (InterruptedException e) {
                    // the shell's own thread is never meant to be interrupted: keep waiting
                }
            }
        } catch (ExecutionException e) {
            return Cli.report(e.getCause(), err, session.verbose());
        } finally {
            worker = null;
            err.flush();
            session.out().flush();
        }
    }

    /** Whether a command is running. */
    public boolean busy() {
        return worker != null;
    }

    /** Ctrl-C while a command runs (called on JLine's signal thread); nothing when none runs. */
    public void interrupt() {
        Thread t = worker;
        CompletableFuture<Integer> f = result;
        if (t == null || f == null || f.isDone()) {
            return;
        }
        if (presses.incrementAndGet() == 1) {
            if (Signals.cancelRunning("Ctrl-C")) {
                err.println("pum: Ctrl-C: cancelling the running statement and rolling back the current version"
                        + " (Ctrl-C again to stop waiting)");
            } else {
                err.println("pum: Ctrl-C: cancelling the running command (Ctrl-C again to stop waiting)");
                session.cancelStatements();
                t.interrupt();
            }
        } else {
            err.println("pum: Ctrl-C again: closing this session's connections (the server rolls back what they had open)"
                    + " and back to the prompt");
            Signals.cancelRunning("Ctrl-C");
            session.cancelStatements();
            session.dropConnections();
            t.interrupt();
            f.complete(ABANDONED);
        }
        err.flush();
    }
}
