package pum.shell.internal.commands;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import pum.delta.DeltaSet;
import pum.delta.UpgradesTable;
import pum.shell.internal.Session;
import pum.shell.internal.cli.Args;
import pum.shell.internal.cli.Opt;

/** {@code -p}, {@code -t}, {@code -d} and {@code --ignore}, shared by baseline, info and upgrade (PUM's options). */
final class DeltaOptions {
    static final Opt DB = PingCommand.DB;
    static final Opt TABLE = Opt.value("TABLE", "Upgrades table, schema-qualified (default: upgrades_table from the config file).",
            "-t", "--table");
    static final Opt DIR = Opt.many("DIR", "Delta directories: -d a b or -d a -d b (default: delta_dir from the config file).",
            "-d", "--dir");
    static final Opt IGNORE = Opt.value("NAME", "A file name or glob in delta directories that is deliberately not a delta"
            + " (adds to ignore_files).", "--ignore").multiple();
    /** The shared options, in help order. */
    static final List<Opt> ALL = List.of(DB, TABLE, DIR, IGNORE);

    final String database;
    final String table;
    final List<Path> dirs;
    final List<String> ignore;

    private DeltaOptions(String database, String table, List<Path> dirs, List<String> ignore) {
        this.database = database;
        this.table = table;
        this.dirs = dirs;
        this.ignore = ignore;
    }

    /** The shared options as given on a command line. */
    static DeltaOptions from(Args args) {
        return new DeltaOptions(args.get(DB.key()), args.get(TABLE.key()),
                args.all(DIR.key()).stream().map(Path::of).toList(), args.all(IGNORE.key()));
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

    DeltaSet scan(Session session) {
        return DeltaSet.scan(dirs(session), ignored(session));
    }
}
