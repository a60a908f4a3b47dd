package pum.delta;

import java.util.ArrayList;
import java.util.List;

/**
 * Asks a running upgrade to stop. The CLI cancels on SIGINT and SIGTERM, the shell on Ctrl-C; any
 * thread may call {@link #cancel}. The engine then cancels the running statement on the server,
 * rolls the current version back (the COMMIT of a version is sent only after its last statement
 * has completed), and ends with a {@link DeltaException} of reason
 * {@link DeltaException.Reason#INTERRUPTED} whose message says which version was interrupted and
 * where the database stands.
 */
public final class Cancellation {
    private final List<Runnable> hooks = new ArrayList<>();
    private volatile String why;

    /** A cancellation that nothing has asked for yet. */
    public Cancellation() {
    }

    /** Asks the operation to stop; {@code why} (for example "SIGTERM") appears in its message. Idempotent. */
    public void cancel(String why) {
        List<Runnable> run;
        synchronized (this) {
            if (this.why != null) {
                return;
            }
            this.why = why == null ? "cancelled" : why;
            run = new ArrayList<>(hooks);
        }
        for (Runnable r : run) {
            try {
                r.run();
            } catch (RuntimeException e) {
                // cancelling is best effort; the engine checks isCancelled() between statements too
            }
        }
    }

    /** Whether {@link #cancel} was called. */
    public boolean isCancelled() {
        return why != null;
    }

    /** What asked to stop, or null. */
    public String why() {
        return why;
    }

    /**
     * For the engine: runs {@code hook} on cancellation (at once if already cancelled) until the
     * returned handle is closed. The hook must not block for long (it runs on a signal thread).
     */
    public AutoCloseable onCancel(Runnable hook) {
        boolean now;
        synchronized (this) {
            now = why != null;
            if (!now) {
                hooks.add(hook);
            }
        }
        if (now) {
            hook.run();
        }
        return () -> {
            synchronized (this) {
                hooks.remove(hook);
            }
        };
    }
}
