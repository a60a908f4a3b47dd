package pum.distribution;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The linked bin/pum as a separate process, as a user starts it (no JDK on the PATH, no PG*
 * variables), whose output can be read while it runs and which can be sent signals.
 */
final class PumProcess {
    static final Path IMAGE = Path.of(System.getProperty("pum.image", "target/pum"));

    /** How a finished bin/pum ended. */
    record Result(int exit, String out, String err) {
        /** Everything, for assertion messages. */
        String all() {
            return "exit " + exit + "\n--- stdout:\n" + out + "--- stderr:\n" + err;
        }

        /** The stderr lines that start with "pum: error:". */
        List<String> errorLines() {
            List<String> out = new ArrayList<>();
            for (String l : err.split("\\R")) {
                if (l.startsWith("pum: error:")) {
                    out.add(l);
                }
            }
            return out;
        }
    }

    private final List<String> command;
    private final Process process;
    private final Path out;
    private final Path err;
    private final long started = System.nanoTime();

    private PumProcess(List<String> command, Process process, Path out, Path err) {
        this.command = command;
        this.process = process;
        this.out = out;
        this.err = err;
    }

    /** Starts bin/pum with these arguments and extra environment variables. */
    static PumProcess start(Map<String, String> env, List<String> args) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(IMAGE.resolve("bin/pum").toString());
        cmd.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().remove("JAVA_HOME");
        pb.environment().put("PATH", "/usr/bin:/bin");
        pb.environment().keySet().removeIf(k -> k.startsWith("PG"));
        pb.environment().putAll(env);
        Path o = Files.createTempFile("pum-out", ".txt");
        Path e = Files.createTempFile("pum-err", ".txt");
        pb.redirectOutput(o.toFile()).redirectError(e.toFile()).redirectInput(ProcessBuilder.Redirect.PIPE);
        Process p = pb.start();
        p.getOutputStream().close();
        return new PumProcess(cmd, p, o, e);
    }

    /** Runs bin/pum to its end (at most two minutes). */
    static Result run(List<String> args) throws IOException, InterruptedException {
        return start(Map.of(), args).await(Duration.ofMinutes(2));
    }

    /** The process id (bin/pum execs the JVM, so this is pum itself). */
    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** What it printed on stdout so far. */
    String out() throws IOException {
        return Files.readString(out, StandardCharsets.UTF_8);
    }

    /** What it printed on stderr so far. */
    String err() throws IOException {
        return Files.readString(err, StandardCharsets.UTF_8);
    }

    /** Sends a signal: TERM and KILL through Process, INT with kill(1). */
    void signal(String name) throws IOException, InterruptedException {
        switch (name) {
            case "TERM" -> process.destroy();
            case "KILL" -> process.destroyForcibly();
            default -> {
                Process k = new ProcessBuilder("kill", "-" + name, Long.toString(pid())).redirectErrorStream(true).start();
                String said = new String(k.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                if (k.waitFor() != 0) {
                    fail("kill -" + name + " " + pid() + " failed: " + said);
                }
            }
        }
    }

    /** Waits for the end; a process still running after {@code max} is killed and the test fails. */
    Result await(Duration max) throws IOException, InterruptedException {
        if (!process.waitFor(max.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
            fail(String.join(" ", command) + " did not end within " + max + "\n--- stdout:\n" + out() + "--- stderr:\n" + err());
        }
        Result r = new Result(process.exitValue(), out(), err());
        Files.deleteIfExists(out);
        Files.deleteIfExists(err);
        // in the build log, for whoever reads a failure
        System.out.println("$ pum " + String.join(" ", command.subList(1, command.size())) + "   ["
                + (System.nanoTime() - started) / 1_000_000 + " ms]\n" + r.all());
        return r;
    }

    /** Kills it if it still runs (test clean-up). */
    void kill() {
        try {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        } catch (IOException e) {
            // a leftover temporary file is harmless
        }
        if (process.isAlive()) {
            process.destroyForcibly();
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
