package pum.delta.internal;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Runs PUM 0.x Python deltas ({@code .py}, classes extending {@code DeltaPy}) with a chosen
 * {@code python3} and a small DeltaPy stand-in of pum's own put first on PYTHONPATH, together with
 * a {@code pum-0.10.0.dist-info}: deltas that ask for the installed {@code pum} distribution
 * ({@code pkg_resources.get_distribution("pum")}, {@code importlib.metadata.version("pum")}) see
 * the PUM API level pum implements. The delta opens its own connections (as under PUM), so it runs
 * outside pum's transaction.
 */
public final class PythonDeltaRunner implements AutoCloseable {
    private static final String[] SHIM = {"deltapy.py", "runner.py"};
    /** The PUM release whose Python API the shim implements. */
    public static final String PUM_API_LEVEL = "0.10.0";
    /** Names the interpreter explicitly, as a path or a command on PATH. */
    public static final String ENV = "PUM_PYTHON";
    private static final int TAIL = 40;

    private final Path python;
    private final String why;
    private Path shimDir;

    private PythonDeltaRunner(Path python, String why) {
        this.python = python;
        this.why = why;
    }

    /**
     * The interpreter deltas run with: {@code $PUM_PYTHON} when set; otherwise the first
     * {@code python3} on PATH that can import psycopg2 (what PUM deltas use to connect), trying
     * {@code /usr/bin/python3} last (a pyenv or virtualenv python3 first on PATH often lacks the
     * distribution's python3-psycopg2); otherwise the first {@code python3} on PATH. Null when
     * there is none.
     */
    public static PythonDeltaRunner find() {
        return find(System.getenv(ENV), System.getenv("PATH"));
    }

    /** Choices already made in this process (test-and-upgrade upgrades twice): probing starts interpreters. */
    private static final Map<String, PythonDeltaRunner> CHOSEN = new java.util.concurrent.ConcurrentHashMap<>();

    static PythonDeltaRunner find(String explicit, String path) {
        String key = explicit + "\u0000" + path;
        PythonDeltaRunner known = CHOSEN.get(key);
        if (known != null) {
            return new PythonDeltaRunner(known.python, known.why);
        }
        PythonDeltaRunner chosen = choose(explicit, path);
        if (chosen != null) {
            CHOSEN.put(key, chosen);
        }
        return chosen;
    }

    private static PythonDeltaRunner choose(String explicit, String path) {
        if (explicit != null && !explicit.isBlank()) {
            Path p = explicit.contains(File.separator) ? Path.of(explicit) : onPath(explicit, path).stream().findFirst().orElse(Path.of(explicit));
            return new PythonDeltaRunner(p, "set by " + ENV);
        }
        List<Path> candidates = new ArrayList<>(onPath("python3", path));
        Path system = Path.of("/usr/bin/python3");
        if (Files.isExecutable(system) && candidates.stream().noneMatch(c -> sameFile(c, system))) {
            candidates.add(system);
        }
        if (candidates.isEmpty()) {
            return null;
        }
        for (Path c : candidates) {
            if (canImportPsycopg2(c)) {
                return new PythonDeltaRunner(c, candidates.size() == 1 ? "the python3 on PATH" : "the first python3 that can import psycopg2");
            }
        }
        return new PythonDeltaRunner(candidates.get(0), "the first python3 on PATH; none of " + candidates
                + " can import psycopg2 (install python3-psycopg2, or set " + ENV + ")");
    }

    private static List<Path> onPath(String name, String path) {
        List<Path> found = new ArrayList<>();
        if (path == null) {
            return found;
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path p = Path.of(dir, name);
            if (Files.isRegularFile(p) && Files.isExecutable(p) && found.stream().noneMatch(f -> sameFile(f, p))) {
                found.add(p);
            }
        }
        return found;
    }

    private static boolean sameFile(Path a, Path b) {
        try {
            return a.toRealPath().equals(b.toRealPath());
        } catch (IOException e) {
            return a.equals(b);
        }
    }

