package pum.catalog;

import java.util.List;

/**
 * A foreign-data wrapper created by hand (those an extension creates, such as postgres_fdw's, are
 * the extension's).
 *
 * @param name the wrapper's name, quoted as needed
 * @param handler handler function (schema-qualified outside pg_catalog), or null
 * @param validator validator function, or null
 * @param options options as PostgreSQL stores them ({@code key=value}), in order
 */
public record ForeignDataWrapper(String name, String handler, String validator, List<String> options) {
    /** Copies the options. */
    public ForeignDataWrapper {
        options = List.copyOf(options);
    }
}
