package pum.backup;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import pum.backup.internal.Cleanup;
import pum.backup.internal.PgTool;
import pum.backup.internal.PgVersion;
import pum.backup.internal.ReadPosition;
import pum.backup.internal.TempPgPass;
import pum.backup.internal.ToolOutput;
import pum.backup.internal.ToolProcess;
import pum.core.ConnectionInfo;
import pum.core.Database;
import pum.core.ErrorCode;
import pum.core.PumConfig;

/**
 * Dumps a database to a file and restores one from it, with pg_dump and pg_restore.
 * <pre>{@code
 * Backup backup = Backup.using(config).withListener(progress -> ...);
 * DumpResult d = backup.dump(prod, DumpOptions.defaults(), Path.of("prod.backup"));
 * RestoreResult r = backup.restore(test, new RestoreOptions(List.of(), true), d.file());
 * }</pre>
 * <ul>
 *   <li>The programs are {@code pg_dump_exe} / {@code pg_restore_exe} of the config, else found on
 *       PATH; each is located and asked for its version once per {@code Backup}.</li>
 *   <li>Passwords reach the tools through a temporary password file of mode 0600, deleted
 *       afterwards; never on a command line, in the environment or in a log. The caller's PG*
 *       variables are not passed on.</li>
 *   <li>A dump is written to a temporary file next to the target and renamed when pg_dump
 *       succeeded; the file has mode 0600.</li>
 * </ul>
 * Instances are immutable and may be shared; a dump or restore blocks the calling thread.
 */
public final class Backup {
    private static final pum.core.LazyLog LOG = pum.core.LazyLog.of(Backup.class);

    private final String pgDumpExe;
    private final String pgRestoreExe;
    private final String origin;
    private final BackupProgress.Listener listener;
    private final Tools tools;

    private Backup(String pgDumpExe, String pgRestoreExe, String origin, BackupProgress.Listener listener, Tools tools) {
        this.pgDumpExe = pgDumpExe;
        this.pgRestoreExe = pgRestoreExe;
        this.origin = origin;
        this.listener = listener;
        this.tools = tools;
    }

    /** Uses {@code pg_dump_exe} and {@code pg_restore_exe} of a config, each else from PATH. */
    public static Backup using(PumConfig config) {
        String origin = config.source() == null ? "the config" : config.source().toString();
        return new Backup(config.pgDumpExe(), config.pgRestoreExe(), origin, BackupProgress.Listener.NONE, new Tools());
    }

    /**
     * Uses the given programs.
     *
     * @param pgDumpExe    path or name of pg_dump, or null to search PATH for {@code pg_dump}
     * @param pgRestoreExe path or name of pg_restore, or null to search PATH for {@code pg_restore}
     */
    public static Backup using(String pgDumpExe, String pgRestoreExe) {
        return new Backup(pgDumpExe, pgRestoreExe, "the given settings", BackupProgress.Listener.NONE, new Tools());
    }

    /** The same programs, reporting progress to a listener. */
    public Backup withListener(BackupProgress.Listener progressListener) {
        return new Backup(pgDumpExe, pgRestoreExe, origin, progressListener, tools);
    }

