package pum.delta.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import pum.delta.AppliedDelta;
import pum.delta.DeltaException;
import pum.delta.DeltaException.Reason;
import pum.delta.DeltaFile;
import pum.delta.Status;
import pum.delta.UpgradesTable;
import pum.delta.Version;

/**
 * The rows of an upgrades table: reading them, the baseline, and the writes of an upgrade.
 *
 * <p>The layout is PUM 0.x's plus three nullable journal columns ({@code pum_state},
 * {@code pum_progress}, {@code pum_statements}) that PUM never reads: a table created by PUM gets
 * them (one {@code ALTER TABLE ... ADD COLUMN IF NOT EXISTS}, instant for nullable columns) the
 * first time an upgrade needs the journal. Every row pum writes keeps PUM's reading true: the
 * current version is the highest {@code version} with {@code success = TRUE}, and a delta is
 * applied when a row with its version, description and type has {@code success = TRUE}.
 */
public final class RowStore {
    private static final String BASE_COLUMNS = "id, version, description, type, script, checksum, installed_by,"
            + " (extract(epoch FROM installed_on) * 1000000)::bigint, execution_time, success";
    private static final String INSERT_COLUMNS = "(version, description, type, script, checksum, installed_by, execution_time, success";

    private final UpgradesTable table;
    private boolean journalColumns;
    private boolean batchColumn;
    private String batch;

    /** The store of one table. */
    public RowStore(UpgradesTable table) {
        this.table = table;
    }

    /** The table. */
    public UpgradesTable table() {
        return table;
    }

    /** Whether the journal columns were there at the last {@link #rows} or were added since. */
    public boolean hasJournalColumns() {
        return journalColumns;
    }

    /** Whether the {@code pum_batch} column was there at the last {@link #rows} or was added since. */
    public boolean hasBatchColumn() {
        return batchColumn;
    }

    /**
     * The batch of this run: rows inserted from now on carry it in {@code pum_batch} (null: none).
     * Set by {@link #startBatch} only when the column exists.
     */
    public String batch() {
        return batch;
    }

    /**
     * Makes sure the {@code pum_batch} column exists (a nullable column PUM never reads, added once
     * with {@code ADD COLUMN IF NOT EXISTS}) and picks a new batch id, a short revision as rokso's
     * (8 hex digits). When the column cannot be added (not the table's owner), the run goes on
     * without a batch and says so.
     *
     * @return null, or a warning to show
     */
    public String startBatch(Connection c) {
        if (!batchColumn) {
            try (Statement st = c.createStatement()) {
                st.execute("ALTER TABLE " + table.sqlName() + " ADD COLUMN IF NOT EXISTS pum_batch text");
                batchColumn = true;
            } catch (SQLException e) {
                return "the rows of this upgrade carry no batch: adding the pum_batch column to " + table + " failed: "
                        + firstLine(e.getMessage()) + sqlState(e) + " (pum rollback without --to needs it; run once as the table's owner)";
            }
        }
        batch = newBatchId();
        return null;
    }

    /** A new batch id: 8 random hex digits. */
    public static String newBatchId() {
        return String.format("%08x", new java.security.SecureRandom().nextInt());
    }

    /** Whether the table exists. */
    public boolean exists(Connection c) {
        try (PreparedStatement ps = c.prepareStatement("SELECT to_regclass(?) IS NOT NULL")) {
            ps.setString(1, table.sqlName());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        } catch (SQLException e) {
            throw sqlError("checking whether " + table + " exists", e);
        }
    }

    /** Creates the schema if missing and the table if missing, in PUM's layout with the journal columns. */
    public void create(Connection c) {
        String ddl;
        try (InputStream in = RowStore.class.getResourceAsStream("create_upgrades_table.sql")) {
            ddl = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException | NullPointerException e) {
            throw new DeltaException(Reason.INTERNAL, "the upgrades table DDL is missing from pum.delta", null, e);
        }
        ddl = ddl.replace("{schema}", pum.core.PgText.quoteIdent(table.schema())).replace("{table}", table.sqlName());
        try (Statement st = c.createStatement()) {
            for (String s : stripComments(ddl).split(";")) {
                if (!s.isBlank()) {
                    st.execute(s);
                }
            }
        } catch (SQLException e) {
            throw sqlError("creating " + table, e);
        }
    }

    private static String stripComments(String s) {
        StringBuilder out = new StringBuilder();
        for (String line : s.split("\n")) {
            if (!line.strip().startsWith("--")) {
                out.append(line).append('\n');
            }
        }
        return out.toString();
    }

