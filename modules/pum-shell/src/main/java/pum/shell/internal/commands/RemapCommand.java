package pum.shell.internal.commands;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import pum.catalog.Catalog;
import pum.catalog.CatalogOptions;
import pum.catalog.Details;
import pum.catalog.Snapshot;
import pum.core.ErrorCode;
import pum.core.PumException;
import pum.core.Secrets;
import pum.ddl.Ddl;
import pum.ddl.DdlStatement;
import pum.delta.DeltaFile;
import pum.delta.DeltaSet;
import pum.delta.UpgradesTable;
import pum.delta.Version;
import pum.shell.internal.Session;
import pum.shell.internal.cli.Args;
import pum.shell.internal.cli.Command;
import pum.shell.internal.cli.Opt;
import pum.shell.internal.cli.UsageException;

/**
 * {@code pum remap -p DB -d DIR}: writes an existing database's schema as delta files (rokso's
 * remap): one baseline delta ({@code flat}) or rokso's object tree, a file per object
 * ({@code tree}); then offers to record the baseline in the database's upgrades table.
 */
public final class RemapCommand implements Command {
    /** The first version when -b is not given: below any version a project would choose for its next delta. */
    static final String DEFAULT_VERSION = "0.0.1";
    static final Opt DB = Opt.value("DB", "The database to remap: service name, postgresql:// URI, key=value conninfo, or 'embedded'.",
            "-p", "--pg_service", "--pg-service").mandatory();
    static final Opt DIR = Opt.value("DIR", "Directory to write into (created if missing; default: the first delta_dir of the config).",
            "-d", "--dir");
    static final Opt SCHEMA = Opt.value("SCHEMA", "Remap only this schema (exact name); repeatable. Default: every user schema.",
            "--schema").multiple();
    static final Opt VERSION = Opt.value("X.Y.Z", "Version of the (first) delta (default " + DEFAULT_VERSION + ").", "-b", "--baseline");
    static final Opt LAYOUT = Opt.value("flat|tree", "flat: one file delta_X.Y.Z_remap.sql; tree: rokso's object tree, a file per object"
            + " SCHEMA/KIND/OBJECT/delta_X.Y.Z_name.sql, versions X.Y.Z, X.Y.Z+1, ... in build order (default: the config's layout,"
            + " else flat).", "--layout");
    static final Opt TABLE = DeltaOptions.TABLE;
    static final Opt GRANTS = Opt.flag("Also write the privileges (GRANT and REVOKE, after the objects: the last file of the tree, the end of"
            + " the flat file). Every role they name must exist where they run; owners are not written.", "--grants");
    static final Opt YES = Opt.flag("Record the baseline in the upgrades table without asking (for scripts).", "-y", "--yes");

    private final Session session;

    /** Made by the composition root. */
    public RemapCommand(Session session) {
        this.session = session;
    }

    @Override
    public String name() {
        return "remap";
    }

    @Override
    public String summary() {
        return "Write an existing database's schema as delta files (one baseline delta, or rokso's object tree).";
    }

    @Override
    public String description() {
        return """
                The files build the schema in an empty database, in dependency order (pum upgrade, or psql of the
                files in version order); running remap again on an unchanged database writes the same bytes. With
                --layout tree, objects go to SCHEMA/KIND/OBJECT/ (kind folders 050.extensions, 100.database_types,
                150.sequences, 200.tables, 300.views, 400.mat_views, 500.functions; a schema's own file in SCHEMA/),
                one version each; foreign keys get files of their own after the tables. Nothing is written when a
                file exists already or the directory holds deltas of the versions remap would use (exit 2).
                Then remap offers to record baseline X.Y.Z+1 (the version after the last file) in the database's
                upgrades table, so that its files never run there: asked on a terminal or on piped input, --yes in
                scripts; refused when the table holds rows already. See docs/remap.md.""";
    }

    @Override
    public List<Opt> options() {
        return List.of(DB, DIR, SCHEMA, VERSION, LAYOUT, TABLE, GRANTS, YES);
    }