    /**
     * Dumps a database into a custom-format archive (one job) or a directory-format dump (more).
     * <p>Before anything is written, checks that pg_dump can dump the server: pg_dump reads servers of
     * its own major and older only.
     *
     * @param db      the database to dump
     * @param options what to leave out
     * @param file    the dump file (a directory for a directory-format dump); replaced if it exists,
     *                only once the new dump is complete
     * @return the file, its size and timings
     * @throws BackupException {@link ErrorCode#EXTERNAL_TOOL} when pg_dump is missing, too old for the
     *                         server, or fails (with its messages in {@link BackupException#toolOutput()});
     *                         {@link ErrorCode#USAGE} when the file cannot be created there
     * @throws pum.core.PumException {@link ErrorCode#CONNECTION} when the database cannot be reached
     */
    public DumpResult dump(ConnectionInfo db, DumpOptions options, Path file) {
        long start = System.nanoTime();
        PgTool pgDump = pgDump();
        PgVersion server;
        int tables;
        try (Connection c = Database.connect(db)) {
            server = PgVersion.fromServerVersionNum(serverVersionNum(c, db));
            tables = server.major() > pgDump.version().major() ? 0 : countTables(c, db, options.excludeSchemas());
        } catch (SQLException e) {
            throw new BackupException(ErrorCode.DATABASE, "cannot read " + db.describe() + ": " + e.getMessage(), null, e);
        }
        if (server.major() > pgDump.version().major()) {
            throw tooOld(pgDump, server, db);
        }
        Path target = file.toAbsolutePath().normalize();
        Path temp = temporaryNextTo(target, options.directory());
        // an interrupted pum (SIGTERM, Ctrl-C) runs no finally blocks, only exit hooks
        Cleanup.register(temp);
        boolean moved = false;
        ToolOutput out = ToolOutput.dump();
        try (TempPgPass pgpass = TempPgPass.forPassword(db.password())) {
            List<String> cmd = new ArrayList<>(List.of(pgDump.path().toString(),
                    options.directory() ? "--format=directory" : "--format=custom", "--verbose", "--no-password",
                    "--file=" + temp));
            if (options.jobs() > 1) {
                cmd.add("--jobs=" + options.jobs());
            }
            for (String s : options.excludeSchemas()) {
                cmd.add("--exclude-schema=" + s);
            }
            cmd.add("--dbname=" + conninfo(db));
            LOG.info("running {}", String.join(" ", cmd));
            long toolStart = System.nanoTime();
            int status = ToolProcess.run(cmd, env -> ToolProcess.connectionEnvironment(env, pgpass), null,
                    line -> {
                        if (out.accept(line)) {
                            report(BackupProgress.Operation.DUMP, out, tables, size(temp), -1, toolStart, false);
                        }
                        LOG.debug("{}", line);
                    },
                    pid -> { },
                    () -> report(BackupProgress.Operation.DUMP, out, tables, size(temp), -1, toolStart, false));
            if (status != 0) {
                throw new BackupException(ErrorCode.EXTERNAL_TOOL, pgDump.name() + " failed with exit status " + status
                        + " dumping " + db.describe() + (out.kept().isEmpty() ? "" : ": " + firstError(out.kept())),
                        "nothing was written to " + target + "; see pg_dump's messages above", null, status, out.kept());
            }
            report(BackupProgress.Operation.DUMP, out, tables, size(temp), -1, toolStart, true);
            moveIntoPlace(temp, target);
            moved = true;
        } finally {
            if (!moved) {
                Cleanup.deleteRecursively(temp);
                if (Files.exists(temp)) {
                    LOG.warn("could not delete the unfinished dump {}", temp);
                }
            }
            Cleanup.unregister(temp);
        }
        return new DumpResult(target, size(target), out.done(), Duration.ofNanos(System.nanoTime() - start),
                server.major() * 10000 + server.minor(), pgDump.describe());
    }