    private static boolean canImportPsycopg2(Path python) {
        try {
            Process p = new ProcessBuilder(python.toString(), "-c", "import psycopg2")
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            p.getOutputStream().close();
            if (!p.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return false;
            }
            return p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The python3 used. */
    public Path python() {
        return python;
    }

    /** The interpreter and why it was chosen, for messages: {@code /usr/bin/python3 (the first python3 that can import psycopg2)}. */
    public String describe() {
        return python + " (" + why + ")";
    }

    /** A failed run: exit status, the interpreter, and the last lines the delta wrote to stderr (its traceback). */
    public static final class PythonError extends RuntimeException {
        private static final long serialVersionUID = 1L;

        PythonError(String message) {
            super(message);
        }
    }

    /**
     * Runs one file. Lines it prints on stdout go to {@code out} as they come; what it writes on
     * stderr goes to {@code out} after a successful run, and into the {@link PythonError} of a
     * failed one (so that a traceback is shown once).
     *
     * @throws PythonError when it exits with a non-zero status
     */
    public void run(Path file, String currentVersion, String pgService, String upgradesTable, List<Path> dirs,
                    String variablesJson, Consumer<String> out) {
        List<String> cmd = new ArrayList<>();
        cmd.add(python.toString());
        cmd.add(shim().resolve("runner.py").toString());
        cmd.add(file.toAbsolutePath().toString());
        cmd.add(currentVersion);
        // the connection string may hold a password: the environment, not the argument list that ps shows
        cmd.add("");
        cmd.add(upgradesTable);
        for (Path d : dirs) {
            cmd.add(d.toString());
        }
        ProcessBuilder pb = new ProcessBuilder(cmd);
        Map<String, String> env = pb.environment();
        String pp = env.get("PYTHONPATH");
        env.put("PYTHONPATH", shim().toString() + (pp == null || pp.isEmpty() ? "" : File.pathSeparator + pp));
        env.put("PUM_DELTA_VARIABLES", variablesJson);
        env.put("PUM_DELTA_PG_SERVICE", pgService == null ? "" : pgService);
        env.put("PUM_PARENT_PID", Long.toString(ProcessHandle.current().pid()));
        env.put("PYTHONDONTWRITEBYTECODE", "1");
        env.put("PYTHONUNBUFFERED", "1");
        List<String> errLines = java.util.Collections.synchronizedList(new ArrayList<>());
        int status;
        try {
            Process p = pb.start();
            running = p;
            p.getOutputStream().close();
            Thread errReader = new Thread(() -> {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = r.readLine()) != null) {
                        errLines.add(line);
                    }
                } catch (IOException e) {
                    // the process is gone; what was read is kept
                }
            }, "pum-python-stderr");
            errReader.setDaemon(true);
            errReader.start();
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    out.accept(line);
                }
            }
            status = p.waitFor();
            errReader.join(5000);
        } catch (IOException e) {
            throw new PythonError("cannot run " + describe() + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PythonError("interrupted while running " + file);
        }
        running = null;
        List<String> err;
        synchronized (errLines) {
            err = new ArrayList<>(errLines);
        }
        if (status != 0) {
            List<String> tail = err.size() > TAIL ? err.subList(err.size() - TAIL, err.size()) : err;
            throw new PythonError(describe() + " exited with status " + status
                    + (tail.isEmpty() ? "" : ":\n    " + String.join("\n    ", tail)));
        }
        err.forEach(out);
    }

    private volatile Process running;

    /** Stops the running Python delta, if any, and its children (cancellation). */
    public void cancel() {
        Process p = running;
        if (p != null) {
            p.descendants().forEach(ProcessHandle::destroy);
            p.destroy();
        }
    }

    private synchronized Path shim() {
        if (shimDir == null) {
            try {
                shimDir = Files.createTempDirectory("pum-deltapy");
                Path core = Files.createDirectories(shimDir.resolve("pum").resolve("core"));
                Files.writeString(shimDir.resolve("pum").resolve("__init__.py"), "__version__ = \"" + PUM_API_LEVEL + "\"\n");
                Files.writeString(core.resolve("__init__.py"), "");
                // what pkg_resources.get_distribution("pum") and importlib.metadata.version("pum") read
                Path dist = Files.createDirectories(shimDir.resolve("pum-" + PUM_API_LEVEL + ".dist-info"));
                Files.writeString(dist.resolve("METADATA"), "Metadata-Version: 2.1\nName: pum\nVersion: " + PUM_API_LEVEL
                        + "\nSummary: pum's stand-in for the PUM " + PUM_API_LEVEL + " Python API that Python deltas use\n");
                Files.writeString(dist.resolve("top_level.txt"), "pum\n");
                Files.writeString(dist.resolve("INSTALLER"), "pum\n");
                for (String name : SHIM) {
                    try (InputStream in = PythonDeltaRunner.class.getResourceAsStream("python/" + name)) {
                        if (in == null) {
                            throw new PythonError("pum.delta is missing its Python shim " + name);
                        }
                        Files.write(name.equals("deltapy.py") ? core.resolve(name) : shimDir.resolve(name), in.readAllBytes());
                    }
                }
            } catch (IOException e) {
                throw new PythonError("cannot write the DeltaPy shim: " + e.getMessage());
            }
        }
        return shimDir;
    }

    /** Removes the shim's temporary files. */
    @Override
    public synchronized void close() {
        if (shimDir == null) {
            return;
        }
        try (var walk = Files.walk(shimDir)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary directory left behind
        }
        shimDir = null;
    }

    /** Variables as a JSON object (numbers stay numbers, strings are escaped). */
    public static String json(Map<String, Object> vars) {
        StringBuilder sb = new StringBuilder("{");
        boolean first = true;
        for (Map.Entry<String, Object> e : new java.util.TreeMap<>(vars).entrySet()) {
            if (!first) {
                sb.append(", ");
            }
            first = false;
            sb.append(str(e.getKey())).append(": ");
            Object v = e.getValue();
            if (v instanceof Long || v instanceof Integer || (v instanceof Double d && !d.isNaN() && !d.isInfinite())) {
                sb.append(v);
            } else {
                sb.append(str(String.valueOf(v)));
            }
        }
        return sb.append('}').toString();
    }

    private static String str(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') {
                sb.append('\\').append(c);
            } else if (c < 0x20) {
                sb.append(String.format("\\u%04x", (int) c));
            } else {
                sb.append(c);
            }
        }
        return sb.append('"').toString();
    }
}
