package pum.shell.internal.commands;

import java.io.Console;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import pum.backup.Backup;
import pum.backup.RestoreOptions;
import pum.backup.RestoreResult;
import pum.core.ConnectionInfo;
import pum.core.ErrorCode;
import pum.core.PumException;
import pum.shell.internal.Session;
import pum.shell.internal.cli.Args;
import pum.shell.internal.cli.Command;
import pum.shell.internal.cli.Opt;
import pum.shell.internal.cli.Param;
import pum.shell.internal.cli.UsageException;

/** {@code pum restore -p DB [-x] [-N SCHEMA]... [--yes] FILE}: pg_restore into an existing database. */
public final class RestoreCommand implements Command {
    /** Errors listed after a restore with -x, unless --verbose. */
    private static final int ERRORS_SHOWN = 5;
    static final Opt DB = PingCommand.DB;
    static final Opt IGNORE_ERRORS = Opt.flag("Ignore pg_restore errors: summarise them and succeed.", "-x");
    static final Opt EXCLUDE = Opt.value("SCHEMA", "Do not restore this schema (pg_restore pattern).",
            "-N", "--exclude-schema", "--exclude_schema").multiple();
    static final Opt YES = Opt.flag("Restore into a database that is not empty without asking.", "-y", "--yes");

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
                Without -x, any failed statement fails the command and pg_restore's messages are shown (the
                rest of the dump is restored all the same); with -x, failed statements are summarised and the
                command succeeds. If the database already holds objects, pum asks first; without a terminal it
                refuses unless --yes is given. pg_restore is pg_restore_exe from the config file (-c), else
                the one on PATH. See docs/backup.md.""";
    }

    @Override
    public List<Opt> options() {
        return List.of(DB, IGNORE_ERRORS, EXCLUDE, YES);
    }

    @Override
    public List<Param> parameters() {
        return List.of(Param.of("FILE", "The dump file."));
    }

    @Override
    public int run(Args args) {
        String database = args.get(DB.key());
        boolean ignoreErrors = args.has(IGNORE_ERRORS.key());
        List<String> excludeSchemas = args.all(EXCLUDE.key());
        boolean yes = args.has(YES.key());
        Path file = Path.of(args.param("FILE"));
        if (isEmptyFile(file)) {
            throw new UsageException("dump file " + file + " is empty", "give a file written by 'pum dump' or pg_dump -Fc");
        }
        ConnectionInfo info = session.resolve(database);
        long objects = Backup.userObjectCount(session.connection(database));
        if (objects > 0 && !yes) {
            confirm(info, objects, file);
        }
        RestoreResult r = BackupProgressPrinter.during(session, progress -> Backup.using(session.config()).withListener(progress)
                .restore(info, new RestoreOptions(excludeSchemas, ignoreErrors), file));
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

    /** Asks on the terminal; without one (a script, a pipe) refuses, since nobody can answer. */
    private void confirm(ConnectionInfo info, long objects, Path file) {
        String what = "database \"" + info.dbname() + "\" of " + info.describe() + " is not empty (" + objects
                + (objects == 1 ? " object" : " objects") + "): restoring into it mixes the dump with what is there";
        Console console = System.console();
        if (console == null || session.in() != System.in) {
            throw new PumException(ErrorCode.ABORTED, what + "; pass --yes to restore anyway (there is no terminal to ask)",
                    "or restore into an empty database");
        }
        String answer = console.readLine("pum: %s.%nRestore %s into it anyway? [y/N] ", what, file);
        if (answer == null || !List.of("y", "yes").contains(answer.trim().toLowerCase(Locale.ROOT))) {
            throw new PumException(ErrorCode.ABORTED, "restore cancelled; nothing was changed", null);
        }
    }
}