    /** Adds the journal columns if the table lacks them (a table PUM created). */
    public void addJournalColumns(Connection c) {
        if (journalColumns) {
            return;
        }
        try (Statement st = c.createStatement()) {
            st.execute("ALTER TABLE " + table.sqlName() + " ADD COLUMN IF NOT EXISTS pum_state text,"
                    + " ADD COLUMN IF NOT EXISTS pum_progress integer, ADD COLUMN IF NOT EXISTS pum_statements integer");
            journalColumns = true;
        } catch (SQLException e) {
            throw new DeltaException(Reason.UPGRADES_TABLE, "adding pum's journal columns (pum_state, pum_progress, pum_statements) to "
                    + table + " failed: " + firstLine(e.getMessage()) + sqlState(e),
                    "non-transactional and Python deltas are journalled so that a crash cannot make them run twice; "
                    + "run the upgrade as the table's owner once, or add the three nullable columns yourself", e);
        }
    }

    /**
     * All rows, in id order, in one query (more for a table without some of pum's columns: the journal, the batch).
     *
     * @throws DeltaException ({@link Reason#NO_BASELINE}) when the table does not exist, telling to run baseline
     */
    public List<AppliedDelta> rows(Connection c) {
        String withBatch = "SELECT " + BASE_COLUMNS + ", pum_state, pum_progress, pum_statements, pum_batch FROM " + table.sqlName() + " ORDER BY id";
        try {
            List<AppliedDelta> out = query(c, withBatch, true, true);
            journalColumns = true;
            batchColumn = true;
            return out;
        } catch (SQLException e) {
            if (!"42703".equals(e.getSQLState())) {
                throw readError(e);
            }
        }
        batchColumn = false;
        String full = "SELECT " + BASE_COLUMNS + ", pum_state, pum_progress, pum_statements FROM " + table.sqlName() + " ORDER BY id";
        try {
            List<AppliedDelta> out = query(c, full, true, false);
            journalColumns = true;
            return out;
        } catch (SQLException e) {
            if (!"42703".equals(e.getSQLState())) {
                throw readError(e);
            }
        }
        journalColumns = false;
        try {
            // a PUM table that got only pum_batch (its upgrades never needed the journal)
            List<AppliedDelta> out = query(c, "SELECT " + BASE_COLUMNS + ", NULL::text, NULL::int, NULL::int, pum_batch FROM "
                    + table.sqlName() + " ORDER BY id", false, true);
            batchColumn = true;
            return out;
        } catch (SQLException e) {
            if (!"42703".equals(e.getSQLState())) {
                throw readError(e);
            }
        }
        try {
            return query(c, "SELECT " + BASE_COLUMNS + " FROM " + table.sqlName() + " ORDER BY id", false, false);
        } catch (SQLException e) {
            throw readError(e);
        }
    }

