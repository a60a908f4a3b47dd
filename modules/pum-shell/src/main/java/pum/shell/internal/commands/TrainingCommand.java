package pum.shell.internal.commands;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import pum.core.ConnectionResolver;
import pum.core.Database;
import pum.core.PumConfig;
import pum.embedded.EmbeddedServer;
import pum.embedded.PostgresBinaries;
import pum.shell.internal.Cli;
import pum.shell.internal.Session;
import pum.shell.internal.cli.Args;
import pum.shell.internal.cli.Command;
import pum.shell.internal.cli.Help;
import pum.shell.internal.cli.Opt;
import pum.shell.internal.cli.Parser;

/**
 * Hidden: run once at build time with -XX:ArchiveClassesAtExit so that the classes of the usual
 * paths (option parsing and help of every command, config reading, connecting) land in the
 * class-data-sharing archive of the runtime image. Not meant for users.
 */
public final class TrainingCommand implements Command {
    private final Session session;

    /** Made by the composition root. */
    public TrainingCommand(Session session) {
        this.session = session;
    }

    @Override
    public String name() {
        return "cds-training";
    }

    @Override
    public String summary() {
        return "Build-time training run for the class-data-sharing archive.";
    }

    @Override
    public boolean hidden() {
        return true;
    }

    @Override
    public List<Opt> options() {
        return List.of();
    }

    @Override
    public int run(Args args) throws Exception {
        for (Command c : Cli.commands(session)) {
            Help.of(c);
            try {
                Parser.parse(c, List.of("--help"));
            } catch (RuntimeException e) {
                // only the parsing code paths matter here
            }
        }
        Path tmp = Files.createTempDirectory("pum-cds");
        try {
            Path yaml = tmp.resolve("pum.yaml");
            Files.writeString(yaml, "upgrades_table: pum_sys.upgrades\ndelta_dir: [deltas]\nignore_elements: [views]\n");
            PumConfig.load(yaml);
            ConnectionResolver.system().resolve("postgresql://u@localhost:5432/db?sslmode=disable");
            ConnectionResolver.system().resolve("host=localhost port=5432 dbname=db user=u");
            var binaries = PostgresBinaries.bundled();
            if (binaries.isPresent()) {
                try (EmbeddedServer pg = EmbeddedServer.start(binaries.get(), tmp.resolve("data"), EmbeddedServer.Mode.EPHEMERAL);
                     Connection c = Database.connect(pg.connectionInfo("postgres"));
                     Statement st = c.createStatement();
                     ResultSet rs = st.executeQuery("SELECT version()")) {
                    rs.next();
                    session.out().println("trained with " + rs.getString(1));
                    exercise(pg, tmp);
                }
            }
        } finally {
            try (var s = Files.walk(tmp)) {
                s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        return 0;
    }

    /** The paths every deploy takes: check two databases, baseline, upgrade, info, a no-op upgrade. */
    private void exercise(EmbeddedServer pg, Path tmp) throws java.io.IOException {
        String ddl = "CREATE SCHEMA app; CREATE TABLE app.pipe (id serial PRIMARY KEY, diameter int NOT NULL CHECK (diameter > 0),"
                + " name text DEFAULT 'x' UNIQUE); CREATE INDEX ON app.pipe (diameter) WHERE diameter > 10;"
                + " CREATE VIEW app.v AS SELECT id, name FROM app.pipe; CREATE FUNCTION app.f() RETURNS trigger LANGUAGE plpgsql"
                + " AS $$ BEGIN RETURN NEW; END $$; CREATE TRIGGER t BEFORE INSERT ON app.pipe FOR EACH ROW EXECUTE FUNCTION app.f();"
                + " CREATE TYPE app.e AS ENUM ('a'); CREATE SEQUENCE app.s; COMMENT ON TABLE app.pipe IS 'pipes';";
        for (String db : List.of("a", "b")) {
            pg.createDatabase(db);
            try (Connection c = Database.connect(pg.connectionInfo(db)); Statement st = c.createStatement()) {
                // b differs by a column and by a view's text: check then takes the server-reprint path too
                st.execute(ddl + (db.equals("b") ? " ALTER TABLE app.pipe ADD COLUMN extra bigint;"
                        + " CREATE OR REPLACE VIEW app.v AS SELECT id, name FROM app.pipe WHERE id > 0;" : ""));
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException(e);
            }
        }
        Path deltas = Files.createDirectories(tmp.resolve("deltas"));
        Files.writeString(deltas.resolve("pre-all.sql"), "SELECT 1;\n");
        Files.writeString(deltas.resolve("delta_1.0.1_extra.sql"), "ALTER TABLE app.pipe ADD COLUMN extra bigint;\n"
                + "INSERT INTO app.pipe (diameter) VALUES (%(d)s);\n");
        // a second version: its first round trip carries the first one's COMMIT
        Files.writeString(deltas.resolve("delta_1.0.2_more.sql"), "CREATE TABLE app.more (i int);\nINSERT INTO app.more VALUES (1);\n");
        String a = uri(pg, "a");
        String b = uri(pg, "b");
        java.io.PrintStream quiet = new java.io.PrintStream(java.io.OutputStream.nullOutputStream());
        java.io.InputStream none = java.io.InputStream.nullInputStream();
        List<List<String>> runs = List.of(
                List.of("check", "-p1", a, "-p2", b),
                List.of("check", "-p1", a, "-p2", b, "--format", "json", "-i", "views"),
                List.of("baseline", "-p", a, "-t", "pum_sys.upgrades", "-b", "1.0.0"),
                List.of("info", "-p", a, "-t", "pum_sys.upgrades", "-d", deltas.toString()),
                List.of("upgrade", "-p", a, "-t", "pum_sys.upgrades", "-d", deltas.toString(), "-v", "int", "d", "20"),
                List.of("upgrade", "-p", a, "-t", "pum_sys.upgrades", "-d", deltas.toString(), "-v", "int", "d", "20"),
                List.of("check", "-p1", a, "-p2", b),
                List.of("ping", "-p", a));
        for (List<String> run : runs) {
            Cli.run(run.toArray(String[]::new), none, quiet, quiet);
        }
    }

    private static String uri(EmbeddedServer pg, String db) {
        return "postgresql://postgres@127.0.0.1:" + pg.port() + "/" + db;
    }
}
