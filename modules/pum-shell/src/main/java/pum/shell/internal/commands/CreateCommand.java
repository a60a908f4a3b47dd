package pum.shell.internal.commands;

import java.io.Console;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import pum.core.ErrorCode;
import pum.core.PumException;
import pum.delta.DeltaFile;
import pum.delta.DeltaName;
import pum.delta.DeltaSet;
import pum.delta.Version;
import pum.shell.internal.Session;
import pum.shell.internal.cli.Args;
import pum.shell.internal.cli.Command;
import pum.shell.internal.cli.Opt;
import pum.shell.internal.cli.Param;

/**
 * {@code pum create NAME}: writes the next delta file and its rollback companion from templates
 * (rokso's create), flat in the delta directory or in rokso's object tree.
 */
public final class CreateCommand implements Command {
    static final Param NAME = Param.optional("NAME", "The delta's name part: letters, digits and _ (delta_X.Y.Z_NAME.sql);"
            + " required, except with --from-diff (default " + FromDiff.DEFAULT_NAME + ").");
    static final Opt VERSION = Opt.value("X.Y.Z", "The version (default: the next patch version after the highest on disk).",
            "--version");
    static final Opt KIND = Opt.value("KIND", "table, view, materialized-view, function or type: write into rokso's object tree"
            + " SCHEMA/KIND/OBJECT/ (needs --schema and --object; the config must say layout: tree).", "--kind");
    static final Opt SCHEMA = Opt.value("S", "The object's schema (object tree).", "--schema");
    static final Opt OBJECT = Opt.value("O", "The object's name (object tree).", "--object");
    static final Opt PRE = Opt.flag("A pre file (delta_X.Y.Z_NAME.pre.sql), run before the version's delta files.", "--pre");
    static final Opt POST = Opt.flag("A post file (delta_X.Y.Z_NAME.post.sql), run after them.", "--post");
    static final Opt JAVA = Opt.flag("A Java delta (and a Java rollback) instead of SQL.", "--java");
    static final Opt DIR = Opt.value("DIR", "The delta directory to write into (default: the first delta_dir of the config).", "-d", "--dir");
    static final Opt FROM_DIFF = Opt.flag("Write the SQL that makes -p1 match -p2 (check --fix) as the delta, hazards as comments,"
            + " and the SQL that makes -p2 match -p1 as its rollback; never run. Nothing is written when they are equal.", "--from-diff");
    static final Opt FIRST = Opt.value("DB", "With --from-diff: the database the delta upgrades (service, URI, conninfo, 'embedded').",
            "-p1", "--pg_service1", "--pg-service1");
    static final Opt SECOND = Opt.value("DB", "With --from-diff: the database it should then match.", "-p2", "--pg_service2", "--pg-service2");
    static final Opt EXCLUDE = Opt.value("SCHEMA", "With --from-diff: leave this schema out of the comparison (exact name).",
            "-N", "--exclude-schema").multiple();

    /** rokso's kind folders. */
    static final Map<String, String> KIND_FOLDERS = Map.of("type", "100.database_types", "table", "200.tables", "view", "300.views",
            "materialized-view", "400.mat_views", "function", "500.functions");

    private final Session session;

    /** Made by the composition root. */
    public CreateCommand(Session session) {
        this.session = session;
    }

    @Override
    public String name() {
        return "create";
    }

    @Override
    public String summary() {
        return "Write the next delta file and its rollback companion from templates.";
    }

    @Override
    public String description() {
        return """
                Writes delta_X.Y.Z_NAME.sql and delta_X.Y.Z_NAME.rollback.sql (with --java: .java and .rollback.java)
                into the delta directory and prints their paths. X.Y.Z is the next patch version after the highest
                version on disk (1.9.0 -> 1.9.1, 1.10.3 -> 1.10.4; 0.0.1 in an empty directory) unless --version is
                given. With --kind, --schema and --object the files go into rokso's object tree
                SCHEMA/KIND_FOLDER/OBJECT/ (100.database_types, 200.tables, 300.views, 400.mat_views, 500.functions);
                such a project says layout: tree in its config, and deltas still run by version. On a terminal,
                a missing --schema or --object is asked for when --kind is given. Never overwrites a file; a name
                that would not be a valid delta name is refused before anything is written. With --from-diff -p1 A
                -p2 B the delta holds the SQL that makes A match B (as pum check --fix writes it, hazards as comments)
                and its rollback the SQL that makes B match A; nothing is run, and nothing is written when A and B are
                equal (exit 0). See docs/lifecycle.md.""";
    }

