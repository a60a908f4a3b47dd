package pum.backup.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * What a killed pum must not leave behind: running pg_dump/pg_restore processes (with the
 * workers a parallel job forks) and unfinished dump files or directories. A SIGTERM or Ctrl-C
 * ends the JVM without running {@code finally} blocks, only shutdown hooks: one hook, installed
 * on first use, stops the processes first (so nothing writes any more) and then deletes the paths.
 */
public final class Cleanup {
    private static final Set<Process> PROCESSES = new LinkedHashSet<>();
    private static final Set<Path> PATHS = new LinkedHashSet<>();
    private static boolean installed;

    private Cleanup() {
    }

    /** A process to stop if pum is killed while it runs. */
    public static synchronized void register(Process p) {
        install();
        PROCESSES.add(p);
    }

    /** The process ended on its own. */
    public static synchronized void unregister(Process p) {
        PROCESSES.remove(p);
    }

    /** A file or directory to delete if pum is killed before it is complete. */
    public static synchronized void register(Path p) {
        install();
        PATHS.add(p);
    }

    /** The path is complete (or already deleted). */
    public static synchronized void unregister(Path p) {
        PATHS.remove(p);
    }

    private static void install() {
        if (!installed) {
            Runtime.getRuntime().addShutdownHook(new Thread(Cleanup::run, "pum cleanup"));
            installed = true;
        }
    }

    private static void run() {
        Set<Process> processes;
        Set<Path> paths;
        synchronized (Cleanup.class) {
            processes = new LinkedHashSet<>(PROCESSES);
            paths = new LinkedHashSet<>(PATHS);
        }
        for (Process p : processes) {
            stop(p);
        }
        for (Path p : paths) {
            deleteRecursively(p);
        }
    }

    /**
     * Stops a process and its descendants (parallel pg_dump/pg_restore workers): SIGTERM, then
     * SIGKILL for whatever is still alive after five seconds.
     */
    public static void stop(Process p) {
        // the workers are listed before the leader goes: once it exits they are reparented and lost
        Set<ProcessHandle> all = new LinkedHashSet<>();
        p.toHandle().descendants().forEach(all::add);
        all.add(p.toHandle());
        all.forEach(ProcessHandle::destroy);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        for (ProcessHandle h : all) {
            try {
                long left = deadline - System.nanoTime();
                if (left > 0) {
                    h.onExit().get(left, TimeUnit.NANOSECONDS);
                }
            } catch (Exception e) {
                // killed below
            }
            if (h.isAlive()) {
                h.destroyForcibly();
            }
        }
    }

    /** Deletes a file, or a directory and all it holds; a missing path is fine. */
    public static void deleteRecursively(Path p) {
        if (!Files.exists(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> s = Files.walk(p)) {
            s.sorted(Comparator.reverseOrder()).forEach(x -> {
                try {
                    Files.deleteIfExists(x);
                } catch (IOException e) {
                    // what cannot be deleted stays; the caller reports the path
                }
            });
        } catch (IOException e) {
            // as above
        }
    }
}
