package pum.backup.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import pum.backup.BackupException;
import pum.core.ErrorCode;

/**
 * A located pg_dump or pg_restore and its version, asked once.
 *
 * @param name    {@code pg_dump} or {@code pg_restore}
 * @param path    the executable
 * @param version what {@code --version} printed
 */
public record PgTool(String name, Path path, PgVersion version) {

    /** {@code pg_dump 15.18 (/usr/bin/pg_dump)}, for messages. */
    public String describe() {
        return name + " " + version.shortText() + " (" + path + ")";
    }

    /**
     * Finds a tool: the configured value (a path, or a bare name looked up on PATH), else {@code name}
     * on PATH; then runs it with {@code --version}.
     *
     * @param name       {@code pg_dump} or {@code pg_restore}
     * @param configured the config value ({@code pg_dump_exe}), or null
     * @param origin     where the configured value came from, for messages ({@code pg_dump_exe in pum.yaml})
     * @throws BackupException with {@link ErrorCode#EXTERNAL_TOOL} when it is missing, not executable
     *                         or does not print a version
     */
    public static PgTool locate(String name, String configured, String origin) {
        String installHint = "install the PostgreSQL client programs (Debian/Ubuntu: apt-get install postgresql-client)"
                + " or set " + name + "_exe in the config file to the full path of " + name;
        Path exe;
        if (configured != null && !configured.isBlank()) {
            if (configured.contains("/")) {
                exe = Path.of(configured);
                if (!Files.exists(exe)) {
                    throw new BackupException(ErrorCode.EXTERNAL_TOOL, origin + " is " + configured + ", which does not exist",
                            "correct " + name + "_exe in the config file, or remove it to use " + name + " from PATH", null);
                }
            } else {
                exe = onPath(configured);
                if (exe == null) {
                    throw new BackupException(ErrorCode.EXTERNAL_TOOL, origin + " is \"" + configured + "\", which is not on PATH ("
                            + System.getenv("PATH") + ")", installHint, null);
                }
            }
        } else {
            exe = onPath(name);
            if (exe == null) {
                throw new BackupException(ErrorCode.EXTERNAL_TOOL, name + " was not found on PATH (" + System.getenv("PATH") + ")",
                        installHint, null);
            }
        }
        if (Files.isDirectory(exe) || !Files.isExecutable(exe)) {
            throw new BackupException(ErrorCode.EXTERNAL_TOOL, exe + " is not an executable program",
                    "point " + name + "_exe in the config file at the " + name + " program", null);
        }
        return new PgTool(name, exe, askVersion(name, exe));
    }

    private static Path onPath(String program) {
        String path = System.getenv("PATH");
        if (path == null) {
            return null;
        }
        for (String dir : path.split(java.io.File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(dir, program);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    private static PgVersion askVersion(String name, Path exe) {
        ProcessBuilder pb = new ProcessBuilder(exe.toString(), "--version").redirectErrorStream(true);
        ToolProcess.cleanEnvironment(pb.environment());
        List<String> lines = new ArrayList<>();
        int status;
        try {
            Process p = pb.start();
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new BackupException(ErrorCode.EXTERNAL_TOOL, exe + " --version did not answer within 30 s", null, null);
            }
            status = p.exitValue();
            out.lines().forEach(lines::add);
        } catch (IOException e) {
            throw new BackupException(ErrorCode.EXTERNAL_TOOL, "cannot run " + exe + ": " + e.getMessage(),
                    "check that it is a " + name + " program for this machine", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BackupException(ErrorCode.ABORTED, "interrupted while asking " + exe + " for its version", null, e);
        }
        PgVersion v = lines.isEmpty() ? null : PgVersion.parseToolOutput(lines.get(0));
        if (status != 0 || v == null || !lines.get(0).startsWith(name)) {
            throw new BackupException(ErrorCode.EXTERNAL_TOOL, exe + " --version "
                    + (status != 0 ? "failed with exit status " + status : "did not print a " + name + " version")
                    + (lines.isEmpty() ? "" : ": " + lines.get(0)),
                    "point " + name + "_exe in the config file at a PostgreSQL " + name, null, status, lines);
        }
        return v;
    }

    /**
     * pg_dump programs of at least a major installed in Debian's usual place, for hints: pum never
     * picks one itself, because which client to trust is the user's call.
     */
    public static List<Path> installedAtLeast(String name, int major) {
        List<Path> found = new ArrayList<>();
        Path root = Path.of("/usr/lib/postgresql");
        if (!Files.isDirectory(root)) {
            return found;
        }
        try (var dirs = Files.list(root)) {
            dirs.sorted().forEach(d -> {
                String n = d.getFileName().toString();
                if (n.matches("\\d+") && Integer.parseInt(n) >= major && Files.isExecutable(d.resolve("bin").resolve(name))) {
                    found.add(d.resolve("bin").resolve(name));
                }
            });
        } catch (IOException e) {
            // only a hint
        }
        return found;
    }
}
