package pum.shell.internal.commands;

import java.io.Console;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import pum.core.ConnectionInfo;
import pum.core.ErrorCode;
import pum.core.PumException;
import pum.delta.Upgrader;
import pum.delta.UpgradesTable;
import pum.delta.Version;
import pum.shell.internal.Session;
import pum.shell.internal.cli.Args;
import pum.shell.internal.cli.Command;
import pum.shell.internal.cli.Opt;
import pum.shell.internal.cli.Param;

/**
 * {@code pum init [DIR]}: a new project (rokso's init): a commented config file, the delta
 * directory and, given a connection, the upgrades table with its baseline.
 */
public final class InitCommand implements Command {
    static final Param DIR = Param.optional("DIR", "The project directory (default: the working directory); created if missing.");
    static final Opt DB = Opt.value("DB", "The database: service name, postgresql:// URI, key=value conninfo or 'embedded'."
            + " On a terminal, asked for when missing; in a script, without it only the files are written.", "-p", "--pg_service", "--pg-service");
    static final Opt TABLE = Opt.value("TABLE", "The upgrades table (default pum_sys.upgrades).", "-t", "--table");
    static final Opt BASELINE = Opt.value("X.Y.Z", "The version recorded as the database's current one (default 0.0.0).", "-b", "--baseline");
    static final Opt DELTA_DIR = Opt.value("NAME", "The delta directory inside DIR (default delta).", "--delta-dir");
    static final Opt TREE = Opt.flag("Use rokso's object tree (layout: tree): pum create --kind --schema --object writes"
            + " SCHEMA/KIND/OBJECT/ folders, read recursively.", "--tree");
    static final Opt FROM_ROKSO = Opt.value("ROKSO_DIR", "Adopt a rokso project: its migrations become pum deltas with rollback"
            + " companions (object tree, layout: tree), and its completed migrations rows of the upgrades table (needs -p).", "--from-rokso");
    static final String CONFIG = "pum.yaml";

    private final Session session;

    /** Made by the composition root. */
    public InitCommand(Session session) {
        this.session = session;
    }

    @Override
    public String name() {
        return "init";
    }

    @Override
    public String summary() {
        return "Start a project: config file, delta directory, upgrades table with a baseline.";
    }

    @Override
    public String description() {
        return """
                Creates DIR/pum.yaml (commented), DIR/delta/ and, given a connection (-p), the upgrades table
                with a baseline (0.0.0 or -b), then prints the server it reached. On a terminal, a missing -p
                is asked for (a service name, or host, port, database and user with defaults shown; the
                password is not echoed, never written to the config, and saved to ~/.pgpass (mode 0600) only
                if you agree). In a script nothing is asked. Refuses when DIR already holds pum.yaml.
                --from-rokso ROKSO_DIR adopts a rokso project: migration/**/YYYY_MM_DD__HH_MM_SS_name.py files
                (their apply_sql and rollback_sql strings, parsed, never run) become delta_0.0.N_name.sql and
                .rollback.sql in rokso's order (sorted paths: N = position), in the same folders; each migration
                rokso_db_version says is complete gets a row (batch = rokso's revision), so nothing runs twice.
                The rokso project and its table are only read.
                Run pum from DIR afterwards: pum -c pum.yaml status -p DB. See docs/lifecycle.md.""";
    }

    @Override
    public List<Opt> options() {
        return List.of(DB, TABLE, BASELINE, DELTA_DIR, TREE, FROM_ROKSO);
    }

    @Override
    public List<Param> parameters() {
        return List.of(DIR);
    }

