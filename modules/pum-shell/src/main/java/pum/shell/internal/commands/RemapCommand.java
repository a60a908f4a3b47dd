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
import pum.ddl.Ddl;
import pum.ddl.DdlStatement;
import pum.shell.internal.Session;
import pum.shell.internal.cli.Args;
import pum.shell.internal.cli.Command;
import pum.shell.internal.cli.Opt;
import pum.shell.internal.cli.UsageException;

/** {@code pum remap -p DB -d DIR}: writes an existing database's schema as one baseline delta file (rokso's remap). */
public final class RemapCommand implements Command {
    /** The baseline version when -b is not given: below any version a project would choose for its next delta. */
    static final String DEFAULT_VERSION = "0.0.1";
    static final Opt DB = Opt.value("DB", "The database to remap: service name, postgresql:// URI, key=value conninfo, or 'embedded'.",
            "-p", "--pg_service", "--pg-service").mandatory();
    static final Opt DIR = Opt.value("DIR", "Directory to write the delta file into (created if missing).", "-d", "--dir").mandatory();
    static final Opt SCHEMA = Opt.value("SCHEMA", "Remap only this schema (exact name); repeatable. Default: every user schema.",
            "--schema").multiple();
    static final Opt VERSION = Opt.value("X.Y.Z", "Version of the baseline delta (default " + DEFAULT_VERSION + ").", "-b", "--baseline");

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
        return "Write an existing database's schema as a baseline delta file (delta_X.Y.Z_remap.sql).";
    }

    @Override
    public String description() {
        return """
                The file builds the schema in an empty database, in dependency order; running remap again on an
                unchanged database writes the same bytes. An existing file is never overwritten. See docs/remap.md.""";
    }

    @Override
    public List<Opt> options() {
        return List.of(DB, DIR, SCHEMA, VERSION);
    }

    @Override
    public int run(Args args) {
        String database = args.get(DB.key());
        Path dir = args.path(DIR.key());
        String version = args.get(VERSION.key(), DEFAULT_VERSION);
        if (!version.matches("\\d+(\\.\\d+)*")) {
            throw new UsageException("-b takes a version such as 1.2.0, not '" + version + "'", null);
        }
        Path file = dir.resolve("delta_" + version + "_remap.sql");
        if (Files.exists(file)) {
            throw new PumException(ErrorCode.USAGE, file + " exists already; remap never overwrites a file",
                    "remove it, or choose another version with -b or another directory with -d", null);
        }
        Catalog.warmUp();
        Connection c = session.connection(database);
        CatalogOptions options = CatalogOptions.excluding(otherSchemas(c, args.all(SCHEMA.key())));
        Snapshot snapshot = Catalog.read(c, options);
        Details details = Details.read(c, options);
        List<DdlStatement> statements = Ddl.create(snapshot, details);
        String script = Ddl.script("pum remap: the schema as a baseline delta, version " + version
                + "\nbuilds the schema in an empty database; generated, review before committing", statements);
        try {
            Files.createDirectories(dir);
            Files.writeString(file, script, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        } catch (FileAlreadyExistsException e) {
            throw new PumException(ErrorCode.USAGE, file + " exists already; remap never overwrites a file", null, e);
        } catch (IOException e) {
            throw new PumException(ErrorCode.USAGE, "cannot write " + file + ": " + e.getMessage(), "check that the directory is writable", e);
        }
        session.out().println("wrote " + file + " (" + statements.size() + " statements, " + snapshot.size() + " objects)");
        return 0;
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
