package pum.shell.internal.commands;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import pum.core.ErrorCode;
import pum.core.PumException;
import pum.delta.DeltaFile;
import pum.delta.DeltaSet;
import pum.delta.DeltaState;
import pum.delta.DeltaStatus;
import pum.delta.Status;
import pum.delta.Upgrader;
import pum.delta.UpgradesTable;
import pum.delta.Version;
import pum.shell.internal.Session;
import pum.shell.internal.cli.Args;
import pum.shell.internal.cli.Command;
import pum.shell.internal.cli.Opt;
import pum.shell.internal.cli.Param;

/**
 * {@code explain VERSION}: what the delta files of one version will do: their state, each SQL
 * statement with the hazards recognisable from its text, and the tables the statements name,
 * with their sizes on the database. It reads only; nothing runs.
 */
public final class ExplainCommand implements Command {
    private static final int SHOWN_LINES = 8;
    /** Table names after the words that introduce them in DML and DDL. */
    private static final Pattern TABLE = Pattern.compile(
            "(?i)\\b(?:ALTER\\s+TABLE(?:\\s+ONLY)?(?:\\s+IF\\s+EXISTS)?|UPDATE(?:\\s+ONLY)?|INSERT\\s+INTO|DELETE\\s+FROM(?:\\s+ONLY)?|TRUNCATE(?:\\s+TABLE)?(?:\\s+ONLY)?"
                    + "|DROP\\s+TABLE(?:\\s+IF\\s+EXISTS)?|COPY|FROM|JOIN|REFERENCES|\\bON(?:\\s+ONLY)?|LOCK(?:\\s+TABLE)?)\\s+((?:\"[^\"]+\"|[A-Za-z_][\\w$]*)(?:\\.(?:\"[^\"]+\"|[A-Za-z_][\\w$]*))?)");

    private final Session session;

    /** Made by the composition root. */
    public ExplainCommand(Session session) {
        this.session = session;
    }

    @Override
    public String name() {
        return "explain";
    }

    @Override
    public String summary() {
        return "Shell: show what a version's delta files will do (statements, hazards, tables touched and their sizes).";
    }

    @Override
    public String description() {
        return """
                Reads the delta files of VERSION and the database (-p, or the connection in use) and runs nothing.
                Hazards are recognised from the statement text (a table rewrite, a lock that blocks writes, data
                deleted); Java and Python deltas say what they do only when they run.""";
    }

    @Override
    public List<Opt> options() {
        return List.of(DeltaOptions.DB, DeltaOptions.TABLE, DeltaOptions.DIR, DeltaOptions.IGNORE);
    }

    @Override
    public List<Param> parameters() {
        return List.of(Param.of("VERSION", "The version whose delta files to explain, X.Y.Z."));
    }

    @Override
    public int run(Args args) throws IOException {
        DeltaOptions delta = DeltaOptions.from(args);
        Version version = Version.parse(args.param("VERSION"));
        DeltaSet deltas = delta.scan(session, false);
        List<DeltaFile> files = deltas.versioned().stream().filter(f -> f.version().equals(version)).toList();
        if (files.isEmpty()) {
            throw new PumException(ErrorCode.USAGE, "no delta file of version " + version + " in " + deltas.dirs(),
                    "'info' lists the versions; Tab completes them");
        }
        UpgradesTable table = delta.table(session);
        Connection c = session.connection(delta.database);
        Status status = Upgrader.status(c, table, deltas);
        Set<String> tables = new LinkedHashSet<>();
        for (DeltaFile f : files) {
            DeltaState state = status.entries().stream().filter(e -> f.equals(e.file())).map(DeltaStatus::state).findFirst().orElse(DeltaState.PENDING);
            session.out().println(f.fileName() + ": " + state.toString().toLowerCase(Locale.ROOT).replace('_', ' ') + " (database at " + status.current() + ")");
            if (f.language() != DeltaFile.Language.SQL) {
                session.out().println("  a " + f.language().extension() + " delta: what it does is known when it runs");
                continue;
            }
            List<String> statements = statements(Files.readString(f.path(), StandardCharsets.UTF_8));
            for (int i = 0; i < statements.size(); i++) {
                String s = statements.get(i);
                String[] lines = s.split("\\R");
                session.out().println("  " + (i + 1) + ". " + lines[0]);
                for (int k = 1; k < Math.min(lines.length, SHOWN_LINES); k++) {
                    session.out().println("     " + lines[k]);
                }
                if (lines.length > SHOWN_LINES) {
                    session.out().println("     ... (" + (lines.length - SHOWN_LINES) + " more lines)");
                }
                for (String h : hazards(s)) {
                    session.out().println("     hazard: " + h);
                }
                Matcher m = TABLE.matcher(stripLiterals(s));
                while (m.find()) {
                    tables.add(m.group(1));
                }
            }
        }
        printSizes(c, tables);
        return 0;
    }

