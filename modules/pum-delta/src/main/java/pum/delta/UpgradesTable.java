package pum.delta;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import pum.delta.internal.RowStore;


/**
 * The upgrades table ({@code -t}, {@code upgrades_table}): its schema-qualified name. Reading and
 * writing its rows is the job of the engine's row store; the methods here that take a
 * connection are shortcuts to it. The layout is PUM 0.x's, so databases move freely between PUM and pum.
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
     * @throws DeltaException ({@link DeltaException.Reason#BAD_OPTION}) for anything else
     */
    public static UpgradesTable parse(String name) {
        if (name == null || name.isBlank()) {
            throw new DeltaException(DeltaException.Reason.BAD_OPTION, "no upgrades table given",
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
        return new DeltaException(DeltaException.Reason.BAD_OPTION, "invalid upgrades table name \"" + name
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
        return pum.core.PgText.quoteIdent(id);
    }

    private static String display(String id) {
        return id.matches("[a-z_][a-z0-9_$]*") ? id : quote(id);
    }

    /** Whether the table exists. */
    public boolean exists(Connection c) {
        return new RowStore(this).exists(c);
    }

    /** Creates the schema if missing and the table if missing, in PUM's layout (plus pum's nullable journal columns). */
    public void create(Connection c) {
        new RowStore(this).create(c);
    }

    /**
     * All rows, in id order, in one query.
     *
     * @throws DeltaException ({@link DeltaException.Reason#NO_BASELINE}) when the table does not exist, telling to run baseline
     */
    public List<AppliedDelta> rows(Connection c) {
        return new RowStore(this).rows(c);
    }

    /**
     * Creates the table (and schema) and records a baseline version, refusing when rows exist.
     *
     * @throws DeltaException ({@link DeltaException.Reason#ALREADY_BASELINED}) when the table already holds rows, saying what is there
     */
    public void baseline(Connection c, Version version) {
        new RowStore(this).baseline(c, version);
    }
}
