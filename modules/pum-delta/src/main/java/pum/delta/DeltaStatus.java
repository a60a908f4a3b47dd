package pum.delta;

/**
 * One line of {@code pum info}: a file, its upgrades-table row, or both.
 *
 * @param file  the delta file, or null for a row whose file is missing (and for the baseline)
 * @param row   the most recent matching row, or null when never applied
 * @param state the derived state
 */
public record DeltaStatus(DeltaFile file, AppliedDelta row, DeltaState state) {
    /** The version shown: the file's, else the row's; empty for pre-all/post-all. */
    public String version() {
        if (file != null) {
            return file.version() == null ? "" : file.version().toString();
        }
        return row.version();
    }

    /** The kind shown: pre-all, pre sql, delta java, baseline, .... */
    public String kind() {
        if (file != null) {
            return file.isAll() ? file.kind().label() + " " + file.language().extension() : DeltaFile.typeLabel(file.typeCode());
        }
        return DeltaFile.typeLabel(row.type());
    }

    /** The file name shown. */
    public String name() {
        return file != null ? file.fileName() : row.isBaseline() ? "" : row.fileName();
    }
}
