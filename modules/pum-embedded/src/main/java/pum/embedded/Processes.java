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

    /**
     * As root, the server's programs run in a user namespace without root's privileges over other
     * users' files: they cannot create the data directory or the log file in a directory that
     * belongs to someone else. pum (still root here) creates both, owned by root, which the
     * namespace sees as its own user. Does nothing when not root.
     */
    static void prepareForServerUser(Path dataDir, Path log) {
        if (!ROOT) {
            return;
        }
        try {
            if (!Files.exists(dataDir)) {
                Files.createDirectory(dataDir, java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                        java.nio.file.attribute.PosixFilePermissions.fromString("rwx------")));
            }
            if (!Files.exists(log)) {
                Files.createFile(log);
            }
        } catch (IOException e) {
            throw new EmbeddedException(ErrorCode.CONFIG, "cannot create " + dataDir + " for the embedded server: " + e.getMessage(), null, e);
        }
        try {
            // postgres must be able to reach the directory: every parent not root's must be searchable by others
            for (Path p = dataDir.getParent(); p != null; p = p.getParent()) {
                var perms = Files.getPosixFilePermissions(p);
                boolean rootOwned = "root".equals(Files.getOwner(p).getName());
                if (!rootOwned && !perms.contains(java.nio.file.attribute.PosixFilePermission.OTHERS_EXECUTE)) {
                    throw new EmbeddedException(ErrorCode.CONFIG, "the embedded server cannot reach " + dataDir + ": " + p
                            + " belongs to " + Files.getOwner(p).getName() + " and others may not enter it",
                            "choose another embedded_data_dir (or PUM_EMBEDDED_DIR), or chmod o+x " + p, null);
                }
            }
        } catch (IOException | UnsupportedOperationException e) {
            // cannot tell: let the server try
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
