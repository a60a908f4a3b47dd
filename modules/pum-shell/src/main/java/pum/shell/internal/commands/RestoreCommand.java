package pum.shell.internal.commands;

import java.io.Console;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import pum.backup.Backup;
import pum.backup.BackupException;
import pum.backup.RestoreOptions;
import pum.backup.RestoreResult;
import pum.core.ConnectionInfo;
import pum.core.ErrorCode;
import pum.core.PumException;
import pum.shell.internal.Session;

/** {@code pum restore -p DB [-x] [-N SCHEMA]... [--yes] FILE}: pg_restore into an existing database. */
@Command(name = "restore", mixinStandardHelpOptions = true,
        description = {"Restore a dump made by 'pum dump' (or pg_dump -Fc) into an existing database.",
                "",
                "Objects are restored without their original owners: they belong to the role",
                "pum connects as. Without -x, any failed statement fails the command and",
                "pg_restore's messages are shown (the rest of the dump is restored all the",
                "same); with -x, failed statements are summarised and the command succeeds.",
                "If the database already holds objects, pum asks first; without a terminal it",
                "refuses unless --yes is given.",
                "pg_restore is pg_restore_exe from the config file (-c), else the one on PATH.",
                "See docs/backup.md."})
public final class RestoreCommand implements Callable<Integer> {
    /** Errors listed after a restore with -x, unless --verbose. */
    private static final int ERRORS_SHOWN = 5;

    private final Session session;

    @Option(names = {"-p", "--pg_service", "--pg-service"}, required = true, paramLabel = "DB",
            description = "Service name, postgresql:// URI, key=value conninfo, or 'embedded'.")
    String database;

    @Option(names = {"-x"}, description = "Ignore pg_restore errors: summarise them and succeed.")
    boolean ignoreErrors;

    @Option(names = {"-N", "--exclude-schema", "--exclude_schema"}, paramLabel = "SCHEMA",
            description = "Do not restore this schema (pg_restore pattern). Repeat for several.")
    List<String> excludeSchemas = new ArrayList<>();

    @Option(names = {"-y", "--yes"}, description = "Restore into a database that is not empty without asking.")
    boolean yes;

    @Parameters(index = "0", paramLabel = "FILE", description = "The dump file.")
    Path file;

    /** Made by the composition root. */
    public RestoreCommand(Session session) {
        this.session = session;
    }

    @Override
    public Integer call() {
        ConnectionInfo info = session.resolve(database);
        long objects = Backup.userObjectCount(session.connection(database));
        if (objects > 0 && !yes) {
            confirm(info, objects);
        }
        BackupProgressPrinter progress = BackupProgressPrinter.forSession(session);
        RestoreResult r;
        try {
            r = Backup.using(session.config()).withListener(progress)
                    .restore(info, new RestoreOptions(excludeSchemas, ignoreErrors), file);
        } catch (BackupException e) {
            progress.clear();
            BackupProgressPrinter.printToolOutput(e, session.err(), session.verbose());
            throw e;
        } finally {
            progress.clear();
        }
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

    /** Asks on the terminal; without one (a script, a pipe) refuses, since nobody can answer. */
    private void confirm(ConnectionInfo info, long objects) {
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
