package pum.shell.internal.commands;

import java.nio.file.Path;
import java.util.List;
import pum.backup.Backup;
import pum.backup.RestoreOptions;
import pum.backup.RestoreResult;
import pum.core.ConnectionInfo;
import pum.core.ErrorCode;
import pum.core.PumException;
import pum.shell.internal.Confirmation;
import pum.shell.internal.Session;
import pum.shell.internal.cli.Args;
import pum.shell.internal.cli.Command;
import pum.shell.internal.cli.Opt;
import pum.shell.internal.cli.Param;
import pum.shell.internal.cli.UsageException;

/** {@code pum restore -p DB [-x] [-N SCHEMA]... [--clean [--yes]] [-j N] FILE}: pg_restore into an existing database. */
public final class RestoreCommand implements Command {
    /** Errors listed after a restore with -x, unless --verbose. */
    private static final int ERRORS_SHOWN = 5;
    static final Opt DB = PingCommand.DB;
    static final Opt IGNORE_ERRORS = Opt.flag("Ignore pg_restore errors: summarise them and succeed.", "-x");
    static final Opt EXCLUDE = Opt.value("SCHEMA", "Do not restore this schema (pg_restore pattern).",
            "-N", "--exclude-schema", "--exclude_schema").multiple();
    static final Opt CLEAN = Opt.flag("Replace: drop the objects the dump contains before restoring them (asks first,"
            + " unless --yes). Needed when the database is not empty.", "--clean");
    static final Opt JOBS = Opt.value("N", "Restore with N parallel jobs (pg_restore -j): only into an empty database, and"
            + " not as one transaction.", "-j", "--jobs");
    static final Opt YES = Opt.flag("Do not ask before --clean drops objects. Required for --clean in batch mode.", "-y", "--yes");

    private final Session session;

    /** Made by the composition root. */
    public RestoreCommand(Session session) {
        this.session = session;
    }

    @Override
    public String name() {
        return "restore";
    }

    @Override
    public String summary() {
        return "Restore a dump made by 'pum dump' (or pg_dump -Fc) into an existing database.";
    }

    @Override
    public String description() {
        return """
                Objects are restored without their original owners: they belong to the role pum connects as.
                The whole dump is read first: a truncated or corrupt file is refused before anything changes.
                A database that already holds objects is refused unless --clean (drop what the dump contains,
                then restore it; pum asks first unless --yes). Without -x the restore is one transaction:
                a failed statement fails the command and leaves the database as it was; with -x, failed
                statements are summarised and the command succeeds. FILE is a custom-format file, or a
                directory written by 'pum dump -j N'. pg_restore is pg_restore_exe from the config file (-c),
                else the one on PATH. See docs/backup.md.""";
    }

    @Override
    public List<Opt> options() {
        return List.of(DB, IGNORE_ERRORS, EXCLUDE, CLEAN, JOBS, YES);
    }

    @Override
    public List<Param> parameters() {
        return List.of(Param.of("FILE", "The dump file (or directory of a parallel dump)."));
    }

    @Override
    public int run(Args args) {
        String database = args.get(DB.key());
        boolean ignoreErrors = args.has(IGNORE_ERRORS.key());
        List<String> excludeSchemas = args.all(EXCLUDE.key());
        boolean yes = args.has(YES.key());
        boolean clean = args.has(CLEAN.key());
        int jobs = args.integer(JOBS.key(), 1);
        if (jobs < 1) {
            throw new UsageException("-j takes a number of jobs, 1 or more, not " + jobs, null);
        }
        Path file = Path.of(args.param("FILE"));
        if (isEmptyFile(file)) {
            throw new UsageException("dump file " + file + " is empty", "give a file written by 'pum dump' or pg_dump -Fc");
        }
        ConnectionInfo info = session.resolve(database);
        long objects = Backup.userObjectCount(session.connection(database));
        String what = "database \"" + info.dbname() + "\" of " + info.describe();
        if (objects > 0 && !clean) {
            throw new PumException(ErrorCode.USAGE, what + " is not empty (" + objects + (objects == 1 ? " object" : " objects")
                    + "): restoring into it would mix the dump with what is there; nothing was restored",
                    "restore into an empty database, or pass --clean to drop what the dump contains and restore it");
        }
        if (objects > 0) {
            Confirmation.of(session, yes).require(what + " holds " + objects + (objects == 1 ? " object" : " objects")
                    + ". Drop the objects " + file + " contains from it, and restore them from the dump?",
                    "restore cancelled; nothing was changed");
        }
        RestoreOptions options = new RestoreOptions(excludeSchemas, ignoreErrors).withClean(clean).withJobs(jobs);
        RestoreResult r = BackupProgressPrinter.during(session, progress -> Backup.using(session.config()).withListener(progress)
                .restore(info, options, file));
        if (r.hasErrors()) {
            session.err().println("pum: warning: pg_restore reported " + r.errorCount() + (r.errorCount() == 1 ? " error" : " errors")
                    + ", ignored (-x):");
            int shown = session.verbose() ? r.errors().size() : Math.min(ERRORS_SHOWN, r.errors().size());
            for (int i = 0; i < shown; i++) {
                session.err().println("  " + r.errors().get(i));
            }
            if (shown < r.errors().size()) {
                session.err().println("  ... and " + (r.errors().size() - shown) + " more (--verbose lists them all)");
            }
        }
        session.out().println("restored " + file.toAbsolutePath().normalize() + " into " + info.describe() + " (" + r.entries()
                + (r.entries() == 1 ? " object" : " objects")
                + (r.hasErrors() ? ", " + r.errorCount() + (r.errorCount() == 1 ? " error" : " errors") + " ignored" : "")
                + ", " + BackupProgressPrinter.seconds(r.duration()) + ")");
        return 0;
    }

    private static boolean isEmptyFile(Path file) {
        try {
            return java.nio.file.Files.isRegularFile(file) && java.nio.file.Files.size(file) == 0;
        } catch (java.io.IOException e) {
            return false; // reported by pg_restore
        }
    }

}
