package pum.delta;

import java.time.LocalDateTime;
import java.util.Optional;

/**
 * One row of the upgrades table.
 *
 * @param id            serial id (order of insertion)
 * @param version       the version as stored
 * @param description   the delta's name part (PUM: description), {@code baseline} for a baseline
 * @param type          type code: 0 baseline, else PRE=1 / POST=2 combined with PYTHON=4, SQL=8, JAVA=16
 * @param script        the file as given when applied (PUM stored the path); empty for a baseline
 * @param checksum      MD5 hex of the file (see {@link Checksum})
 * @param installedBy   database user who applied it
 * @param installedOn   when (server time, without time zone as in PUM's layout)
 * @param executionTime milliseconds
 * @param success       false only for a non-transactional delta that failed midway
 */
public record AppliedDelta(int id, String version, String description, int type, String script, String checksum,
                           String installedBy, LocalDateTime installedOn, int executionTime, boolean success) {

    /** The version, if it is of the form X.Y.Z. */
    public Optional<Version> parsedVersion() {
        return Version.isValid(version) ? Optional.of(Version.parse(version)) : Optional.empty();
    }

    /** Whether this is a baseline row. */
    public boolean isBaseline() {
        return type == DeltaFile.TYPE_BASELINE;
    }

    /** The file name part of {@link #script} (PUM stored a path, pum stores directory/file). */
    public String fileName() {
        int slash = Math.max(script.lastIndexOf('/'), script.lastIndexOf('\\'));
        return slash < 0 ? script : script.substring(slash + 1);
    }
}
