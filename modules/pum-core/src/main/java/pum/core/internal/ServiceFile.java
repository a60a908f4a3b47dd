package pum.core.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import pum.core.ConnectionResolver;
import pum.core.ErrorCode;
import pum.core.PgEnvironment;
import pum.core.PumException;

/**
 * Reads pg_service.conf the way libpq does: the user's file (PGSERVICEFILE or ~/.pg_service.conf)
 * first, the system file (PGSYSCONFDIR/pg_service.conf) only when the service is not in the
 * user's file. Unlike pgjdbc, any libpq keyword is accepted and passed on.
 */
public final class ServiceFile {
    /**
     * A service's keywords and the file they came from.
     *
     * @param file   the service file
     * @param values keyword to value, in file order
     */
    public record Section(Path file, Map<String, String> values) {
    }

    private ServiceFile() {
    }

    /** The keywords of a service, or a CONNECTION error naming the files searched. */
    public static Section lookup(String service, PgEnvironment env) {
        List<Path> searched = new ArrayList<>();
        String explicit = env.get("PGSERVICEFILE");
        Path user = explicit != null ? Path.of(explicit) : env.home().resolve(".pg_service.conf");
        if (explicit != null && !Files.isRegularFile(user)) {
            throw new PumException(ErrorCode.CONNECTION, "service file \"" + user + "\" (PGSERVICEFILE) not found",
                    "fix or unset PGSERVICEFILE");
        }
        searched.add(user);
        Map<String, String> found = read(user, service);
        Path from = user;
        if (found == null) {
            String sysconf = env.get("PGSYSCONFDIR");
            Path system = Path.of(sysconf != null ? sysconf : ConnectionResolver.DEFAULT_SYSCONFDIR, "pg_service.conf");
            searched.add(system);
            found = read(system, service);
            from = system;
        }
        if (found == null) {
            throw new PumException(ErrorCode.CONNECTION,
                    "service \"" + service + "\" not found (searched " + searched.get(0) + ", " + searched.get(1) + ")",
                    "define [" + service + "] in one of those files, or pass a postgresql:// URI or a conninfo string");
        }
        return new Section(from, found);
    }

    /** The section's keywords, or null when the file or the section does not exist. */
    static Map<String, String> read(Path file, String service) {
        if (!Files.isRegularFile(file)) {
            return null;
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new PumException(ErrorCode.CONNECTION, "cannot read service file " + file + ": " + e.getMessage(), null, e);
        }
        Map<String, String> section = null;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (line.startsWith("[")) {
                if (section != null) {
                    return section;
                }
                if (!line.endsWith("]")) {
                    throw new PumException(ErrorCode.CONNECTION, "syntax error in service file " + file + ", line " + (i + 1) + ": " + line);
                }
                if (line.substring(1, line.length() - 1).strip().equals(service)) {
                    section = new LinkedHashMap<>();
                }
                continue;
            }
            if (section == null) {
                continue;
            }
            int eq = line.indexOf('=');
            if (eq <= 0) {
                throw new PumException(ErrorCode.CONNECTION, "syntax error in service file " + file + ", line " + (i + 1) + ": " + line,
                        "each line of a service must be keyword=value");
            }
            String key = line.substring(0, eq).strip();
            if (key.equals("service")) {
                throw new PumException(ErrorCode.CONNECTION, "nested service specifications not supported in service file " + file + ", line " + (i + 1));
            }
            if (!LibpqKeywords.ALL.contains(key)) {
                throw LibpqKeywords.unknown(key, "service file " + file + ", line " + (i + 1), "invalid connection option");
            }
            section.putIfAbsent(key, line.substring(eq + 1).strip());
        }
        return section;
    }
}
