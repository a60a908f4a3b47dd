package pum.shell.internal.commands;

import java.nio.file.Path;
import java.util.List;
import pum.backup.Backup;
import pum.backup.DumpOptions;
import pum.backup.DumpResult;
import pum.core.ConnectionInfo;
import pum.shell.internal.Session;
import pum.shell.internal.cli.Args;
import pum.shell.internal.cli.Command;
import pum.shell.internal.cli.Opt;
import pum.shell.internal.cli.Param;
import pum.shell.internal.cli.UsageException;

/** {@code pum dump -p DB [-N SCHEMA]... [-j N] FILE}: pg_dump in custom format (directory format with -j). */
public final class DumpCommand implements Command {
    static final Opt DB = PingCommand.DB;
    static final Opt EXCLUDE = Opt.value("SCHEMA", "Leave this schema out (pg_dump pattern).",
            "-N", "--exclude-schema", "--exclude_schema").multiple();
    static final Opt JOBS = Opt.value("N", "Dump with N parallel jobs (pg_dump -Fd -j N): FILE is then a directory, one file per"
            + " table, restored with 'pum restore' (also with -j).", "-j", "--jobs");

    private final Session session;

    /** Made by the composition root. */
    public DumpCommand(Session session) {
        this.session = session;
    }

    @Override
    public String name() {
        return "dump";
    }

    @Override
    public String summary() {
        return "Dump a database into a file with pg_dump (custom format).";
    }

    @Override
    public String description() {
        return """
                The file is read back by 'pum restore' (or pg_restore).
                pg_dump is pg_dump_exe from the config file (-c), else the one on PATH; it must be of the
                server's major version or newer. FILE gets mode 0600 and appears only once the dump is
                complete: a failed or killed dump leaves an existing FILE untouched and no partial file. With
                -j N, FILE is a directory (directory format, N tables at once). Passwords reach pg_dump through
                a temporary password file, never its command line. See docs/backup.md.""";
    }

    @Override
    public List<Opt> options() {
        return List.of(DB, EXCLUDE, JOBS);
    }

    @Override
    public List<Param> parameters() {
        return List.of(Param.of("FILE", "The dump file to write (replaced if it exists)."));
    }

    @Override
    public int run(Args args) {
        String database = args.get(DB.key());
        List<String> excludeSchemas = args.all(EXCLUDE.key());
        int jobs = args.integer(JOBS.key(), 1);
        if (jobs < 1) {
            throw new UsageException("-j takes a number of jobs, 1 or more, not " + jobs, null);
        }
        Path file = Path.of(args.param("FILE"));
        ConnectionInfo info = session.resolve(database);
        DumpResult r = BackupProgressPrinter.during(session, progress ->
                Backup.using(session.config()).withListener(progress).dump(info, new DumpOptions(excludeSchemas, jobs), file));
        session.out().println("dumped " + info.describe() + " to " + r.file() + " (" + BackupProgressPrinter.size(r.bytes())
                + ", " + r.tables() + (r.tables() == 1 ? " table" : " tables") + ", " + BackupProgressPrinter.seconds(r.duration()) + ")");
        return 0;
    }
}
