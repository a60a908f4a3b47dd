package pum.core.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import pum.core.ErrorCode;
import pum.core.PumException;

/**
 * The connection keywords libpq knows, their environment variables, and the checks libpq makes
 * on their values before it connects. The keyword set is the union of libpq 15 to 18, so a
 * service written for a newer psql still works; anything else is refused, as libpq refuses it.
 */
public final class LibpqKeywords {
    /** Every keyword (case matters: libpq has no upper-case keywords). */
    public static final Set<String> ALL = Set.of(
            "service", "user", "password", "passfile", "channel_binding", "connect_timeout", "dbname", "host", "hostaddr",
            "port", "client_encoding", "options", "application_name", "fallback_application_name", "keepalives",
            "keepalives_idle", "keepalives_interval", "keepalives_count", "tcp_user_timeout", "sslmode", "sslcompression",
            "sslcert", "sslkey", "sslpassword", "sslrootcert", "sslcrl", "sslcrldir", "sslsni", "requirepeer",
            "ssl_min_protocol_version", "ssl_max_protocol_version", "gssencmode", "krbsrvname", "gsslib", "replication",
            "target_session_attrs",
            // libpq 16
            "require_auth", "sslcertmode", "gssdelegation", "load_balance_hosts",
            // libpq 17
            "sslnegotiation",
            // libpq 18
            "min_protocol_version", "max_protocol_version", "scram_client_key", "scram_server_key", "sslkeylogfile",
            "oauth_issuer", "oauth_client_id", "oauth_client_secret", "oauth_scope");

    /** Keyword to environment variable, as in libpq's option table (service's PGSERVICE is handled apart). */
    public static final Map<String, String> ENVIRONMENT = Map.ofEntries(
            Map.entry("host", "PGHOST"), Map.entry("hostaddr", "PGHOSTADDR"), Map.entry("port", "PGPORT"),
            Map.entry("dbname", "PGDATABASE"), Map.entry("user", "PGUSER"), Map.entry("password", "PGPASSWORD"),
            Map.entry("passfile", "PGPASSFILE"), Map.entry("channel_binding", "PGCHANNELBINDING"),
            Map.entry("connect_timeout", "PGCONNECT_TIMEOUT"), Map.entry("client_encoding", "PGCLIENTENCODING"),
            Map.entry("options", "PGOPTIONS"), Map.entry("application_name", "PGAPPNAME"),
            Map.entry("sslmode", "PGSSLMODE"), Map.entry("sslcompression", "PGSSLCOMPRESSION"),
            Map.entry("sslcert", "PGSSLCERT"), Map.entry("sslkey", "PGSSLKEY"), Map.entry("sslrootcert", "PGSSLROOTCERT"),
            Map.entry("sslcrl", "PGSSLCRL"), Map.entry("sslcrldir", "PGSSLCRLDIR"), Map.entry("sslsni", "PGSSLSNI"),
            Map.entry("requirepeer", "PGREQUIREPEER"), Map.entry("ssl_min_protocol_version", "PGSSLMINPROTOCOLVERSION"),
            Map.entry("ssl_max_protocol_version", "PGSSLMAXPROTOCOLVERSION"), Map.entry("gssencmode", "PGGSSENCMODE"),
            Map.entry("krbsrvname", "PGKRBSRVNAME"), Map.entry("gsslib", "PGGSSLIB"),
            Map.entry("target_session_attrs", "PGTARGETSESSIONATTRS"), Map.entry("require_auth", "PGREQUIREAUTH"),
            Map.entry("sslcertmode", "PGSSLCERTMODE"), Map.entry("gssdelegation", "PGGSSDELEGATION"),
            Map.entry("load_balance_hosts", "PGLOADBALANCEHOSTS"), Map.entry("sslnegotiation", "PGSSLNEGOTIATION"));

    /** Keywords whose value must be one of a few words. */
    private static final Map<String, List<String>> CHOICES = Map.of(
            "sslmode", List.of("disable", "allow", "prefer", "require", "verify-ca", "verify-full"),
            "gssencmode", List.of("disable", "prefer", "require"),
            "channel_binding", List.of("disable", "prefer", "require"),
            "target_session_attrs", List.of("any", "read-write", "read-only", "primary", "standby", "prefer-standby"),
            "sslcertmode", List.of("disable", "allow", "require"),
            "load_balance_hosts", List.of("disable", "random"),
            "sslnegotiation", List.of("postgres", "direct"));

    /** Keywords whose value must be a whole number (libpq allows spaces around it). */
    private static final List<String> INTEGERS = List.of("port", "connect_timeout", "keepalives", "keepalives_idle",
            "keepalives_interval", "keepalives_count", "tcp_user_timeout");

    private LibpqKeywords() {
    }

    /** A usage error for a keyword libpq does not know. */
    public static PumException unknown(String keyword, String where, String libpqWording) {
        String lower = keyword.toLowerCase(java.util.Locale.ROOT);
        String hint = !lower.equals(keyword) && ALL.contains(lower)
                ? "keywords are lower-case: write " + lower
                : "libpq's keywords include host, port, dbname, user, password, sslmode, application_name, connect_timeout";
        return new PumException(ErrorCode.USAGE, libpqWording + " \"" + keyword + "\" in " + where, hint);
    }

    /**
     * Checks values as libpq does before connecting: enumerations, whole numbers, the port's range.
     *
     * @param values keyword to value
     * @param origin keyword to where its value came from, for the message
     */
    public static void validate(Map<String, String> values, Map<String, String> origin) {
        Map<String, String> checked = new LinkedHashMap<>(values);
        checked.forEach((key, value) -> {
            String where = origin.getOrDefault(key, "the connection");
            List<String> choices = CHOICES.get(key);
            if (choices != null && !choices.contains(value)) {
                throw new PumException(ErrorCode.USAGE, "invalid " + key + " value \"" + value + "\" in " + where,
                        key + " is one of " + String.join(", ", choices));
            }
            if (INTEGERS.contains(key) && !(key.equals("port") && value.isBlank())) {
                int n;
                try {
                    n = Integer.parseInt(value.strip());
                } catch (NumberFormatException e) {
                    throw new PumException(ErrorCode.USAGE, "invalid integer value \"" + value + "\" for connection option \""
                            + key + "\" in " + where, key + " takes a whole number" + (key.equals("port") ? " (1 to 65535)" : ""));
                }
                if (key.equals("port") && (n < 1 || n > 65535)) {
                    throw new PumException(ErrorCode.USAGE, "invalid port number \"" + value + "\" in " + where,
                            "a port is a whole number from 1 to 65535");
                }
            }
        });
    }
}