    /**
     * Restores a custom-format archive or a directory-format dump into an existing database,
     * without the original owners ({@code --no-owner}). Nothing is restored into a database that
     * holds objects ({@link #userObjectCount}) unless {@link RestoreOptions#clean()} says to drop
     * what the dump contains first; the caller asks the user about that. Unless told otherwise
     * ({@link RestoreOptions#verify()}), the whole dump is read first, so a damaged file is
     * refused before anything changes.
     *
     * @param db      the database to restore into; it must exist
     * @param options what to leave out, and whether failed statements are tolerated
     * @param file    a dump made by pg_dump in custom format
     * @return counts and timings; with {@link RestoreOptions#ignoreErrors()}, the errors that were ignored
     * @throws BackupException {@link ErrorCode#EXTERNAL_TOOL} when pg_restore is missing, cannot read the
     *                         file, stops on a fatal error, or (without ignoreErrors) any statement
     *                         failed: pg_restore's messages are in {@link BackupException#toolOutput()};
     *                         {@link ErrorCode#USAGE} when the file is missing, not a dump, truncated
     *                         or corrupt, or the database is not empty and clean was not asked for
     * @throws pum.core.PumException {@link ErrorCode#CONNECTION} when the database cannot be reached
     */
    public RestoreResult restore(ConnectionInfo db, RestoreOptions options, Path file) {
        long start = System.nanoTime();
        Path source = file.toAbsolutePath().normalize();
        boolean directory = Files.isDirectory(source) && Files.isRegularFile(source.resolve("toc.dat"));
        if (!Files.isRegularFile(source) && !directory) {
            throw new BackupException(ErrorCode.USAGE, "dump file " + source + (Files.isDirectory(source)
                    ? " is a directory but not a directory-format dump (no toc.dat)" : Files.exists(source) ? " is not a regular file" : " does not exist"),
                    "name a file written by 'pum dump' or 'pg_dump -Fc', or a directory written by 'pum dump -j N'", null);
        }
        if (!Files.isReadable(source)) {
            throw new BackupException(ErrorCode.USAGE, "dump file " + source + " is not readable", "check its permissions", null);
        }
        PgTool pgRestore = pgRestore();
        int entries = countEntries(pgRestore, source, options.excludeSchemas());
        long objects;
        try (Connection c = Database.connect(db)) {
            LOG.debug("{} reachable, server {}", db.describe(), c.getMetaData().getDatabaseProductVersion());
            objects = userObjectCount(c);
        } catch (SQLException e) {
            throw new BackupException(ErrorCode.DATABASE, "cannot read " + db.describe() + ": " + e.getMessage(), null, e);
        }
        String what = "database \"" + db.dbname() + "\" of " + db.describe();
        if (objects > 0 && !options.clean()) {
            throw new BackupException(ErrorCode.USAGE, what + " is not empty (" + objects + (objects == 1 ? " object" : " objects")
                    + "): restoring into it would mix the dump with what is there; nothing was restored",
                    "restore into an empty database, or pass --clean to drop what the dump contains first", null);
        }
        if (objects > 0 && options.jobs() > 1) {
            throw new BackupException(ErrorCode.USAGE, what + " is not empty: a parallel restore (-j) goes only into an empty"
                    + " database, since it cannot be one transaction; nothing was restored",
                    "leave -j out: a restore with one job is all or nothing", null);
        }
        if (options.verify()) {
            verify(pgRestore, source);
        }
        ToolOutput out = ToolOutput.restore();
        int status;
        try (TempPgPass pgpass = TempPgPass.forPassword(db.password())) {
            List<String> cmd = new ArrayList<>(List.of(pgRestore.path().toString(), "--verbose", "--no-owner", "--no-password"));
            if (options.clean()) {
                cmd.add("--clean");
                cmd.add("--if-exists");
            }
            if (options.singleTransaction()) {
                cmd.add("--single-transaction");
            }
            if (options.jobs() > 1) {
                cmd.add("--jobs=" + options.jobs());
            }
            for (String s : options.excludeSchemas()) {
                cmd.add("--exclude-schema=" + s);
            }
            cmd.add("--dbname=" + conninfo(db));
            cmd.add(source.toString());
            LOG.info("running {}", String.join(" ", cmd));
            long toolStart = System.nanoTime();
            long fileBytes = size(source);
            ReadPosition read = new ReadPosition(source);
            status = ToolProcess.run(cmd, env -> ToolProcess.connectionEnvironment(env, pgpass), null,
                    line -> {
                        if (out.accept(line)) {
                            report(BackupProgress.Operation.RESTORE, out, entries, read.position(), fileBytes, toolStart, false);
                        }
                        LOG.debug("{}", line);
                    },
                    read::started,
                    () -> report(BackupProgress.Operation.RESTORE, out, entries, read.position(), fileBytes, toolStart, false));
            if (status == 0 || (options.ignoreErrors() && out.ignoredCount() > 0)) {
                report(BackupProgress.Operation.RESTORE, out, entries, fileBytes, fileBytes, toolStart, true);
            }
        }
        String where = "restoring " + source + " into " + db.describe();
        String state = options.singleTransaction()
                ? "nothing was restored: the restore ran as one transaction, which was rolled back"
                : "the database may hold part of the dump";
        if (status != 0 && options.singleTransaction()) {
            throw new BackupException(ErrorCode.EXTERNAL_TOOL, pgRestore.name() + " failed " + where + ": "
                    + out.errors().stream().findFirst().orElse(firstError(out.kept())),
                    state + "; fix the cause, or pass -x to carry on past failing statements", null, status, out.kept());
        }
        if (status != 0 && out.ignoredCount() < 0) {
            throw new BackupException(ErrorCode.EXTERNAL_TOOL, pgRestore.name() + " stopped with exit status " + status + " " + where
                    + (out.kept().isEmpty() ? "" : ": " + firstError(out.kept())),
                    "see pg_restore's messages above; " + state, null, status, out.kept());
        }
        int errorCount = Math.max(out.ignoredCount(), out.errors().size());
        if (status != 0 && !options.ignoreErrors()) {
            throw new BackupException(ErrorCode.EXTERNAL_TOOL, pgRestore.name() + " reported " + errorCount
                    + (errorCount == 1 ? " error " : " errors ") + where + ": " + out.errors().stream().findFirst().orElse("see above"),
                    state + "; fix the cause, or pass -x to ignore restore errors", null, status, out.kept());
        }
        return new RestoreResult(entries, Duration.ofNanos(System.nanoTime() - start), status == 0 ? 0 : errorCount,
                status == 0 ? List.of() : out.errors(), pgRestore.describe());
    }

