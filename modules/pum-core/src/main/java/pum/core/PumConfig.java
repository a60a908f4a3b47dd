package pum.core;

import java.nio.file.Path;
import java.util.List;

/**
 * The settings of a pum config file ({@code -c FILE}), PUM 0.x's keys plus pum's additions.
 * Every field may be absent (null or empty list); command-line options override them.
 *
 * @param upgradesTable    {@code upgrades_table}: schema-qualified name of the upgrades table
 * @param deltaDirs        {@code delta_dir}: one directory or a list of them
 * @param backupFile       {@code backup_file}: dump file used by test-and-upgrade
 * @param ignoreElements   {@code ignore_elements}: element kinds ignored by check
 * @param pgDumpExe        {@code pg_dump_exe}: the pg_dump program
 * @param pgRestoreExe     {@code pg_restore_exe}: the pg_restore program
 * @param ignoreFiles      {@code ignore_files}: file names in delta directories that are not deltas
 * @param lockTimeout      {@code lock_timeout}: PostgreSQL lock_timeout for upgrades (for example 10s)
 * @param statementTimeout {@code statement_timeout}: PostgreSQL statement_timeout for upgrades
 * @param embeddedBinDir   {@code embedded_bin_dir}: PostgreSQL bin directory for the embedded server
 * @param embeddedDataDir  {@code embedded_data_dir}: where the embedded server keeps its data
 * @param source           the file these settings came from, or null for defaults
 * @param strictNames      {@code strict_names}: whether files in delta directories that resemble
 *                         deltas but are not (names PUM 0.x skipped) are errors; null when not set
 * @param layout           {@code layout}: {@code flat} (PUM's: delta directories are read one level deep)
 *                         or {@code tree} (rokso's object tree {@code SCHEMA/KIND/OBJECT/}, read recursively);
 *                         null when not set (flat)
 */
public record PumConfig(String upgradesTable, List<Path> deltaDirs, Path backupFile, List<String> ignoreElements,
                        String pgDumpExe, String pgRestoreExe, List<String> ignoreFiles, String lockTimeout,
                        String statementTimeout, Path embeddedBinDir, Path embeddedDataDir, Path source,
                        Boolean strictNames, String layout) {

    /** Without a layout (flat). */
    public PumConfig(String upgradesTable, List<Path> deltaDirs, Path backupFile, List<String> ignoreElements,
                     String pgDumpExe, String pgRestoreExe, List<String> ignoreFiles, String lockTimeout,
                     String statementTimeout, Path embeddedBinDir, Path embeddedDataDir, Path source, Boolean strictNames) {
        this(upgradesTable, deltaDirs, backupFile, ignoreElements, pgDumpExe, pgRestoreExe, ignoreFiles, lockTimeout,
                statementTimeout, embeddedBinDir, embeddedDataDir, source, strictNames, null);
    }

    /** Whether {@code layout: tree}: delta directories are read recursively. */
    public boolean treeLayout() {
        return "tree".equals(layout);
    }

    /** Lists are never null. */
    public PumConfig {
        deltaDirs = deltaDirs == null ? List.of() : List.copyOf(deltaDirs);
        ignoreElements = ignoreElements == null ? List.of() : List.copyOf(ignoreElements);
        ignoreFiles = ignoreFiles == null ? List.of() : List.copyOf(ignoreFiles);
    }

    /** No config file: everything unset. */
    public static PumConfig empty() {
        return new PumConfig(null, List.of(), null, List.of(), null, null, List.of(), null, null, null, null, null, null);
    }

    /** Whether {@code strict_names} is set to true. */
    public boolean strictNamesSet() {
        return Boolean.TRUE.equals(strictNames);
    }

    /**
     * Reads a YAML config file. Relative paths are kept as written (relative to the working
     * directory, as PUM did).
     *
     * @throws PumException with {@link ErrorCode#CONFIG} naming the file, key and line on any problem
     */
    public static PumConfig load(Path file) {
        return pum.core.internal.ConfigReader.read(file);
    }
}
