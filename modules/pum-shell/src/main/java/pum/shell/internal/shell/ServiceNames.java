package pum.shell.internal.shell;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import pum.core.ConnectionResolver;

/**
 * The service names that pg_service.conf files define, for completion and for saying that a
 * connection name shadows a service. The files are the ones libpq reads, in its order.
 */
public final class ServiceNames {
    private ServiceNames() {
    }

    /** Every service name defined, in file order; unreadable files are skipped. */
    public static Set<String> all() {
        Set<String> names = new LinkedHashSet<>();
        for (Path f : files()) {
            try {
                for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
                    String s = line.strip();
                    if (s.startsWith("[") && s.endsWith("]") && s.length() > 2) {
                        names.add(s.substring(1, s.length() - 1).strip());
                    }
                }
            } catch (IOException | RuntimeException e) {
                // not there or unreadable: resolution reports it when the service is used
            }
        }
        return names;
    }

    /** Whether a service of this name exists. */
    public static boolean exists(String name) {
        return all().contains(name);
    }

    private static List<Path> files() {
        List<Path> files = new ArrayList<>();
        String user = System.getenv("PGSERVICEFILE");
        if (user != null && !user.isBlank()) {
            files.add(Path.of(user));
        } else {
            String home = System.getenv("HOME");
            files.add(Path.of(home != null && !home.isBlank() ? home : System.getProperty("user.home"), ".pg_service.conf"));
        }
        String sys = System.getenv("PGSYSCONFDIR");
        files.add(Path.of(sys != null && !sys.isBlank() ? sys : ConnectionResolver.DEFAULT_SYSCONFDIR, "pg_service.conf"));
        return files;
    }
}