    /**
     * How many objects users made in a database: tables, views, sequences, functions, types and
     * schemas other than {@code public}, and extensions other than plpgsql; objects that belong to an
     * extension do not count. Zero means restoring into it cannot clash with anything.
     *
     * @throws BackupException {@link ErrorCode#DATABASE} when the catalog cannot be read
     */
    public static long userObjectCount(Connection c) {
        // Extension members are not user objects: a fresh database with PostGIS is still empty.
        String notSystem = "%1$s NOT IN ('pg_catalog', 'information_schema') AND %1$s !~ '^pg_(toast|temp_|toast_temp_)'";
        String notExtension = "NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = '%s'::regclass AND d.objid = x.oid AND d.deptype = 'e')";
        String sql = "SELECT"
                + " (SELECT count(*) FROM pg_class x JOIN pg_namespace n ON n.oid = x.relnamespace WHERE "
                + notSystem.formatted("n.nspname") + " AND " + notExtension.formatted("pg_class") + ")"
                + " + (SELECT count(*) FROM pg_proc x JOIN pg_namespace n ON n.oid = x.pronamespace WHERE "
                + notSystem.formatted("n.nspname") + " AND " + notExtension.formatted("pg_proc") + ")"
                + " + (SELECT count(*) FROM pg_type x JOIN pg_namespace n ON n.oid = x.typnamespace WHERE "
                + notSystem.formatted("n.nspname") + " AND x.typtype IN ('d', 'e', 'r', 'm') AND " + notExtension.formatted("pg_type") + ")"
                + " + (SELECT count(*) FROM pg_namespace x WHERE " + notSystem.formatted("x.nspname")
                + " AND x.nspname <> 'public' AND " + notExtension.formatted("pg_namespace") + ")"
                + " + (SELECT count(*) FROM pg_extension x WHERE x.extname <> 'plpgsql')";
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new BackupException(ErrorCode.DATABASE, "cannot list the objects of the database: " + e.getMessage(), null, e);
        }
    }

    /** pg_dump: located and asked for its version on first use. */
    private PgTool pgDump() {
        synchronized (tools) {
            if (tools.pgDump == null) {
                tools.pgDump = PgTool.locate("pg_dump", pgDumpExe, "pg_dump_exe in " + origin);
                LOG.info("using {}", tools.pgDump.describe());
            }
            return tools.pgDump;
        }
    }

    private PgTool pgRestore() {
        synchronized (tools) {
            if (tools.pgRestore == null) {
                tools.pgRestore = PgTool.locate("pg_restore", pgRestoreExe, "pg_restore_exe in " + origin);
                LOG.info("using {}", tools.pgRestore.describe());
            }
            return tools.pgRestore;
        }
    }

    private static BackupException tooOld(PgTool pgDump, PgVersion server, ConnectionInfo db) {
        List<Path> newer = PgTool.installedAtLeast("pg_dump", server.major());
        String hint = newer.isEmpty()
                ? "install the PostgreSQL " + server.major() + " client (Debian/Ubuntu: postgresql-client-" + server.major()
                  + " from apt.postgresql.org) and set pg_dump_exe (and pg_restore_exe) in the config file to its programs"
                : "set pg_dump_exe (and pg_restore_exe) in the config file to a newer client, for example " + newer.get(0);
        return new BackupException(ErrorCode.EXTERNAL_TOOL, pgDump.describe() + " cannot dump PostgreSQL " + server.text()
                + " of " + db.describe() + ": needs client version " + server.major() + " or newer (pg_dump dumps servers of its own major and older)",
                hint, null);
    }

    /**
     * The connection for {@code --dbname}: libpq keywords without a password, whatever the options
     * hold, since a command line is visible to every user of the machine.
     */
    static String conninfo(ConnectionInfo db) {
        Map<String, String> options = new TreeMap<>(db.options());
        options.remove("password");
        options.remove("passfile");
        return new ConnectionInfo(db.host(), db.port(), db.dbname(), db.user(), null, options, db.source()).toConninfo();
    }

    private static int serverVersionNum(Connection c, ConnectionInfo db) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SHOW server_version_num")) {
            rs.next();
            return Integer.parseInt(rs.getString(1).trim());
        }
    }

    /** Tables whose rows pg_dump will copy: the total of the dump's progress. An estimate only. */
    private static int countTables(Connection c, ConnectionInfo db, List<String> excluded) throws SQLException {
        String sql = "SELECT count(*) FROM pg_class x JOIN pg_namespace n ON n.oid = x.relnamespace"
                + " WHERE x.relkind = 'r' AND n.nspname NOT IN ('pg_catalog', 'information_schema')"
                + " AND n.nspname !~ '^pg_(toast|temp_|toast_temp_)'"
                + " AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = x.oid AND d.deptype = 'e')"
                + " AND NOT n.nspname ~ ANY (?)";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            String[] patterns = excluded.stream().map(Backup::schemaPatternRegex).toArray(String[]::new);
            ps.setArray(1, c.createArrayOf("text", patterns.length == 0 ? new String[] {"^$"} : patterns));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    /** A pg_dump {@code -N} pattern ({@code *}, {@code ?}, double quotes keep case) as a regular expression. */
    static String schemaPatternRegex(String pattern) {
        StringBuilder re = new StringBuilder("^");
        boolean quoted = false;
        for (int i = 0; i < pattern.length(); i++) {
            char ch = pattern.charAt(i);
            if (ch == '"') {
                if (quoted && i + 1 < pattern.length() && pattern.charAt(i + 1) == '"') {
                    re.append('"');
                    i++;
                } else {
                    quoted = !quoted;
                }
            } else if (!quoted && ch == '*') {
                re.append(".*");
            } else if (!quoted && ch == '?') {
                re.append('.');
            } else {
                String s = quoted ? String.valueOf(ch) : String.valueOf(ch).toLowerCase(Locale.ROOT);
                re.append(s.matches("[A-Za-z0-9_]") ? s : "\\" + s);
            }
        }
        return re.append('$').toString();
    }

    private static Path temporaryNextTo(Path target, boolean directory) {
        Path dir = target.getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            String why = dir == null ? "it has no directory" : Files.exists(dir) ? dir + " is not a directory" : "directory " + dir + " does not exist";
            throw new BackupException(ErrorCode.USAGE, "cannot write the dump to " + target + ": " + why,
                    "name a file in an existing, writable directory", null);
        }
        if (!directory && Files.isDirectory(target)) {
            throw new BackupException(ErrorCode.USAGE, "cannot write the dump to " + target + ": it is a directory",
                    "name a file, for example " + target.resolve("dump.backup"), null);
        }
        if (directory && Files.exists(target) && !Files.isDirectory(target)) {
            throw new BackupException(ErrorCode.USAGE, "cannot write a directory-format dump (-j) to " + target
                    + ": it is a file", "name a directory (it is created), or leave -j out for one file", null);
        }
        if (directory && Files.isDirectory(target) && !Files.exists(target.resolve("toc.dat"))) {
            try (java.util.stream.Stream<Path> s = Files.list(target)) {
                if (s.findAny().isPresent()) {
                    throw new BackupException(ErrorCode.USAGE, "cannot write the dump to " + target
                            + ": it is a directory that holds something other than a dump", "name a new directory", null);
                }
            } catch (IOException e) {
                throw new BackupException(ErrorCode.USAGE, "cannot read " + target + ": " + reason(e), null, e);
            }
        }
        try {
            if (directory) {
                // pg_dump -Fd creates the directory itself and refuses one that exists
                Path reserved = Files.createTempDirectory(dir, "." + target.getFileName() + ".",
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
                Files.delete(reserved);
                return reserved;
            }
            return Files.createTempFile(dir, "." + target.getFileName() + ".", ".partial",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (IOException | SecurityException e) {
            throw new BackupException(ErrorCode.USAGE, "cannot write the dump to " + target + ": cannot create a file in " + dir
                    + " (" + reason(e) + ")", "name a file in a writable directory", e);
        }
    }

    private static void moveIntoPlace(Path temp, Path target) {
        if (Files.isDirectory(temp)) {
            moveDirectoryIntoPlace(temp, target);
            return;
        }
        try {
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rw-------"));
        } catch (IOException e) {
            throw new BackupException(ErrorCode.USAGE, "pg_dump succeeded but the dump could not be renamed to " + target
                    + " (" + reason(e) + ")", "check that " + target + " is not a directory and its directory is writable", e);
        }
    }

    /** A directory dump replaces an older one: the old one is moved aside first, deleted last. */
    private static void moveDirectoryIntoPlace(Path temp, Path target) {
        try {
            Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rwx------"));
            Path old = null;
            if (Files.exists(target)) {
                old = target.resolveSibling("." + target.getFileName() + ".old-" + System.nanoTime());
                Files.move(target, old, StandardCopyOption.ATOMIC_MOVE);
            }
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
            if (old != null) {
                Cleanup.deleteRecursively(old);
            }
        } catch (IOException e) {
            throw new BackupException(ErrorCode.USAGE, "pg_dump succeeded but the dump could not be renamed to " + target
                    + " (" + reason(e) + ")", "check that the directory of " + target + " is writable", e);
        }
    }

    /**
     * Reads the whole dump, data included, the way a restore would, writing the SQL nowhere: the
     * table of contents of a truncated file can be intact while its data is not.
     */
    private void verify(PgTool pgRestore, Path source) {
        List<String> err = new ArrayList<>();
        List<String> cmd = List.of(pgRestore.path().toString(), "--file=/dev/null", source.toString());
        LOG.info("running {}", String.join(" ", cmd));
        int status = ToolProcess.run(cmd, ToolProcess::cleanEnvironment, null, err::add, pid -> { }, () -> { });
        if (status != 0) {
            throw new BackupException(ErrorCode.USAGE, source + " is damaged (truncated or corrupt): " + firstError(err)
                    + "; nothing was restored", "restore from another copy of the dump, or dump again", null, status, err);
        }
    }

    private int countEntries(PgTool pgRestore, Path source, List<String> excluded) {
        List<String> cmd = new ArrayList<>(List.of(pgRestore.path().toString(), "--list"));
        for (String s : excluded) {
            cmd.add("--exclude-schema=" + s);
        }
        cmd.add(source.toString());
        int[] entries = {0};
        List<String> err = new ArrayList<>();
        int status = ToolProcess.run(cmd, ToolProcess::cleanEnvironment, line -> {
            if (!line.isBlank() && !line.startsWith(";")) {
                entries[0]++;
            }
        }, err::add, pid -> { }, () -> { });
        if (status != 0) {
            String all = String.join("\n", err);
            if (all.contains("unsupported version")) {
                throw new BackupException(ErrorCode.EXTERNAL_TOOL, pgRestore.describe() + " cannot read " + source
                        + ": it was written by a newer pg_dump (" + firstError(err) + ")",
                        "set pg_restore_exe in the config file to a pg_restore at least as new as the pg_dump that wrote the file",
                        null, status, err);
            }
            if (all.contains("does not appear to be a valid archive") || all.contains("text format dump")) {
                throw new BackupException(ErrorCode.USAGE, source + " is not a custom-format dump (" + firstError(err) + ")",
                        all.contains("text format") ? "it is an SQL script: run it with psql" : "name a file written by 'pum dump' or 'pg_dump -Fc'",
                        null, status, err);
            }
            throw new BackupException(ErrorCode.EXTERNAL_TOOL, pgRestore.name() + " cannot list " + source + " (exit status " + status + "): "
                    + firstError(err), null, null, status, err);
        }
        return entries[0];
    }

    private void report(BackupProgress.Operation op, ToolOutput out, int total, long bytes, long fileBytes, long toolStart,
                        boolean finished) {
        // the tools announce an object when they start it: the last one announced is not done yet
        long done = finished ? out.done() : Math.max(0, out.done() - 1);
        done = total > 0 ? Math.min(done, total) : done;
        listener.progress(new BackupProgress(op, done, total > 0 ? total : -1, bytes, fileBytes,
                Duration.ofNanos(System.nanoTime() - toolStart), finished ? "" : out.current(), finished));
    }

    private static String firstError(List<String> lines) {
        return lines.stream().filter(l -> l.contains("error:")).findFirst()
                .or(() -> lines.stream().findFirst())
                .map(l -> l.replaceFirst("^pg_(dump|restore): (error: )?", ""))
                .orElse("");
    }

    /** The size of a file, or of all files of a directory dump. */
    private static long size(Path f) {
        try {
            if (Files.isDirectory(f)) {
                try (java.util.stream.Stream<Path> s = Files.list(f)) {
                    return s.mapToLong(x -> x.toFile().length()).sum();
                }
            }
            return Files.size(f);
        } catch (IOException | java.io.UncheckedIOException e) {
            return 0;
        }
    }

    private static String reason(Exception e) {
        if (e instanceof FileAlreadyExistsException) {
            return "a file of that name exists";
        }
        String msg = e.getMessage();
        if (e instanceof java.nio.file.FileSystemException fse && fse.getReason() != null) {
            msg = fse.getReason();
        }
        return msg == null ? e.getClass().getSimpleName() : msg;
    }

    /** The located tools, shared by the copies {@link #withListener} makes. */
    private static final class Tools {
        private PgTool pgDump;
        private PgTool pgRestore;
    }

    @Override
    public String toString() {
        return "Backup[pg_dump=" + (pgDumpExe == null ? "PATH" : pgDumpExe) + ", pg_restore="
                + (pgRestoreExe == null ? "PATH" : pgRestoreExe) + "]";
    }
}
