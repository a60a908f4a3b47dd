package pum.backup.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.LongConsumer;
import pum.backup.BackupException;
import pum.core.ErrorCode;

/**
 * Runs pg_dump or pg_restore and hands its output lines, and a tick about every
 * {@value #TICK_MILLIS} ms, to the calling thread only, so listeners need no locking.
 */
public final class ToolProcess {
    /** How often a tick is sent while the tool is silent (a long table copy prints nothing). */
    public static final long TICK_MILLIS = 500;

    private ToolProcess() {
    }

    /** One line of output. */
    private record Line(boolean stdout, String text, boolean end) {
    }

    /**
     * Removes the caller's PG* variables, so a PGSERVICE, PGDATABASE or PGPASSWORD of the shell cannot
     * change which database the tool reaches; asks for English messages, because pum reads them.
     */
    public static void cleanEnvironment(Map<String, String> env) {
        env.keySet().removeIf(k -> k.startsWith("PG"));
        env.remove("LC_ALL");
        env.put("LC_MESSAGES", "C");
    }

    /**
     * The environment for connecting to a database: cleaned, plus PGPASSFILE when a password is
     * needed. Connection details other than the password go in a conninfo string on the command line.
     */
    public static void connectionEnvironment(Map<String, String> env, TempPgPass pgpass) {
        cleanEnvironment(env);
        if (pgpass.file() != null) {
            env.put("PGPASSFILE", pgpass.file().toString());
        }
    }

    /**
     * Runs a command to its end.
     *
     * @param command  the program and its arguments
     * @param env      extra preparation of the environment
     * @param stdout   receives standard output lines, or null to discard them
     * @param stderr   receives standard error lines
     * @param started  receives the process id once it runs
     * @param tick     called about every {@value #TICK_MILLIS} ms
     * @return the exit status
     */
    public static int run(List<String> command, Consumer<Map<String, String>> env, Consumer<String> stdout,
                          Consumer<String> stderr, LongConsumer started, Runnable tick) {
        ProcessBuilder pb = new ProcessBuilder(command);
        env.accept(pb.environment());
        if (stdout == null) {
            pb.redirectOutput(ProcessBuilder.Redirect.DISCARD);
        }
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            throw new BackupException(ErrorCode.EXTERNAL_TOOL, "cannot run " + command.get(0) + ": " + e.getMessage(), null, e);
        }
        Cleanup.register(p);
        started.accept(p.pid());
        BlockingQueue<Line> lines = new LinkedBlockingQueue<>();
        int open = 1;
        try {
            p.getOutputStream().close();
            reader(p.getErrorStream(), false, lines, command.get(0));
            if (stdout != null) {
                reader(p.getInputStream(), true, lines, command.get(0));
                open = 2;
            }
            long lastTick = System.nanoTime();
            while (open > 0) {
                Line l = lines.poll(TICK_MILLIS, TimeUnit.MILLISECONDS);
                if (l != null) {
                    if (l.end()) {
                        open--;
                    } else if (l.stdout()) {
                        stdout.accept(l.text());
                    } else {
                        stderr.accept(l.text());
                    }
                }
                if (System.nanoTime() - lastTick >= TimeUnit.MILLISECONDS.toNanos(TICK_MILLIS)) {
                    tick.run();
                    lastTick = System.nanoTime();
                }
            }
            return p.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BackupException(ErrorCode.ABORTED, "interrupted; " + command.get(0) + " was stopped", null, e);
        } catch (IOException e) {
            throw new BackupException(ErrorCode.EXTERNAL_TOOL, "cannot talk to " + command.get(0) + ": " + e.getMessage(), null, e);
        } finally {
            if (p.isAlive()) {
                Cleanup.stop(p);
            }
            Cleanup.unregister(p);
        }
    }

    private static void reader(InputStream in, boolean stdout, BlockingQueue<Line> lines, String program) {
        Thread t = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                String s;
                while ((s = r.readLine()) != null) {
                    lines.add(new Line(stdout, s, false));
                }
            } catch (IOException e) {
                // the process went away; its exit status tells the rest
            } finally {
                lines.add(new Line(stdout, "", true));
            }
        }, "pum " + program + (stdout ? " stdout" : " stderr"));
        t.setDaemon(true);
        t.start();
    }
}
