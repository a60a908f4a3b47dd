package pum.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import pum.core.ErrorCode;

/** Runs PostgreSQL's programs, which refuse to run as root. */
final class Processes {
    private static final boolean ROOT = isRoot();

    private Processes() {
    }

    /**
     * Runs a command and returns its standard output and error, merged.
     *
     * @param asServerUser as root, wrap the command in {@code unshare -U}: inside a new user
     *                     namespace the process is "nobody" and so are the files it owns, which
     *                     satisfies both postgres's refusal to run as root and its data-directory
     *                     ownership check.
     */
    static String run(List<String> command, Path log, boolean asServerUser) {
        List<String> cmd = new ArrayList<>();
        if (asServerUser && ROOT) {
            cmd.add("unshare");
            cmd.add("-U");
        }
        cmd.addAll(command);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        // the server must not inherit libpq settings meant for pum's own connections
        pb.environment().keySet().removeIf(k -> k.startsWith("PG"));
        if (log != null) {
            pb.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        }
        try {
            Process p = pb.start();
            p.getOutputStream().close();
            String out = log == null ? new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8) : "";
            int rc = p.waitFor();
            if (rc != 0) {
                String detail = log == null ? out.strip() : tail(log);
                throw new EmbeddedException(ErrorCode.EXTERNAL_TOOL, Path.of(command.get(0)).getFileName() + " failed (exit " + rc + "): "
                        + lastLines(detail, 5), log == null ? null : "see " + log, null);
            }
            return out;
        } catch (IOException e) {
            throw new EmbeddedException(ErrorCode.EXTERNAL_TOOL, "cannot run " + cmd.get(0) + ": " + e.getMessage(),
                    cmd.get(0).equals("unshare") ? "pum runs PostgreSQL as root through unshare (util-linux); install it or run pum as another user" : null, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EmbeddedException(ErrorCode.INTERNAL, "interrupted while running " + command.get(0), null, e);
        }
    }

    static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException | UncheckedIOException e) {
            throw new EmbeddedException(ErrorCode.EXTERNAL_TOOL, "cannot delete " + dir + ": " + e.getMessage(), null, e);
        }
    }

    private static String tail(Path log) {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    private static String lastLines(String text, int n) {
        String[] lines = text.strip().split("\n");
        return String.join(" | ", java.util.Arrays.copyOfRange(lines, Math.max(0, lines.length - n), lines.length));
    }

    private static boolean isRoot() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("Uid:")) {
                    return line.split("\\s+")[2].equals("0");
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux: fall back to the user name
        }
        return "root".equals(System.getProperty("user.name"));
    }
}
