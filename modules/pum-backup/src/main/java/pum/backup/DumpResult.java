package pum.backup;

import java.nio.file.Path;
import java.time.Duration;

/**
 * A finished dump.
 *
 * @param file          the dump file (absolute), mode 0600
 * @param bytes         its size
 * @param tables        how many tables pg_dump wrote the contents of
 * @param duration      how long pg_dump ran, set-up included
 * @param serverVersion the server's version number ({@code server_version_num}, e.g. 150004)
 * @param pgDump        the pg_dump that wrote it: path and version
 */
public record DumpResult(Path file, long bytes, int tables, Duration duration, int serverVersion, String pgDump) {
}