    private void printSizes(Connection c, Set<String> names) {
        if (names.isEmpty()) {
            return;
        }
        session.out().println("tables touched:");
        String sql = "SELECT r.oid::regclass::text, pg_size_pretty(pg_total_relation_size(r.oid)), greatest(c.reltuples, 0)::bigint"
                + " FROM (SELECT to_regclass(?) AS oid) r JOIN pg_class c ON c.oid = r.oid WHERE c.relkind IN ('r', 'p', 'm', 'f')";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (String n : names) {
                ps.setString(1, n);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        session.out().println("  " + rs.getString(1) + ": " + rs.getString(2) + ", about " + rs.getLong(3) + " rows");
                    } else if (!n.toLowerCase(Locale.ROOT).startsWith("pg_")) {
                        session.out().println("  " + n + ": not in the database now (created by the delta, or not a table)");
                    }
                }
            }
        } catch (SQLException e) {
            throw new PumException(ErrorCode.DATABASE, "reading table sizes failed: " + e.getMessage(), null, e);
        }
    }

    /** What a statement risks, from its text: the locks and rewrites PostgreSQL documents for these forms. */
    static List<String> hazards(String statement) {
        String s = stripLiterals(statement).replaceAll("\\s+", " ").toUpperCase(Locale.ROOT);
        List<String> h = new ArrayList<>();
        if (s.matches(".*\\bALTER TABLE\\b.*\\bALTER (COLUMN )?\\S+ (SET DATA )?TYPE\\b.*")) {
            h.add("changing a column's type rewrites the table under an ACCESS EXCLUSIVE lock (unless binary-compatible)");
        }
        if (s.matches(".*\\bALTER TABLE\\b.*\\bSET NOT NULL\\b.*")) {
            h.add("SET NOT NULL scans the whole table under an ACCESS EXCLUSIVE lock");
        }
        if (s.matches(".*\\bALTER TABLE\\b.*\\bADD (CONSTRAINT \\S+ )?(FOREIGN KEY|CHECK)\\b.*") && !s.contains("NOT VALID")) {
            h.add("the new constraint is checked against every row while the table is locked (NOT VALID + VALIDATE avoids it)");
        }
        if (s.matches(".*\\bCREATE (UNIQUE )?INDEX\\b.*") && !s.contains("CONCURRENTLY")) {
            h.add("CREATE INDEX blocks writes to the table while it builds (CONCURRENTLY does not)");
        }
        if (s.matches(".*\\bDROP (TABLE|COLUMN|SCHEMA)\\b.*") || s.matches(".*\\bALTER TABLE\\b.*\\bDROP (COLUMN )?(?!CONSTRAINT|DEFAULT|NOT|IDENTITY|EXPRESSION)\\S+.*")
                || s.matches(".*\\bTRUNCATE\\b.*")) {
            h.add("deletes data");
        }
        if (s.matches("^\\s*(UPDATE|DELETE)\\b.*") && !s.matches(".*\\bWHERE\\b.*")) {
            h.add("touches every row of the table (no WHERE)");
        }
        if (s.matches(".*\\bVACUUM FULL\\b.*|.*\\bCLUSTER\\b.*")) {
            h.add("rewrites the table under an ACCESS EXCLUSIVE lock");
        }
        return h;
    }

    /** String literals and comments blanked out, so that words inside them are not read as SQL. */
    private static String stripLiterals(String s) {
        return s.replaceAll("(?s)'(?:[^']|'')*'", "''").replaceAll("--[^\\n]*", "").replaceAll("(?s)/\\*.*?\\*/", "");
    }

    /**
     * The statements of an SQL delta for display: split at semicolons outside quotes, comments
     * and dollar quotes. (The engine's own splitter, which also knows COPY data and PUM's
     * directives, is what runs them.)
     */
    static List<String> statements(String text) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        int i = 0;
        int n = text.length();
        while (i < n) {
            char ch = text.charAt(i);
            if (ch == '-' && i + 1 < n && text.charAt(i + 1) == '-') {
                int end = text.indexOf('\n', i);
                end = end < 0 ? n : end;
                if (!cur.toString().isBlank()) {
                    cur.append(text, i, end);
                }
                i = end;
            } else if (ch == '/' && i + 1 < n && text.charAt(i + 1) == '*') {
                int end = text.indexOf("*/", i + 2);
                end = end < 0 ? n : end + 2;
                cur.append(text, i, end);
                i = end;
            } else if (ch == '\'' || ch == '"') {
                int end = i + 1;
                while (end < n && text.charAt(end) != ch) {
                    end++;
                }
                end = Math.min(n, end + 1);
                cur.append(text, i, end);
                i = end;
            } else if (ch == '$') {
                Matcher m = Pattern.compile("\\$[A-Za-z_]*\\$").matcher(text).region(i, n);
                if (m.lookingAt()) {
                    String tag = m.group();
                    int end = text.indexOf(tag, i + tag.length());
                    end = end < 0 ? n : end + tag.length();
                    cur.append(text, i, end);
                    i = end;
                } else {
                    cur.append(ch);
                    i++;
                }
            } else if (ch == ';') {
                add(out, cur);
                i++;
            } else {
                cur.append(ch);
                i++;
            }
        }
        add(out, cur);
        return out;
    }

    private static void add(List<String> out, StringBuilder cur) {
        String s = cur.toString().strip();
        if (!s.isEmpty()) {
            out.add(s + ";");
        }
        cur.setLength(0);
    }
}
