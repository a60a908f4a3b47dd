package pum.delta.internal;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Runs PUM 0.x Python deltas ({@code .py}, classes extending {@code DeltaPy}) with a
 * {@code python3} from PATH and a small DeltaPy stand-in of pum's own put first on PYTHONPATH.
 * The delta opens its own connections (as under PUM), so it runs outside pum's transaction.
 */
public final class PythonDeltaRunner implements AutoCloseable {
    private static final String[] SHIM = {"deltapy.py", "runner.py"};

    private final Path python;
    private Path shimDir;

    private PythonDeltaRunner(Path python) {
        this.python = python;
    }

    /** A runner using python3 from PATH, or null when there is none. */
    public static PythonDeltaRunner find() {
        String path = System.getenv("PATH");
        if (path == null) {
            return null;
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path p = Path.of(dir, "python3");
            if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                return new PythonDeltaRunner(p);
            }
        }
        return null;
    }

    /** The python3 used. */
    public Path python() {
        return python;
    }

    /** A failed run: exit status and the last lines the delta printed (its traceback). */
    public static final class PythonError extends RuntimeException {
        private static final long serialVersionUID = 1L;

        PythonError(String message) {
            super(message);
        }
    }

    /**
     * Runs one file; lines it prints go to {@code out}.
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
        cmd.add(pgService == null ? "" : pgService);
        cmd.add(upgradesTable);
        for (Path d : dirs) {
            cmd.add(d.toString());
        }
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        Map<String, String> env = pb.environment();
        String pp = env.get("PYTHONPATH");
        env.put("PYTHONPATH", shim().toString() + (pp == null || pp.isEmpty() ? "" : File.pathSeparator + pp));
        env.put("PUM_DELTA_VARIABLES", variablesJson);
        env.put("PYTHONDONTWRITEBYTECODE", "1");
        Deque<String> tail = new ArrayDeque<>();
        int status;
        try {
            Process p = pb.start();
            running = p;
            p.getOutputStream().close();
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    out.accept(line);
                    tail.addLast(line);
                    if (tail.size() > 12) {
                        tail.removeFirst();
                    }
                }
            }
            status = p.waitFor();
        } catch (IOException e) {
            throw new PythonError("cannot run " + python + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PythonError("interrupted while running " + file);
        }
        running = null;
        if (status != 0) {
            throw new PythonError(python + " exited with status " + status
                    + (tail.isEmpty() ? "" : ":\n    " + String.join("\n    ", tail)));
        }
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
                Files.writeString(shimDir.resolve("pum").resolve("__init__.py"), "");
                Files.writeString(core.resolve("__init__.py"), "");
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
