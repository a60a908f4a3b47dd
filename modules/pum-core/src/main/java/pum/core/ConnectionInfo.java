package pum.core;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Fully resolved connection parameters, the way libpq would use them.
 *
 * @param host     host name or address (never a socket directory: pgjdbc speaks TCP only)
 * @param port     TCP port
 * @param dbname   database name
 * @param user     role name
 * @param password password, or null when none was found (trust, peer or a later prompt)
 * @param options  other libpq keywords that were given (sslmode, application_name, ...)
 * @param source   how the user named it, for messages: {@code service "prod"}, a URI without
 *                 password, {@code embedded}, ... (masked with {@link Secrets#mask} whatever is given)
 */
public record ConnectionInfo(String host, int port, String dbname, String user, String password,
                             Map<String, String> options, String source) {

    /** Validates and copies the options into an immutable, sorted map. */
    public ConnectionInfo {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(dbname, "dbname");
        Objects.requireNonNull(user, "user");
        options = Map.copyOf(new TreeMap<>(options == null ? Map.of() : options));
        source = source == null ? "host " + host : Secrets.mask(source);
    }

    /** A short description for messages: {@code service "prod" (db1:5432/qwat as qwat_user)}. */
    public String describe() {
        return source + " (" + host + ":" + port + "/" + dbname + " as " + user + ")";
    }

    /** The same connection to another database on the same server. */
    public ConnectionInfo withDatabase(String otherDb) {
        return new ConnectionInfo(host, port, otherDb, user, password, options, source + ", database " + otherDb);
    }

    /** A libpq conninfo string without the password, suitable for logs and pg_dump's {@code -d}. */
    public String toConninfo() {
        StringBuilder sb = new StringBuilder();
        append(sb, "host", host);
        append(sb, "port", Integer.toString(port));
        append(sb, "dbname", dbname);
        append(sb, "user", user);
        options.forEach((k, v) -> append(sb, k, v));
        return sb.toString();
    }

    private static void append(StringBuilder sb, String key, String value) {
        if (sb.length() > 0) {
            sb.append(' ');
        }
        sb.append(key).append("='").append(value.replace("\\", "\\\\").replace("'", "\\'")).append('\'');
    }

    /** Never prints the password. */
    @Override
    public String toString() {
        return "ConnectionInfo[" + describe() + (password == null ? "" : ", password set") + "]";
    }
}
