package pum.core;

import java.nio.file.Path;
import java.util.Map;

/**
 * What libpq looks at besides the connection string: environment variables, the home directory
 * (for ~/.pg_service.conf and ~/.pgpass) and the operating-system user name (the default role).
 * Tests build their own; the CLI uses {@link #system()}.
 *
 * @param env    environment variables (PGHOST, PGSERVICE, PGSERVICEFILE, ...)
 * @param home   the user's home directory: {@code $HOME}, as libpq uses it
 * @param osUser the operating-system user name
 */
public record PgEnvironment(Map<String, String> env, Path home, String osUser) {

    /** Copies the variables. */
    public PgEnvironment {
        env = Map.copyOf(env);
    }

    /** The environment of this process. */
    public static PgEnvironment system() {
        // libpq reads $HOME; the JVM's user.home comes from the password database and ignores it.
        String home = System.getenv("HOME");
        return new PgEnvironment(System.getenv(), Path.of(home != null && !home.isEmpty() ? home : System.getProperty("user.home")),
                System.getProperty("user.name"));
    }

    /** The value of a variable, or null when unset or empty. */
    public String get(String name) {
        String v = env.get(name);
        return v == null || v.isEmpty() ? null : v;
    }
}
