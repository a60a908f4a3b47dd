package pum.shell.internal.commands;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import pum.core.ErrorCode;
import pum.core.PumException;
import pum.delta.Checksum;
import pum.delta.UpgradesTable;
import pum.delta.Version;

/**
 * {@code pum init --from-rokso}: reads a rokso project (its {@code migration/} tree of
 * {@code YYYY_MM_DD__HH_MM_SS_name.py} files and its {@code rokso_db_version} table) and writes
 * the equivalent pum deltas with rollback companions and upgrades-table rows. The rokso project
 * and its table are only read. The {@code .py} files are parsed, never run: the string literals
 * assigned to {@code apply_sql} and {@code rollback_sql} are read.
 */
final class RoksoImport {
    private static final Pattern MIGRATION = Pattern.compile("\\d{4}_\\d{2}_\\d{2}__\\d{2}_\\d{2}_\\d{2}_(.*)\\.py");
    private static final Pattern SCHEMA = Pattern.compile("\"schema\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");

    /** One rokso migration and what it becomes. */
    record Migration(String relative, Version version, String name, String apply, String rollback, Path delta, Path companion) {
    }

    private RoksoImport() {
    }

    /** The migrations in rokso's order (sorted relative paths), numbered 0.0.1, 0.0.2, ... */
    static List<Migration> read(Path rokso, Path deltaDir, PrintStream err) throws IOException {
        Path migrations = rokso.resolve("migration");
        if (!Files.isDirectory(migrations)) {
            throw new PumException(ErrorCode.CONFIG, rokso + " is not a rokso project: it has no migration/ directory", null);
        }
        List<String> files = new ArrayList<>();
        try (Stream<Path> s = Files.walk(migrations)) {
            s.filter(Files::isRegularFile).forEach(p -> files.add(migrations.relativize(p).toString().replace('\\', '/')));
        }
        files.sort(null);
        List<Migration> out = new ArrayList<>();
        for (String rel : files) {
            String file = rel.substring(rel.lastIndexOf('/') + 1);
            Matcher m = MIGRATION.matcher(file);
            if (!m.matches()) {
                err.println("pum: warning: " + migrations.resolve(rel) + " is not a rokso migration (YYYY_MM_DD__HH_MM_SS_name.py); skipped");
                continue;
            }
            String text = Files.readString(migrations.resolve(rel), StandardCharsets.UTF_8);
            String apply = literal(text, "apply_sql", migrations.resolve(rel));
            String rollback = literal(text, "rollback_sql", migrations.resolve(rel));
            if (apply == null) {
                throw new PumException(ErrorCode.CONFIG, migrations.resolve(rel) + ": no apply_sql = \"...\" string found",
                        "pum reads the two strings rokso's create writes (apply_sql and rollback_sql) without running Python");
            }
            Version v = Version.parse("0.0." + (out.size() + 1));
            String name = m.group(1).replaceAll("[^A-Za-z0-9_]", "_");
            if (name.isEmpty()) {
                name = "migration";
            }
            String dir = rel.contains("/") ? rel.substring(0, rel.lastIndexOf('/')) : "";
            Path target = dir.isEmpty() ? deltaDir : deltaDir.resolve(dir);
            Path delta = target.resolve("delta_" + v + "_" + name + ".sql");
            Path companion = rollback == null || rollback.isBlank() ? null : target.resolve("delta_" + v + "_" + name + ".rollback.sql");
            out.add(new Migration(rel, v, name, apply, rollback, delta, companion));
        }
        return out;
    }

    /** The schema of rokso's table, from config.json ("schema" key), or public. */
    static String schema(Path rokso) throws IOException {
        Path config = rokso.resolve("config.json");
        if (!Files.exists(config)) {
            throw new PumException(ErrorCode.CONFIG, rokso + " is not a rokso project: it has no config.json", null);
        }
        Matcher m = SCHEMA.matcher(Files.readString(config, StandardCharsets.UTF_8));
        return m.find() ? m.group(1) : "public";
    }