    private List<AppliedDelta> query(Connection c, String sql, boolean journal, boolean withBatch) throws SQLException {
        // inside a transaction (baseline), a missing column must not abort it
        Savepoint sp = c.getAutoCommit() ? null : c.setSavepoint();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            List<AppliedDelta> out = new ArrayList<>();
            while (rs.next()) {
                long micros = rs.getLong(8);
                // installed_on as epoch microseconds: parsing 1,000 timestamps as text is a visible part of a no-op upgrade
                LocalDateTime on = rs.wasNull() ? null
                        : LocalDateTime.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), (int) Math.floorMod(micros, 1_000_000L) * 1000, ZoneOffset.UTC);
                AppliedDelta.Journal j = AppliedDelta.Journal.NONE;
                if (journal) {
                    String state = rs.getString(11);
                    if (state != null) {
                        j = new AppliedDelta.Journal(state, rs.getInt(12), rs.getInt(13));
                    }
                }
                out.add(new AppliedDelta(rs.getInt(1), rs.getString(2), nz(rs.getString(3)), rs.getInt(4), nz(rs.getString(5)),
                        nz(rs.getString(6)), nz(rs.getString(7)), on, rs.getInt(9), rs.getBoolean(10), j, withBatch ? rs.getString(14) : null));
            }
            if (sp != null) {
                c.releaseSavepoint(sp);
            }
            return out;
        } catch (SQLException e) {
            if (sp != null) {
                c.rollback(sp);
            }
            throw e;
        }
    }

    private DeltaException readError(SQLException e) {
        if ("42P01".equals(e.getSQLState()) || "3F000".equals(e.getSQLState())) {
            return new DeltaException(Reason.NO_BASELINE, "the upgrades table " + table + " does not exist in this database",
                    "run 'pum baseline -t " + table + " -b X.Y.Z' first to record the database's current version", e);
        }
        return sqlError("reading " + table, e);
    }

    /**
     * Creates the table (and schema) and records a baseline version, refusing when rows exist.
     * Two baselines started at the same moment are serialised by the upgrade lock's key, taken
     * for the transaction, before the CREATE (whose IF NOT EXISTS is not safe against a race).
     */
    public void baseline(Connection c, Version version) {
        boolean auto = autoCommit(c);
        try {
            c.setAutoCommit(false);
            int[] key = table.lockKey();
            try (PreparedStatement ps = c.prepareStatement("SELECT pg_advisory_xact_lock(?, ?)")) {
                ps.setInt(1, key[0]);
                ps.setInt(2, key[1]);
                ps.executeQuery().close();
            }
            create(c);
            List<AppliedDelta> rows = rows(c);
            if (!rows.isEmpty()) {
                c.rollback();
                AppliedDelta last = rows.get(rows.size() - 1);
                Version current = Status.currentVersion(rows);
                throw new DeltaException(Reason.ALREADY_BASELINED, table + " already holds " + rows.size() + " row" + (rows.size() == 1 ? "" : "s")
                        + " (current version " + (current == null ? "unknown" : current) + ", last: " + describe(last) + ")",
                        "a baseline is set once; use 'pum info' to see the state and 'pum upgrade' to move on", null);
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + table.sqlName() + " " + INSERT_COLUMNS
                    + ") VALUES (?, 'baseline', 0, '', '', current_user, 1, true)")) {
                ps.setString(1, version.toString());
                ps.executeUpdate();
            }
            c.commit();
        } catch (SQLException e) {
            rollbackQuietly(c);
            throw sqlError("setting the baseline in " + table, e);
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

    /**
     * One row's VALUES tuple, as SQL literals (quoted safely: names and paths come from files);
     * {@code msExpression} is a number or an SQL expression made by pum, never user text.
     */
    public static String rowValues(DeltaFile f, String checksum, String msExpression, boolean success) {
        return "(" + Placeholders.literal(f.version().toString()) + ", " + Placeholders.literal(cut(f.name(), 200)) + ", " + f.typeCode() + ", "
                + Placeholders.literal(cut(f.path().toString(), 1000)) + ", " + Placeholders.literal(checksum) + ", current_user, " + msExpression
                + ", " + success + ")";
    }

    /** One INSERT for several rows made by {@link #rowValues}. */
    public String insertSql(List<String> rows) {
        if (batch == null) {
            return "INSERT INTO " + table.sqlName() + " " + INSERT_COLUMNS + ") VALUES " + String.join(", ", rows);
        }
        // the batch joins each tuple made by rowValues (which ends with its closing parenthesis)
        String b = ", " + Placeholders.literal(batch) + ")";
        StringBuilder sql = new StringBuilder("INSERT INTO ").append(table.sqlName()).append(' ').append(INSERT_COLUMNS).append(", pum_batch) VALUES ");
        for (int i = 0; i < rows.size(); i++) {
            String r = rows.get(i);
            sql.append(i == 0 ? "" : ", ").append(r, 0, r.length() - 1).append(b);
        }
        return sql.toString();
    }

    /**
     * Records that a non-transactional or Python file starts (autocommit): a row with
     * {@code success = false} and {@code pum_state = 'running'}, so that a crash leaves a trace.
     * An earlier failed or interrupted row of the same file is reused.
     *
     * @return the row's id
     */
    public int startJournal(Connection c, DeltaFile f, String checksum, Integer reuseId, int done, int statements) throws SQLException {
        if (reuseId != null) {
            try (PreparedStatement ps = c.prepareStatement("UPDATE " + table.sqlName() + " SET pum_state = 'running', pum_progress = ?,"
                    + " pum_statements = ?, checksum = ?, script = ?, installed_on = now(), installed_by = current_user, success = false"
                    + (batch == null ? "" : ", pum_batch = " + Placeholders.literal(batch))
                    + " WHERE id = ?")) {
                ps.setInt(1, done);
                ps.setInt(2, statements);
                ps.setString(3, checksum);
                ps.setString(4, cut(f.path().toString(), 1000));
                ps.setInt(5, reuseId);
                ps.executeUpdate();
                return reuseId;
            }
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + table.sqlName() + " " + INSERT_COLUMNS
                + ", pum_state, pum_progress, pum_statements" + (batch == null ? "" : ", pum_batch")
                + ") VALUES (?, ?, ?, ?, ?, current_user, 0, false, 'running', ?, ?" + (batch == null ? "" : ", " + Placeholders.literal(batch))
                + ") RETURNING id")) {
            ps.setString(1, f.version().toString());
            ps.setString(2, cut(f.name(), 200));
            ps.setInt(3, f.typeCode());
            ps.setString(4, cut(f.path().toString(), 1000));
            ps.setString(5, checksum);
            ps.setInt(6, done);
            ps.setInt(7, statements);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    /** Records that statement {@code done} of a journalled file has completed. */
    public void progress(Connection c, int id, int done) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE " + table.sqlName() + " SET pum_progress = ? WHERE id = ?")) {
            ps.setInt(1, done);
            ps.setInt(2, id);
            ps.executeUpdate();
        }
    }

    /**
     * Ends a journalled file's row: applied ({@code state} null, {@code success = true}), or
     * {@code failed} / {@code interrupted} after {@code done} statements.
     */
    public void finishJournal(Connection c, int id, String state, int done, long ms) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE " + table.sqlName() + " SET success = ?, pum_state = ?, pum_progress = ?,"
                + " execution_time = ? WHERE id = ?")) {
            ps.setBoolean(1, state == null);
            ps.setString(2, state);
            ps.setInt(3, done);
            ps.setInt(4, (int) Math.min(Integer.MAX_VALUE, ms));
            ps.setInt(5, id);
            ps.executeUpdate();
        }
    }

    /**
     * Records a pre-all or post-all run that failed ({@code failed}) or has not finished
     * ({@code running}, written before pre-all starts and resolved when the cycle succeeds): a
     * row PUM reads as a delta that was never applied.
     */
    public void recordAllFailure(Connection c, DeltaFile f, Version current, String checksum, String state) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + table.sqlName() + " " + INSERT_COLUMNS
                + ", pum_state) VALUES (?, ?, ?, ?, ?, current_user, 0, false, ?)")) {
            ps.setString(6, state);
            ps.setString(1, current == null ? "0.0.0" : current.toString());
            ps.setString(2, f.kind().label());
            ps.setInt(3, f.language().bit());
            ps.setString(4, cut(f.path().toString(), 1000));
            ps.setString(5, checksum);
            ps.executeUpdate();
        }
    }

    /**
     * SQL removing pum's failed or unfinished pre-all/post-all records once a whole cycle has
     * succeeded: they were there to make the next upgrade run the cycle again, and a table that
     * keeps them would show PUM a never-applied "delta" per upgrade.
     */
    public String resolveAllFailuresSql() {
        return "DELETE FROM " + table.sqlName() + " WHERE pum_state IN ('failed', 'running') AND description IN ('pre-all', 'post-all')";
    }

    /** Stores an edited delta's new checksum. */
    public void updateChecksum(Connection c, int id, String checksum) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE " + table.sqlName() + " SET checksum = ? WHERE id = ?")) {
            ps.setString(1, checksum);
            ps.setInt(2, id);
            ps.executeUpdate();
        }
    }

    /** A row as a user recognises it: version, file, who and when. */
    public static String describe(AppliedDelta r) {
        return (r.isBaseline() ? "baseline " + r.version() : r.version() + " " + r.fileName()) + " by " + r.installedBy()
                + (r.installedOn() == null ? "" : " on " + r.installedOn().withNano(0));
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

    /**
     * Whether this run's successful row of a file is in the table: asked after a failed round trip
     * that carried the COMMIT of the file's version, so that pum says what the server did (the row
     * travels in the version's transaction). The caller holds the upgrade lock, so no other
     * session wrote it.
     */
    public boolean hasAppliedRow(Connection c, DeltaFile f, String checksum) throws SQLException {
        String sql = "SELECT EXISTS (SELECT 1 FROM " + table.sqlName() + " WHERE success AND version = ? AND script = ? AND checksum = ?"
                + (batch != null ? " AND pum_batch = ?" : "") + ")";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, f.version().toString());
            ps.setString(2, cut(f.path().toString(), 1000));
            ps.setString(3, checksum);
            if (batch != null) {
                ps.setString(4, batch);
            }
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        }
    }

    /** Rolls back if a transaction is open; never throws. */
    public static void rollbackQuietly(Connection c) {
        try {
            if (!c.getAutoCommit()) {
                c.rollback();
            }
        } catch (SQLException e) {
            // nothing more to undo
        }
    }

    /** A failure reading or writing the table, classified (a lost connection is not a table problem). */
    public DeltaException sqlError(String doing, SQLException e) {
        Reason r = Failures.isConnectionLost(e) ? Reason.CONNECTION_LOST : Reason.UPGRADES_TABLE;
        return new DeltaException(r, doing + " failed: " + firstLine(e.getMessage()) + sqlState(e), null, e);
    }

    static String sqlState(SQLException e) {
        return e.getSQLState() == null ? "" : " (SQLSTATE " + e.getSQLState() + ")";
    }

    /** The first line of a message (server messages may carry detail lines). */
    public static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
