package pum.catalog.internal;

/**
 * The server's version, for the few places where catalogs differ between majors. Differences are
 * chosen here, in Java, so the SQL of a reader is never edited as text.
 *
 * @param versionNum {@code server_version_num}, such as 170011
 */
public record Server(int versionNum) {
    /** Whether the server's major is at least {@code major}. */
    public boolean atLeast(int major) {
        return versionNum >= major * 10000;
    }

    /** The major version. */
    public int major() {
        return versionNum / 10000;
    }
}