    @Override
    public int run(Args args) throws Exception {
        Path dir = Path.of(args.param(DIR.label()) == null ? "." : args.param(DIR.label()));
        Path config = dir.resolve(CONFIG);
        String deltaName = args.get(DELTA_DIR.key(), "delta");
        if (!deltaName.matches("[A-Za-z0-9_.-]+") || deltaName.equals("..")) {
            throw new PumException(ErrorCode.USAGE, "--delta-dir \"" + deltaName + "\" must be a folder name inside DIR", null);
        }
        Path deltas = dir.resolve(deltaName);
        if (Files.exists(config)) {
            throw new PumException(ErrorCode.USAGE, dir + " is a pum project already (" + config + " exists); nothing was changed",
                    "pum status shows where it stands");
        }
        UpgradesTable table = UpgradesTable.parse(args.get(TABLE.key(), "pum_sys.upgrades"));
        Version baseline;
        try {
            baseline = Version.parse(args.get(BASELINE.key(), "0.0.0"));
        } catch (RuntimeException e) {
            throw new PumException(ErrorCode.USAGE, "invalid -b \"" + args.get(BASELINE.key()) + "\": expected X.Y.Z", null, e);
        }
        String db = args.get(DB.key());
        String password = null;
        String[] asked = null;
        Console console = terminal() ? System.console() : null;
        if (db == null && console != null) {
            String service = console.readLine("pum: service name from pg_service.conf (empty: give host, port, database and user) []: ");
            if (service != null && !service.isBlank()) {
                db = service.strip();
            } else {
                String host = answer(console, "host", "localhost");
                String port = answer(console, "port", "5432");
                String name = answer(console, "database", dir.toAbsolutePath().normalize().getFileName().toString());
                String user = answer(console, "user", System.getProperty("user.name"));
                char[] pw = console.readPassword("pum: password (not shown; empty: none or from ~/.pgpass): ");
                password = pw == null || pw.length == 0 ? null : new String(pw);
                asked = new String[] {host, port, name, user};
                db = "host=" + quote(host) + " port=" + quote(port) + " dbname=" + quote(name) + " user=" + quote(user)
                        + (password == null ? "" : " password=" + quote(password));
            }
        }
        Path rokso = args.get(FROM_ROKSO.key()) == null ? null : Path.of(args.get(FROM_ROKSO.key()));
        List<RoksoImport.Migration> migrations = null;
        String roksoSchema = null;
        if (rokso != null) {
            if (db == null) {
                throw new PumException(ErrorCode.USAGE, "--from-rokso needs the database (-p): without rokso_db_version's completed"
                        + " migrations, pum would run them all again; nothing was written", "pass -p with the database rokso manages");
            }
            if (args.has(BASELINE.key()) && !baseline.toString().equals("0.0.0")) {
                throw new PumException(ErrorCode.USAGE, "--from-rokso numbers the migrations 0.0.1, 0.0.2, ... above the baseline 0.0.0; -b cannot be given", null);
            }
            migrations = RoksoImport.read(rokso, deltas, session.err());
            roksoSchema = RoksoImport.schema(rokso);
        }
        String server = null;
        String adopted = null;
        if (db != null && rokso != null) {
            ConnectionInfo info = session.resolve(db);
            Connection c = session.connection(db);
            java.util.Map<String, Object[]> done;
            try {
                done = RoksoImport.completed(c, roksoSchema);
            } catch (SQLException e) {
                throw new PumException(ErrorCode.DATABASE, "cannot read rokso's table " + roksoSchema + ".rokso_db_version on " + info.describe()
                        + ": " + e.getMessage().lines().findFirst().orElse(""), "check the schema in " + rokso.resolve("config.json") + " and -p", e);
            }
            int last = 0;
            for (int i = 0; i < migrations.size(); i++) {
                if (done.containsKey(migrations.get(i).relative())) {
                    last = i + 1;
                }
            }
            for (int i = 0; i < last; i++) {
                if (!done.containsKey(migrations.get(i).relative())) {
                    session.err().println("pum: warning: rokso migration " + migrations.get(i).relative() + " (" + migrations.get(i).version()
                            + ") is not complete but a later one is: pum upgrade skips versions below the current one, as PUM does;"
                            + " apply it by hand (pum upgrade --migration does not go below the current version either)");
                }
            }
            java.util.Map<RoksoImport.Migration, String> sums = RoksoImport.write(migrations);
            Upgrader.baseline(c, table, baseline);
            int rows;
            try {
                rows = RoksoImport.record(c, table, migrations, sums, done, deltaName);
            } catch (SQLException e) {
                throw new PumException(ErrorCode.DATABASE, "recording rokso's completed migrations in " + table + " failed: " + e.getMessage(), null, e);
            }
            adopted = "adopted " + migrations.size() + " rokso migration" + (migrations.size() == 1 ? "" : "s") + " from " + rokso + ": "
                    + rows + " complete (recorded in " + table + ", current version " + (last == 0 ? "0.0.0" : migrations.get(last - 1).version())
                    + "), " + (migrations.size() - rows) + " pending; " + migrations.stream().filter(m -> m.companion() == null).count()
                    + " without rollback_sql (no companion)";
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT version()")) {
                rs.next();
                server = "connected to " + info.describe() + "\n" + rs.getString(1);
            }
        } else if (db != null) {
            ConnectionInfo info = session.resolve(db);
            Connection c = session.connection(db);
            Upgrader.baseline(c, table, baseline);
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT version(), current_database(), current_user")) {
                rs.next();
                server = "connected to " + info.describe() + ": database " + rs.getString(2) + " as " + rs.getString(3) + "\n" + rs.getString(1);
            } catch (SQLException e) {
                throw new PumException(ErrorCode.DATABASE, "query failed on " + info.describe() + ": " + e.getMessage(), null, e);
            }
            if (password != null && console != null) {
                String save = console.readLine("pum: save the password to ~/.pgpass (mode 0600)? [y/N] ");
                if (save != null && (save.strip().equalsIgnoreCase("y") || save.strip().equalsIgnoreCase("yes"))) {
                    savePgpass(asked, password);
                }
            }
        }
        Files.createDirectories(deltas);
        Files.writeString(config, config(table, deltaName, args.has(TREE.key()) || rokso != null, db != null && asked == null && !db.contains("=")
                && !db.contains("://") ? db : null));
        session.out().println("created " + config + " and " + deltas + "/");
        if (adopted != null) {
            session.out().println(adopted);
        }
        if (server != null) {
            session.out().println("upgrades table " + table + " created with baseline " + baseline);
            session.out().println(server);
        } else {
            session.out().println("no database given: run pum -c " + CONFIG + " baseline -p DB -b " + baseline + " in " + dir + " when it exists");
        }
        return 0;
    }

    private boolean terminal() {
        return System.console() != null && session.in() == System.in && !session.interactive();
    }

    private static String answer(Console console, String what, String dflt) {
        String a = console.readLine("pum: %s [%s]: ", what, dflt);
        return a == null || a.isBlank() ? dflt : a.strip();
    }

    private static String quote(String v) {
        return "'" + v.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }

    private void savePgpass(String[] asked, String password) throws Exception {
        Path home = Path.of(System.getenv().getOrDefault("HOME", System.getProperty("user.home")));
        Path pgpass = home.resolve(".pgpass");
        String line = esc(asked[0]) + ":" + esc(asked[1]) + ":" + esc(asked[2]) + ":" + esc(asked[3]) + ":" + esc(password) + "\n";
        if (!Files.exists(pgpass)) {
            Files.createFile(pgpass, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        }
        Files.setPosixFilePermissions(pgpass, PosixFilePermissions.fromString("rw-------"));
        Files.writeString(pgpass, line, java.nio.file.StandardOpenOption.APPEND);
        session.out().println("password saved to " + pgpass + " (mode 0600)");
    }

    private static String esc(String s) {
        return s.replace("\\", "\\\\").replace(":", "\\:");
    }

    static String config(UpgradesTable table, String deltaDir, boolean tree, String service) {
        return "# pum project configuration: pum -c pum.yaml COMMAND, run from this directory\n"
                + "# (relative paths start from the working directory, as with PUM). Keys: docs/configuration.md.\n"
                + "#\n"
                + "# The connection is not stored here: pass -p with a pg_service.conf service, a URI or a conninfo.\n"
                + (service == null ? "" : "# This project was initialised with: -p " + service + "\n")
                + "# Passwords belong in ~/.pgpass (mode 0600), never in this file.\n"
                + "\n"
                + "# the upgrades table (PUM 0.x's layout plus pum's nullable columns)\n"
                + "upgrades_table: " + table + "\n"
                + "\n"
                + "# where the delta files are; several directories: a YAML list\n"
                + "delta_dir: " + deltaDir + "\n"
                + "\n"
                + "# flat: delta_dir is read one level deep (PUM's way); tree: rokso's SCHEMA/KIND/OBJECT/ folders, read recursively\n"
                + (tree ? "layout: tree\n" : "# layout: tree\n")
                + "\n"
                + "# files that resemble deltas but are not: errors instead of warnings\n"
                + "# strict_names: true\n"
                + "\n"
                + "# PostgreSQL timeouts for every statement of an upgrade or rollback\n"
                + "# lock_timeout: 10s\n"
                + "# statement_timeout: 0\n";
    }
}
