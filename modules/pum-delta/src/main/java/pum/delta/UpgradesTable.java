package pum.delta;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import pum.core.ErrorCode;
import pum.delta.internal.SourceError;
import pum.delta.internal.SqlSplitter;
import pum.delta.internal.SqlStatement;

/**
 * The upgrades table ({@code -t}, {@code upgrades_table}): its schema-qualified name, and reading
 * and writing its rows. The layout is PUM 0.x's, so databases move freely between PUM and pum.
 * Names are validated and always sent quoted: {@code -t} cannot inject SQL.
 */
public final class UpgradesTable {
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z_][A-Za-z0-9_$]*");

    private final String schema;
    private final String table;

    private UpgradesTable(String schema, String table) {
        this.schema = schema;
        this.table = table;
    }

    /**
     * Parses {@code schema.table} or {@code table} (schema {@code public}). Unquoted names fold to
     * lowercase as PostgreSQL folds them; {@code "Quoted"} parts keep their case.
     *
     * @throws DeltaException ({@link ErrorCode#USAGE}) for anything else
     */
    public static UpgradesTable parse(String name) {
        if (name == null || name.isBlank()) {
            throw new DeltaException(ErrorCode.USAGE, "no upgrades table given",
                    "pass -t SCHEMA.TABLE or set upgrades_table in the config file", null);
        }
        List<String> parts = new ArrayList<>();
        int i = 0;
        String s = name.strip();
        while (i <= s.length()) {
            if (i < s.length() && s.charAt(i) == '"') {
                StringBuilder sb = new StringBuilder();
                int j = i + 1;
                boolean closed = false;
                while (j < s.length()) {
                    if (s.charAt(j) == '"') {
                        if (j + 1 < s.length() && s.charAt(j + 1) == '"') {
                            sb.append('"');
                            j += 2;
                            continue;
                        }
                        closed = true;
                        break;
                    }
                    sb.append(s.charAt(j++));
                }
                if (!closed || sb.length() == 0) {
                    throw invalid(name);
                }
                parts.add(sb.toString());
                i = j + 1;
            } else {
                int dot = s.indexOf('.', i);
                String p = dot < 0 ? s.substring(i) : s.substring(i, dot);
                if (!PLAIN.matcher(p).matches()) {
                    throw invalid(name);
                }
                parts.add(p.toLowerCase(Locale.ROOT));
                i = dot < 0 ? s.length() : dot;
            }
            if (i >= s.length()) {
                break;
            }
            if (s.charAt(i) != '.') {
                throw invalid(name);
            }
            i++;
            if (i >= s.length()) {
                throw invalid(name);
            }
        }
        if (parts.size() == 1) {
            return new UpgradesTable("public", parts.get(0));
        }
        if (parts.size() == 2) {
            return new UpgradesTable(parts.get(0), parts.get(1));
        }
        throw invalid(name);
    }

    private static DeltaException invalid(String name) {
        return new DeltaException(ErrorCode.USAGE, "invalid upgrades table name \"" + name
                + "\": expected SCHEMA.TABLE (letters, digits, _ and $, or \"double-quoted\" names), for example qwat_sys.upgrades", null, null);
    }

    /** The schema name (unquoted). */
    public String schema() {
        return schema;
    }

    /** The table name (unquoted). */
    public String table() {
        return table;
    }

    /** The quoted, schema-qualified name for SQL. */
    public String sqlName() {
        return quote(schema) + "." + quote(table);
    }

    /** {@code schema.table} as a user writes it (quoted only where needed). */
    @Override
    public String toString() {
        return display(schema) + "." + display(table);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof UpgradesTable t && t.schema.equals(schema) && t.table.equals(table);
    }

    @Override
    public int hashCode() {
        return schema.hashCode() * 31 + table.hashCode();
    }

    /** The advisory lock key pair of upgrades of this table: a constant class id and a hash of the name. */
    public int[] lockKey() {
        String n = sqlName();
        int h = 0;
        for (int i = 0; i < n.length(); i++) {
            h = 31 * h + n.charAt(i);
        }
        return new int[] {0x70756d /* "pum" */, h};
    }

    static String quote(String id) {
        return "\"" + id.replace("\"", "\"\"") + "\"";
    }

    private static String display(String id) {
        return id.matches("[a-z_][a-z0-9_$]*") ? id : quote(id);
    }

    /** Whether the table exists. */
    public boolean exists(Connection c) {
        try (PreparedStatement ps = c.prepareStatement("SELECT to_regclass(?) IS NOT NULL")) {
            ps.setString(1, sqlName());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        } catch (SQLException e) {
            throw sqlError("checking whether " + this + " exists", e);
        }
    }

    /** Creates the schema if missing and the table if missing, in PUM's layout. */
    public void create(Connection c) {
        String ddl;
        try (InputStream in = UpgradesTable.class.getResourceAsStream("internal/create_upgrades_table.sql")) {
            ddl = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException | NullPointerException e) {
            throw new DeltaException(ErrorCode.INTERNAL, "the upgrades table DDL is missing from pum.delta", null, e);
        }
        ddl = ddl.replace("{schema}", quote(schema)).replace("{table}", sqlName());
        try (Statement st = c.createStatement()) {
            for (SqlStatement s : SqlSplitter.split(ddl)) {
                st.execute(s.sql());
            }
        } catch (SQLException e) {
            throw sqlError("creating " + this, e);
        } catch (SourceError e) {
            throw new DeltaException(ErrorCode.INTERNAL, "the upgrades table DDL of pum.delta does not split: " + e.located(), null, e);
        }
    }

    /**
     * All rows, in id order, in one query.
     *
     * @throws DeltaException ({@link ErrorCode#DATABASE}) when the table does not exist, telling to run baseline
     */
    public List<AppliedDelta> rows(Connection c) {
        // installed_on as epoch microseconds: parsing 1,000 timestamps as text is a visible part of a no-op upgrade
        String sql = "SELECT id, version, description, type, script, checksum, installed_by,"
                + " (extract(epoch FROM installed_on) * 1000000)::bigint, execution_time, success FROM "
                + sqlName() + " ORDER BY id";
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            List<AppliedDelta> out = new ArrayList<>();
            while (rs.next()) {
                long micros = rs.getLong(8);
                LocalDateTime on = rs.wasNull() ? null
                        : LocalDateTime.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), (int) Math.floorMod(micros, 1_000_000L) * 1000, ZoneOffset.UTC);
                out.add(new AppliedDelta(rs.getInt(1), rs.getString(2), nz(rs.getString(3)), rs.getInt(4), nz(rs.getString(5)),
                        nz(rs.getString(6)), nz(rs.getString(7)), on, rs.getInt(9), rs.getBoolean(10)));
            }
            return out;
        } catch (SQLException e) {
            if ("42P01".equals(e.getSQLState()) || "3F000".equals(e.getSQLState())) {
                throw new DeltaException(ErrorCode.DATABASE, "the upgrades table " + this + " does not exist in this database",
                        "run 'pum baseline -t " + this + " -b X.Y.Z' first to record the database's current version", e);
            }
            throw sqlError("reading " + this, e);
        }
    }

    /**
     * Creates the table (and schema) and records a baseline version, refusing when rows exist.
     *
     * @throws DeltaException ({@link ErrorCode#DATABASE}) when the table already holds rows, saying what is there
     */
    public void baseline(Connection c, Version version) {
        boolean auto = autoCommit(c);
        try {
            c.setAutoCommit(false);
            create(c);
            try (Statement st = c.createStatement()) {
                // a second baseline started at the same moment waits here instead of adding a row too
                st.execute("LOCK TABLE " + sqlName() + " IN SHARE ROW EXCLUSIVE MODE");
            }
            List<AppliedDelta> rows = rows(c);
            if (!rows.isEmpty()) {
                c.rollback();
                AppliedDelta last = rows.get(rows.size() - 1);
                Version current = Status.currentVersion(rows);
                throw new DeltaException(ErrorCode.DATABASE, this + " already holds " + rows.size() + " row" + (rows.size() == 1 ? "" : "s")
                        + " (current version " + (current == null ? "unknown" : current) + ", last: " + describe(last) + ")",
                        "a baseline is set once; use 'pum info' to see the state and 'pum upgrade' to move on", null);
            }
            insert(c, version.toString(), "baseline", DeltaFile.TYPE_BASELINE, "", "", 1, true);
            c.commit();
        } catch (SQLException e) {
            rollbackQuietly(c);
            throw sqlError("setting the baseline in " + this, e);
        } catch (RuntimeException e) {
            rollbackQuietly(c);
            throw e;
        } finally {
            try {
                c.setAutoCommit(auto);
            } catch (SQLException e) {
                // the connection is broken; the caller will notice
            }
        }
    }

    static String describe(AppliedDelta r) {
        return (r.isBaseline() ? "baseline " + r.version() : r.version() + " " + r.fileName()) + " by " + r.installedBy()
                + (r.installedOn() == null ? "" : " on " + r.installedOn().withNano(0));
    }

    /** Inserts one row; installed_by is current_user, installed_on the table's default (now()). */
    void insert(Connection c, String version, String description, int type, String script, String checksum, int ms, boolean success)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + sqlName()
                + " (version, description, type, script, checksum, installed_by, execution_time, success)"
                + " VALUES (?, ?, ?, ?, ?, current_user, ?, ?)")) {
            ps.setString(1, version);
            ps.setString(2, cut(description, 200));
            ps.setInt(3, type);
            ps.setString(4, cut(script, 1000));
            ps.setString(5, checksum);
            ps.setInt(6, ms);
            ps.setBoolean(7, success);
            ps.executeUpdate();
        }
    }

    /**
     * One row's VALUES tuple, as SQL literals (quoted safely: names and paths come from files);
     * {@code msExpression} is a number or an SQL expression made by pum, never user text.
     */
    static String rowValues(String version, String description, int type, String script, String checksum, String msExpression,
                            boolean success) {
        return "(" + pum.delta.internal.Placeholders.literal(version) + ", " + pum.delta.internal.Placeholders.literal(cut(description, 200))
                + ", " + type + ", " + pum.delta.internal.Placeholders.literal(cut(script, 1000)) + ", "
                + pum.delta.internal.Placeholders.literal(checksum) + ", current_user, " + msExpression + ", " + success + ")";
    }

    /** One INSERT for several rows made by {@link #rowValues}. */
    String insertSql(List<String> rows) {
        return "INSERT INTO " + sqlName() + " (version, description, type, script, checksum, installed_by, execution_time, success) VALUES "
                + String.join(", ", rows);
    }

    void updateChecksum(Connection c, int id, String checksum) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE " + sqlName() + " SET checksum = ? WHERE id = ?")) {
            ps.setString(1, checksum);
            ps.setInt(2, id);
            ps.executeUpdate();
        }
    }

    private static String cut(String s, int max) {
        return s.length() <= max ? s : s.substring(s.length() - max);
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    private static boolean autoCommit(Connection c) {
        try {
            return c.getAutoCommit();
        } catch (SQLException e) {
            return true;
        }
    }

    static void rollbackQuietly(Connection c) {
        try {
            if (!c.getAutoCommit()) {
                c.rollback();
            }
        } catch (SQLException e) {
            // nothing more to undo
        }
    }

    DeltaException sqlError(String doing, SQLException e) {
        return new DeltaException(ErrorCode.DATABASE, doing + " failed: " + firstLine(e.getMessage())
                + (e.getSQLState() == null ? "" : " (SQLSTATE " + e.getSQLState() + ")"), null, e);
    }

    static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
