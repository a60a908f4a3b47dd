package pum.shell.internal.commands;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;
import pum.delta.DeltaSet;
import pum.delta.UpgradesTable;
import pum.shell.internal.Session;

/** {@code -p}, {@code -t}, {@code -d} and {@code --ignore}, shared by baseline, info and upgrade (PUM's options). */
final class DeltaOptions {
    @Option(names = {"-p", "--pg_service", "--pg-service"}, required = true, paramLabel = "DB",
            description = "Service name, postgresql:// URI, key=value conninfo, or 'embedded'.")
    String database;

    @Option(names = {"-t", "--table"}, paramLabel = "TABLE",
            description = "Upgrades table, schema-qualified (default: upgrades_table from the config file).")
    String table;

    @Option(names = {"-d", "--dir"}, paramLabel = "DIR",
            description = "Delta directory; repeat for several (default: delta_dir from the config file).")
    List<Path> dirs = new ArrayList<>();

    @Option(names = {"--ignore"}, paramLabel = "NAME",
            description = "A file name or glob in delta directories that is deliberately not a delta; repeatable (adds to ignore_files).")
    List<String> ignore = new ArrayList<>();

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
