package pum.shell.internal.commands;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import pum.backup.Backup;
import pum.backup.BackupException;
import pum.backup.DumpOptions;
import pum.backup.DumpResult;
import pum.core.ConnectionInfo;
import pum.shell.internal.Session;

/** {@code pum dump -p DB [-N SCHEMA]... FILE}: pg_dump in custom format. */
@Command(name = "dump", mixinStandardHelpOptions = true,
        description = {"Dump a database into FILE with pg_dump, in custom format (read back by",
                "'pum restore').",
                "",
                "pg_dump is pg_dump_exe from the config file (-c), else the one on PATH; it",
                "must be of the server's major version or newer.",
                "FILE gets mode 0600 and appears only once the dump is complete: a failed",
                "dump leaves an existing FILE untouched. Passwords reach pg_dump through a",
                "temporary password file, never its command line. See docs/backup.md."})
public final class DumpCommand implements Callable<Integer> {
    private final Session session;

    @Option(names = {"-p", "--pg_service", "--pg-service"}, required = true, paramLabel = "DB",
            description = "Service name, postgresql:// URI, key=value conninfo, or 'embedded'.")
    String database;

    @Option(names = {"-N", "--exclude-schema", "--exclude_schema"}, paramLabel = "SCHEMA",
            description = "Leave this schema out (pg_dump pattern). Repeat for several.")
    List<String> excludeSchemas = new ArrayList<>();

    @Parameters(index = "0", paramLabel = "FILE", description = "The dump file to write (replaced if it exists).")
    Path file;

    /** Made by the composition root. */
    public DumpCommand(Session session) {
        this.session = session;
    }

    @Override
    public Integer call() {
        ConnectionInfo info = session.resolve(database);
        BackupProgressPrinter progress = BackupProgressPrinter.forSession(session);
        DumpResult r;
        try {
            r = Backup.using(session.config()).withListener(progress).dump(info, new DumpOptions(excludeSchemas), file);
        } catch (BackupException e) {
            progress.clear();
            BackupProgressPrinter.printToolOutput(e, session.err(), session.verbose());
            throw e;
        } finally {
            progress.clear();
        }
        session.out().println("dumped " + info.describe() + " to " + r.file() + " (" + BackupProgressPrinter.size(r.bytes())
                + ", " + r.tables() + (r.tables() == 1 ? " table" : " tables") + ", " + BackupProgressPrinter.seconds(r.duration()) + ")");
        return 0;
    }
}