    /** Writes the delta files; returns their checksums by migration. */
    static Map<Migration, String> write(List<Migration> ms) throws IOException {
        Map<Migration, String> sums = new HashMap<>();
        for (Migration m : ms) {
            Files.createDirectories(m.delta().getParent());
            Files.writeString(m.delta(), "-- from rokso: " + m.relative() + " (apply_sql)\n" + m.apply().strip() + "\n");
            if (m.companion() != null) {
                Files.writeString(m.companion(), "-- from rokso: " + m.relative() + " (rollback_sql)\n" + m.rollback().strip() + "\n");
            }
            sums.put(m, Checksum.of(m.delta()));
        }
        return sums;
    }

    /** rokso's completed migrations: relative file name to {revision, executedAt}. Read only. */
    static Map<String, Object[]> completed(Connection c, String schema) throws SQLException {
        Map<String, Object[]> out = new HashMap<>();
        String sql = "SELECT filename, version, executedat FROM \"" + schema.replace("\"", "\"\"") + "\".rokso_db_version WHERE status = 'complete'";
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                out.put(rs.getString(1), new Object[] {rs.getString(2), rs.getTimestamp(3)});
            }
        }
        return out;
    }

    /** One upgrades-table row per completed migration, in one transaction; the baseline must exist already. */
    static int record(Connection c, UpgradesTable table, List<Migration> ms, Map<Migration, String> sums, Map<String, Object[]> done,
                      String deltaDirName) throws SQLException {
        boolean auto = c.getAutoCommit();
        c.setAutoCommit(false);
        int n = 0;
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + table.sqlName() + " (version, description, type, script, checksum,"
                + " installed_by, installed_on, execution_time, success, pum_batch) VALUES (?, ?, 8, ?, ?, current_user, ?, 0, true, ?)")) {
            for (Migration m : ms) {
                Object[] d = done.get(m.relative());
                if (d == null) {
                    continue;
                }
                ps.setString(1, m.version().toString());
                ps.setString(2, m.name());
                String rel = m.relative().contains("/") ? m.relative().substring(0, m.relative().lastIndexOf('/') + 1) : "";
                ps.setString(3, deltaDirName + "/" + rel + m.delta().getFileName());
                ps.setString(4, sums.get(m));
                ps.setTimestamp(5, d[1] == null ? new Timestamp(System.currentTimeMillis()) : (Timestamp) d[1]);
                ps.setString(6, (String) d[0]);
                ps.addBatch();
                n++;
            }
            ps.executeBatch();
            c.commit();
        } catch (SQLException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(auto);
        }
        return n;
    }

    /**
     * The string literal assigned to {@code name} at the start of a line: '...', "...", '''...''' or
     * """...""", optionally with an r/u prefix; backslash escapes as Python reads them (except in raw strings).
     */
    static String literal(String py, String name, Path file) {
        Matcher m = Pattern.compile("(?m)^" + name + "\\s*=\\s*([rRuU]?)('''|\"\"\"|'|\")").matcher(py);
        if (!m.find()) {
            return null;
        }
        boolean raw = m.group(1).equalsIgnoreCase("r");
        String quote = m.group(2);
        StringBuilder out = new StringBuilder();
        int i = m.end();
        while (i < py.length()) {
            if (py.startsWith(quote, i)) {
                return out.toString();
            }
            char ch = py.charAt(i);
            if (ch == '\n' && quote.length() == 1) {
                break;
            }
            if (ch == '\\' && i + 1 < py.length()) {
                char nx = py.charAt(i + 1);
                if (raw) {
                    out.append(ch).append(nx);
                } else {
                    switch (nx) {
                        case 'n' -> out.append('\n');
                        case 't' -> out.append('\t');
                        case 'r' -> out.append('\r');
                        case '\\' -> out.append('\\');
                        case '\'' -> out.append('\'');
                        case '"' -> out.append('"');
                        case '\n' -> { }
                        default -> out.append(ch).append(nx);
                    }
                }
                i += 2;
                continue;
            }
            out.append(ch);
            i++;
        }
        throw new PumException(ErrorCode.CONFIG, file + ": the string assigned to " + name + " does not end", null);
    }
}