    @Override
    public List<Opt> options() {
        return List.of(DIR, VERSION, KIND, SCHEMA, OBJECT, PRE, POST, JAVA, FROM_DIFF, FIRST, SECOND, EXCLUDE);
    }

    @Override
    public List<Param> parameters() {
        return List.of(NAME);
    }

    @Override
    public int run(Args args) throws Exception {
        boolean fromDiff = args.has(FROM_DIFF.key());
        String name = args.param(NAME.label());
        if (name == null && fromDiff) {
            name = FromDiff.DEFAULT_NAME;
        }
        if (name == null) {
            throw new PumException(ErrorCode.USAGE, "NAME is missing: pum create NAME", "for example: pum create add_owner_column");
        }
        FromDiff diff = null;
        if (fromDiff) {
            diff = FromDiff.options(args.get(FIRST.key()), args.get(SECOND.key()), args.has(JAVA.key()));
        } else if (args.get(FIRST.key()) != null || args.get(SECOND.key()) != null) {
            throw new PumException(ErrorCode.USAGE, "-p1 and -p2 go with --from-diff", "pum create --from-diff -p1 A -p2 B [NAME]");
        }
        Path dir = args.get(DIR.key()) != null ? Path.of(args.get(DIR.key()))
                : session.config().deltaDirs().isEmpty() ? null : session.config().deltaDirs().get(0);
        if (dir == null) {
            throw new PumException(ErrorCode.USAGE, "no delta directory: pass -d DIR or set delta_dir in the config file (-c)",
                    "pum init creates a project with a config file and a delta directory");
        }
        if (!Files.isDirectory(dir)) {
            throw new PumException(ErrorCode.CONFIG, "delta directory " + dir + " does not exist", "pum init DIR creates one");
        }
        if (args.has(PRE.key()) && args.has(POST.key())) {
            throw new PumException(ErrorCode.USAGE, "--pre and --post exclude each other", null);
        }
        boolean java = args.has(JAVA.key());
        String kind = args.get(KIND.key());
        String schema = args.get(SCHEMA.key());
        String object = args.get(OBJECT.key());
        if (kind != null || schema != null || object != null) {
            if (kind == null) {
                kind = ask("kind of object (table, view, materialized-view, function, type)", "--kind");
            }
            if (!KIND_FOLDERS.containsKey(kind)) {
                throw new PumException(ErrorCode.USAGE, "unknown --kind \"" + kind + "\"", "one of table, view, materialized-view, function, type");
            }
            if (schema == null) {
                schema = ask("schema", "--schema");
            }
            if (object == null) {
                object = ask(kind + " name", "--object");
            }
            for (String[] part : new String[][] {{"--schema", schema}, {"--object", object}}) {
                if (!part[1].matches("[A-Za-z0-9_][A-Za-z0-9_.$-]*") || part[1].contains("..")) {
                    throw new PumException(ErrorCode.USAGE, part[0] + " \"" + part[1] + "\" cannot be a folder name",
                            "letters, digits, _, ., $ and -");
                }
            }
        }
        Version version;
        if (args.get(VERSION.key()) != null) {
            try {
                version = Version.parse(args.get(VERSION.key()));
            } catch (RuntimeException e) {
                throw new PumException(ErrorCode.USAGE, "invalid --version \"" + args.get(VERSION.key()) + "\": expected X.Y.Z", null, e);
            }
        } else {
            version = next(dir);
        }
        String ext = java ? "java" : "sql";
        String deltaName = "delta_" + version + "_" + name + (args.has(PRE.key()) ? ".pre." : args.has(POST.key()) ? ".post." : ".") + ext;
        String rollbackName = "delta_" + version + "_" + name + ".rollback." + ext;
        DeltaName parsed = DeltaName.parse(deltaName);
        DeltaName parsedRollback = DeltaName.parse(rollbackName);
        if (name.isEmpty() || !parsed.isDelta() || !name.equals(parsed.name()) || !parsedRollback.isRollback()) {
            throw new PumException(ErrorCode.USAGE, "\"" + name + "\" cannot be a delta name: " + deltaName + " would "
                    + (parsed.reason() != null ? "not be a delta (" + parsed.reason() + ")" : "not be read as named"),
                    "use letters, digits and _ only, for example add_owner_column");
        }
        Path target = kind == null ? dir : dir.resolve(schema).resolve(KIND_FOLDERS.get(kind)).resolve(object);
        if (kind != null && !session.config().treeLayout()) {
            session.err().println("pum: warning: the object tree is read only by projects whose config says layout: tree;"
                    + " without it pum upgrade does not see " + target);
        }
        Path delta = target.resolve(deltaName);
        Path rollback = target.resolve(rollbackName);
        List<Path> existing = new ArrayList<>();
        for (Path p : List.of(delta, rollback)) {
            if (Files.exists(p)) {
                existing.add(p);
            }
        }
        if (!existing.isEmpty()) {
            throw new PumException(ErrorCode.USAGE, "already exists, not overwritten: " + existing, "choose another name or --version");
        }
        String what = kind == null ? null : kind + " " + schema + "." + object;
        String deltaText;
        String rollbackText;
        if (diff != null) {
            FromDiff.Texts texts = diff.texts(session, args.all(EXCLUDE.key()), version, name);
            if (texts == null) {
                session.out().println("the databases are equal; nothing written");
                return 0;
            }
            deltaText = texts.delta();
            rollbackText = texts.rollback();
        } else {
            deltaText = java ? javaTemplate(version, name, what, false) : sqlTemplate(version, name, what, false);
            rollbackText = java ? javaTemplate(version, name, what, true) : sqlTemplate(version, name, what, true);
        }
        Files.createDirectories(target);
        Files.writeString(delta, deltaText, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW);
        Files.writeString(rollback, rollbackText, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW);
        session.out().println(delta);
        session.out().println(rollback);
        return 0;
    }

