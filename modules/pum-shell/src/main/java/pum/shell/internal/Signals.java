package pum.shell.internal;

import java.io.PrintStream;
import pum.delta.Cancellation;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * SIGINT and SIGTERM for one command line. While a command that writes to a database runs with a
 * {@link Cancellation} (upgrade, test-and-upgrade), the first signal cancels it: the engine
 * cancels the running statement on the server, rolls the version back and the command ends with
 * one line saying where the database stands; the exit code is then 128 + the signal's number (130
 * for SIGINT, 143 for SIGTERM). If that takes longer than {@link #GRACE_MS}, or on a second
 * signal, pum exits at once: the server rolls back the open transaction when the connection
 * closes, and nothing was committed that had not been reported. Other commands exit at once.
 */
public final class Signals {
    static final long GRACE_MS = 15_000;

    private static volatile Cancellation current;
    private static volatile int received;
    private static volatile PrintStream err = System.err;
    private static volatile boolean installed;
    private static final java.util.Map<String, SignalHandler> DEFAULTS = new java.util.concurrent.ConcurrentHashMap<>();

    private Signals() {
    }

    /**
     * Installs the handlers; called by {@code Main.main} only, so that a program embedding the CLI
     * through {@code Main.run} keeps its own signal handling. A signal while no cancellable
     * command runs gets the JVM's default behaviour (exit 130 or 143).
     */
    public static synchronized void install(PrintStream errors) {
        err = errors;
        if (installed) {
            return;
        }
        installed = true;
        for (String name : new String[] {"INT", "TERM"}) {
            try {
                DEFAULTS.put(name, Signal.handle(new Signal(name), s -> on(s, "SIG" + name)));
            } catch (IllegalArgumentException e) {
                // a JVM started with -Xrs, or a signal ignored by the parent: the default behaviour stays
            }
        }
    }

    /** Makes {@code c} the operation the next signal cancels, until the handle is closed. */
    public static AutoCloseable cancelling(Cancellation c) {
        current = c;
        return () -> current = null;
    }

    /**
     * The interactive shell's Ctrl-C (JLine owns SIGINT there): cancels the running command's
     * {@link Cancellation}, if it has one.
     *
     * @return whether there was one to cancel
     */
    public static boolean cancelRunning(String why) {
        Cancellation c = current;
        if (c == null) {
            return false;
        }
        c.cancel(why);
        return true;
    }

    /** 128 + the number of the signal received during this process, or 0. */
    public static int exitCode() {
        return received == 0 ? 0 : 128 + received;
    }

    private static void on(Signal signal, String name) {
        int number = signal.getNumber();
        Cancellation c = current;
        if ((c == null || !c.active()) && received == 0) {
            // nothing is running statements that a cancel would roll back: the JVM's own exit,
            // whose shutdown hooks stop pg_dump/pg_restore and remove partial files
            if (c != null) {
                c.cancel(name);
            }
            received = number;
            SignalHandler dfl = DEFAULTS.get(signal.getName());
            if (dfl != null && dfl != SignalHandler.SIG_DFL && dfl != SignalHandler.SIG_IGN) {
                dfl.handle(signal);
            } else {
                Runtime.getRuntime().halt(128 + number);
            }
            return;
        }
        if (received != 0) {
            err.println("pum: " + name + " again: exiting now; the server rolls back the open transaction when the connection closes");
            err.flush();
            Runtime.getRuntime().halt(128 + received);
        }
        received = number;
        err.println("pum: " + name + ": stopping: cancelling the running statement and rolling back the current version");
        err.flush();
        c.cancel(name);
        Thread watchdog = new Thread(() -> {
            try {
                Thread.sleep(GRACE_MS);
            } catch (InterruptedException e) {
                return;
            }
            err.println("pum: still stopping after " + GRACE_MS / 1000 + " s: exiting now; the server rolls back the open transaction when the connection closes");
            err.flush();
            // exit, not halt: the shutdown hooks stop child processes and remove partial files
            Runtime.getRuntime().exit(128 + number);
        }, "pum-signal-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
    }
}
