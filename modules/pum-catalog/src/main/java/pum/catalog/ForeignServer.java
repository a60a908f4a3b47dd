package pum.catalog;

import java.util.List;

/**
 * A foreign server. User mappings are never read: their options hold passwords.
 *
 * @param name the server's name, quoted as needed
 * @param wrapper its foreign-data wrapper, quoted as needed
 * @param type server type, or null
 * @param version server version, or null
 * @param options options as PostgreSQL stores them ({@code key=value}), in order
 */
public record ForeignServer(String name, String wrapper, String type, String version, List<String> options) {
    /** Copies the options. */
    public ForeignServer {
        options = List.copyOf(options);
    }
}