    private String ask(String what, String option) {
        Console console = System.console();
        if (console == null || session.in() != System.in || session.interactive()) {
            throw new PumException(ErrorCode.USAGE, option + " is missing (pum asks for it only on a terminal)", "pass " + option);
        }
        String answer = console.readLine("%s: ", what);
        if (answer == null || answer.isBlank()) {
            throw new PumException(ErrorCode.ABORTED, "no " + what + " given; nothing was written", null);
        }
        return answer.strip();
    }

    /** The next patch version after the highest version on disk (deltas and rollback files, recursively), or 0.0.1. */
    static Version next(Path dir) {
        DeltaSet all = DeltaSet.scan(List.of(dir), List.of(), false, true);
        Version max = null;
        for (DeltaFile f : all.versioned()) {
            max = max == null || f.version().compareTo(max) > 0 ? f.version() : max;
        }
        for (DeltaFile f : all.rollbacks()) {
            max = max == null || f.version().compareTo(max) > 0 ? f.version() : max;
        }
        if (max == null) {
            return Version.parse("0.0.1");
        }
        return max.plusPatch(1);
    }

    static String sqlTemplate(Version v, String name, String what, boolean rollback) {
        if (rollback) {
            return "-- Rollback of delta_" + v + "_" + name + (what == null ? "" : " (" + what + ")") + ".\n"
                    + "-- pum rollback runs this file in one transaction with the update of the upgrades table;\n"
                    + "-- it must undo exactly what the delta did (pum verify-rollback checks it on a scratch database):\n"
                    + "-- every table, column, default, index, constraint, comment and grant the delta added or changed.\n"
                    + "-- No BEGIN/COMMIT: pum runs the transaction. Write the statements in the reverse order of the delta's.\n"
                    + "\n";
        }
        return "-- Delta " + v + " " + name + (what == null ? "" : " (" + what + ")") + ".\n"
                + "-- pum upgrade runs this file in one transaction with its version's other files and its row in the\n"
                + "-- upgrades table. No BEGIN/COMMIT. For statements that cannot run in a transaction\n"
                + "-- (CREATE INDEX CONCURRENTLY) put \"-- pum: no-transaction\" on the first line; such a delta cannot be\n"
                + "-- rolled back by pum rollback. Write its inverse in delta_" + v + "_" + name + ".rollback.sql.\n"
                + "\n";
    }

    static String javaTemplate(Version v, String name, String what, boolean rollback) {
        String cls = "Delta_" + v.toString().replace('.', '_') + "_" + name + (rollback ? "_rollback" : "");
        return "import pum.delta.Delta;\n\n"
                + "/** " + (rollback ? "Rollback of delta " : "Delta ") + v + " " + name + (what == null ? "" : " (" + what + ")")
                + ": runs in pum's transaction (docs/java-deltas.md). */\n"
                + "public class " + cls + " extends Delta {\n"
                + "    @Override\n"
                + "    public void run() throws Exception {\n"
                + "        // dsl() is a jOOQ DSLContext on pum's connection, for example:\n"
                + "        // dsl().execute(\"" + (rollback ? "DROP TABLE app.example" : "CREATE TABLE app.example (id int)") + "\");\n"
                + "    }\n"
                + "}\n";
    }
}