    @Override
    public int run(Args args) {
        String database = args.get(DB.key());
        Version first = version(args.get(VERSION.key(), DEFAULT_VERSION));
        String layout = args.get(LAYOUT.key(), session.config().treeLayout() ? "tree" : "flat");
        if (!layout.equals("flat") && !layout.equals("tree")) {
            throw new UsageException("--layout takes flat or tree, not '" + layout + "'", null);
        }
        Path dir = args.get(DIR.key()) != null ? Path.of(args.get(DIR.key()))
                : session.config().deltaDirs().isEmpty() ? null : session.config().deltaDirs().get(0);
        if (dir == null) {
            throw new UsageException("no directory: pass -d DIR or set delta_dir in the config file (-c)", null);
        }
        String tableName = args.get(TABLE.key()) != null ? args.get(TABLE.key()) : session.config().upgradesTable();
        if (tableName == null && args.has(YES.key())) {
            throw new UsageException("--yes records the baseline, but no upgrades table is given: pass -t SCHEMA.TABLE or set"
                    + " upgrades_table in the config file", null);
        }
        UpgradesTable table = tableName == null ? null : UpgradesTable.parse(tableName);
        boolean tree = layout.equals("tree");
        if (!tree) {
            // the one file is known before connecting
            refuseExisting(dir, List.of(dir.resolve("delta_" + first + "_remap.sql")));
        }
        Catalog.warmUp();
        Connection c = session.connection(database);
        CatalogOptions options = CatalogOptions.excluding(otherSchemas(c, args.all(SCHEMA.key())));
        if (table != null) {
            // pum's own table is no part of the schema (as in test-and-upgrade's comparison)
            options = options.withoutTable(table.sqlName());
        }
        Snapshot snapshot = Catalog.read(c, options);
        Details details = Details.read(c, options);
        List<DdlStatement> statements = Ddl.create(snapshot, details);
        List<DdlStatement> grants = args.has(GRANTS.key()) ? Ddl.grants(snapshot, details) : List.of();
        List<RemapLayout.File> files;
        if (tree) {
            files = new java.util.ArrayList<>(RemapLayout.tree(snapshot, statements, first));
            if (!grants.isEmpty()) {
                // privileges after every object they name: one more version, at the tree's top
                Version next = files.get(files.size() - 1).version().plusPatch(1);
                files.add(new RemapLayout.File(Path.of("delta_" + next + "_grants.sql"), next, "privileges", grants));
            }
        } else {
            List<DdlStatement> all = new java.util.ArrayList<>(statements);
            all.addAll(grants);
            files = RemapLayout.flat(all, first);
        }
        statements = new java.util.ArrayList<>(statements);
        statements.addAll(grants);
        refuseExisting(dir, files.stream().map(f -> dir.resolve(f.relative())).toList());
        refuseVersions(dir, files.get(0).version(), files.get(files.size() - 1).version());
        for (RemapLayout.File f : files) {
            String title = "pum remap: " + (tree ? f.what() + ", " : "the schema as a baseline delta, ") + "version " + f.version()
                    + "\n" + (tree ? "part of the schema, in rokso's object tree; its delta files build the schema in an empty database in version order"
                    : "builds the schema in an empty database") + "; generated, review before committing";
            write(dir.resolve(f.relative()), Ddl.script(title, f.statements()));
        }
        Version last = files.get(files.size() - 1).version();
        if (tree) {
            session.out().println("wrote " + files.size() + " files under " + dir + " (versions " + first + " to " + last + ", "
                    + statements.size() + " statements, " + snapshot.size() + " objects)");
            if (!session.config().treeLayout()) {
                session.err().println("pum: note: pum upgrade reads the object tree only when the project's config says layout: tree");
            }
        } else {
            session.out().println("wrote " + dir.resolve(files.get(0).relative()) + " (" + statements.size() + " statements, "
                    + snapshot.size() + " objects)");
        }
        Version baseline = last.plusPatch(1);
        if (table == null) {
            session.err().println("pum: baseline not recorded (no upgrades table given); to record it: pum baseline -p "
                    + Secrets.mask(database) + " -t TABLE -b " + baseline);
        } else {
            RemapBaseline.offer(session, database, table, baseline, files.size(), args.has(YES.key()));
        }
        return 0;
    }

    private static Version version(String text) {
        try {
            if (text.matches("\\d+\\.\\d+\\.\\d+")) {
                return Version.parse(text);
            }
        } catch (RuntimeException e) {
            // reported below
        }
        throw new UsageException("-b takes a version X.Y.Z such as 1.2.0, not '" + text + "'", null);
    }

    /** Refuses, before anything is written, when one of the files exists already. */
    private static void refuseExisting(Path dir, List<Path> files) {
        List<Path> existing = files.stream().filter(Files::exists).toList();
        if (!existing.isEmpty()) {
            throw new PumException(ErrorCode.USAGE, (existing.size() == 1 ? existing.get(0) + " exists already"
                    : existing.size() + " of the files remap would write exist already (" + existing.get(0) + " first)")
                    + "; remap never overwrites a file; nothing was written",
                    "remove them, or choose another version with -b or another directory with -d", null);
        }
    }

    /** Refuses when the directory holds other deltas of the versions remap would write: pum upgrade would run both. */
    private static void refuseVersions(Path dir, Version from, Version to) {
        if (!Files.isDirectory(dir)) {
            return;
        }
        List<DeltaFile> clash = new ArrayList<>();
        DeltaSet existing = DeltaSet.scan(List.of(dir), List.of(), false, true);
        for (List<DeltaFile> list : List.of(existing.versioned(), existing.rollbacks())) {
            for (DeltaFile f : list) {
                if (f.version().compareTo(from) >= 0 && f.version().compareTo(to) <= 0) {
                    clash.add(f);
                }
            }
        }
        if (!clash.isEmpty()) {
            throw new PumException(ErrorCode.USAGE, dir + " holds " + clash.size() + (clash.size() == 1 ? " delta" : " deltas")
                    + " of the versions remap would write (" + from + (from.equals(to) ? "" : " to " + to) + "), " + clash.get(0).path()
                    + " first; nothing was written", "choose another first version with -b or another directory with -d", null);
        }
    }

    private static void write(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        } catch (FileAlreadyExistsException e) {
            throw new PumException(ErrorCode.USAGE, file + " exists already; remap never overwrites a file", null, e);
        } catch (IOException e) {
            throw new PumException(ErrorCode.USAGE, "cannot write " + file + ": " + e.getMessage(), "check that the directory is writable", e);
        }
    }

    /** The user schemas not asked for (none when no --schema is given). */
    private static List<String> otherSchemas(Connection c, List<String> wanted) {
        List<String> others = new ArrayList<>();
        if (wanted == null || wanted.isEmpty()) {
            return others;
        }
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT nspname FROM pg_catalog.pg_namespace")) {
            while (rs.next()) {
                if (!wanted.contains(rs.getString(1))) {
                    others.add(rs.getString(1));
                }
            }
        } catch (SQLException e) {
            throw new PumException(ErrorCode.DATABASE, "listing schemas failed: " + e.getMessage(), null, e);
        }
        return others;
    }
}
