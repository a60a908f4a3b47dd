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
 * @param success       false for a non-transactional or Python delta that failed or was interrupted, and
 *                      for pum's journal rows of failed pre-all/post-all runs
 * @param journal       pum's journal state ({@code pum_state}, {@code pum_progress}, {@code pum_statements},
 *                      nullable columns PUM 0.x does not read), or {@link Journal#NONE}
 * @param batch         the {@code pum upgrade} run that wrote the row ({@code pum_batch}, 8 hex digits), or null
 *                      (rows written by PUM 0.x, by older pum versions, or a baseline)
 */
public record AppliedDelta(int id, String version, String description, int type, String script, String checksum,
                           String installedBy, LocalDateTime installedOn, int executionTime, boolean success, Journal journal,
                           String batch) {

    /** A row without a batch. */
    public AppliedDelta(int id, String version, String description, int type, String script, String checksum,
                        String installedBy, LocalDateTime installedOn, int executionTime, boolean success, Journal journal) {
        this(id, version, description, type, script, checksum, installedBy, installedOn, executionTime, success, journal, null);
    }

    /** Whether pum rolled the row's delta back ({@code pum_state = 'rolled back'}, {@code success = false}). */
    public boolean rolledBack() {
        return ROLLED_BACK.equals(journal.state());
    }

    /** The {@code pum_state} of a row whose delta was rolled back. */
    public static final String ROLLED_BACK = "rolled back";

    /**
     * What pum's journal columns say about a row.
     *
     * @param state      null (an ordinary row), {@code running} (a non-transactional or Python delta
     *                   started and pum has not recorded its end: it crashed, was killed or lost the
     *                   server), {@code interrupted} (stopped by a signal after {@code done} statements),
     *                   {@code failed} (a statement failed), or for pre-all/post-all rows {@code failed}
     *                   and later {@code resolved}
     * @param done       statements completed (non-transactional SQL deltas), or 0
     * @param statements statements in the file, or 0 when unknown (Python)
     */
    public record Journal(String state, int done, int statements) {
        /** An ordinary row. */
        public static final Journal NONE = new Journal(null, 0, 0);

        /** Whether the row says the delta was started and not finished (crash, kill, signal). */
        public boolean interrupted() {
            return "running".equals(state) || "interrupted".equals(state);
        }
    }

    /** Rows without journal information (as PUM 0.x writes them). */
    public AppliedDelta(int id, String version, String description, int type, String script, String checksum,
                        String installedBy, LocalDateTime installedOn, int executionTime, boolean success) {
        this(id, version, description, type, script, checksum, installedBy, installedOn, executionTime, success, Journal.NONE);
    }

    /** Whether this is pum's record of a failed (or, later, resolved) pre-all or post-all run. */
    public boolean isAllRecord() {
        return journal.state() != null && (description.equals("pre-all") || description.equals("post-all"));
    }

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
