package pum.shell.internal.commands;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import pum.delta.DeltaSet;
import pum.delta.UpgradesTable;
import pum.shell.internal.Session;
import pum.shell.internal.cli.Args;
import pum.shell.internal.cli.Opt;

/**
 * {@code -p}, {@code -t}, {@code -d} (PUM's options), {@code --ignore-file} and {@code --strict-names},
 * shared by the commands that read delta directories.
 */
final class DeltaOptions {
    static final Opt DB = PingCommand.DB;
    static final Opt TABLE = Opt.value("TABLE", "Upgrades table, schema-qualified (default: upgrades_table from the config file).",
            "-t", "--table");
    static final Opt DIR = Opt.many("DIR", "Delta directories: -d a b or -d a -d b (default: delta_dir from the config file).",
            "-d", "--dir");
    private static final String IGNORE_HELP = "A file name or glob in delta directories that is deliberately not a delta"
            + " (adds to ignore_files).";
    /** Files to leave out; {@code --ignore} is its older spelling where it does not mean element kinds. */
    static final Opt IGNORE = Opt.value("GLOB", IGNORE_HELP, "--ignore-file", "--ignore").multiple();
    /** The same, for commands where {@code -i/--ignore} takes PUM's element kinds (test-and-upgrade). */
    static final Opt IGNORE_FILE = Opt.value("GLOB", IGNORE_HELP, "--ignore-file").multiple();
    static final Opt STRICT_NAMES = Opt.flag("Files that resemble deltas but are not (names PUM 0.x skipped silently,"
            + " such as delta_1.0.0_x.sql.post) are errors instead of warnings (as strict_names: true).", "--strict-names");
    /** The shared options, in help order. */
    static final List<Opt> ALL = List.of(DB, TABLE, DIR, IGNORE, STRICT_NAMES);

    final String database;
    final String table;
    final List<Path> dirs;
    final List<String> ignore;
    final boolean strictNames;

    private DeltaOptions(String database, String table, List<Path> dirs, List<String> ignore, boolean strictNames) {
        this.database = database;
        this.table = table;
        this.dirs = dirs;
        this.ignore = ignore;
        this.strictNames = strictNames;
    }

    /** The shared options as given on a command line. */
    static DeltaOptions from(Args args) {
        return new DeltaOptions(args.get(DB.key()), args.get(TABLE.key()),
                args.all(DIR.key()).stream().map(Path::of).toList(), args.all(IGNORE.key()), args.has(STRICT_NAMES.key()));
    }

    /** The shared options followed by a command's own. */
    static List<Opt> with(Opt... own) {
        List<Opt> all = new ArrayList<>(ALL);
        all.addAll(List.of(own));
        return all;
    }

    UpgradesTable table(Session session) {
        return UpgradesTable.parse(table != null ? table : session.config().upgradesTable());
    }

    List<Path> dirs(Session session) {
        return dirs.isEmpty() ? session.config().deltaDirs() : dirs;
    }

    List<String> ignored(Session session) {
        List<String> all = new ArrayList<>(session.config().ignoreFiles());
        all.addAll(ignore);
        return all;
    }

    boolean strictNames(Session session) {
        return strictNames || session.config().strictNamesSet();
    }

    /** Reads the delta directories, warning once about files that resemble deltas but are not. */
    DeltaSet scan(Session session) {
        return scan(session, true);
    }

    /** Reads the delta directories; {@code warn}: whether to print the not-a-delta warning (info lists them instead). */
    DeltaSet scan(Session session, boolean warn) {
        DeltaSet deltas = DeltaSet.scan(dirs(session), ignored(session), strictNames(session), session.config().treeLayout());
        String warning = deltas.notDeltasWarning();
        if (warn && warning != null) {
            session.err().println("pum: warning: " + warning.replace("\n", "\npum:   "));
        }
        return deltas;
    }
}
