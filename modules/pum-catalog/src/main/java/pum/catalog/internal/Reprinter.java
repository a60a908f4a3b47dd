package pum.catalog.internal;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import pum.catalog.Reprint;
import pum.core.PgText;

/**
 * Asks the server to print expressions once more. One temporary function does all pairs in one
 * call; each pair runs in its own sub-transaction (a plpgsql exception block), so one text the
 * server cannot read leaves the others alone. Everything is rolled back at the end.
 */
public final class Reprinter {
    private static final System.Logger LOG = System.getLogger(Reprinter.class.getName());

    // One temporary table per pair (its columns are the owning table's), the fact added twice
    // (pum_a, pum_b), read back with the same pg_get_* functions the catalog readers use.
    // search_path is pg_catalog only, as when the catalog was read, so the reprints are
    // schema-qualified the same way.
    private static final String FUNCTION = """
            CREATE FUNCTION pg_temp.pum_reprint(k text[], cols text[], ty text[], a text[], b text[])
            RETURNS TABLE (n int, ra text, rb text) LANGUAGE plpgsql AS $f$
            DECLARE
              i int;
              t text;
              side text;
              def text;
              res text;
            BEGIN
              FOR i IN 1 .. coalesce(array_length(k, 1), 0) LOOP
                n := i;
                ra := NULL;
                rb := NULL;
                BEGIN
                  t := 'pum_reprint_' || i;
                  IF k[i] <> 'VIEW' THEN
                    EXECUTE format('CREATE TEMP TABLE %I (%s)', t, cols[i]);
                  END IF;
                  FOREACH side IN ARRAY ARRAY['a', 'b'] LOOP
                    def := CASE side WHEN 'a' THEN a[i] ELSE b[i] END;
                    IF k[i] = 'CHECK_CONSTRAINT' THEN
                      EXECUTE format('ALTER TABLE pg_temp.%I ADD CONSTRAINT %I %s', t, 'pum_' || side, def);
                      SELECT pg_get_constraintdef(c.oid) INTO res FROM pg_constraint c
                        WHERE c.conrelid = format('pg_temp.%I', t)::regclass AND c.conname = 'pum_' || side;
                    ELSIF k[i] IN ('DEFAULT', 'GENERATED') THEN
                      EXECUTE format('ALTER TABLE pg_temp.%I ADD COLUMN %I %s %s', t, 'pum_' || side, ty[i],
                        CASE k[i] WHEN 'DEFAULT' THEN 'DEFAULT ' || def ELSE 'GENERATED ALWAYS AS (' || def || ') STORED' END);
                      SELECT pg_get_expr(d.adbin, d.adrelid) INTO res FROM pg_attrdef d
                        JOIN pg_attribute x ON x.attrelid = d.adrelid AND x.attnum = d.adnum
                        WHERE d.adrelid = format('pg_temp.%I', t)::regclass AND x.attname = 'pum_' || side;
                    ELSIF k[i] = 'VIEW' THEN
                      EXECUTE format('CREATE TEMP VIEW %I AS %s', 'pum_' || side || '_' || i, rtrim(def, '; '));
                      res := pg_get_viewdef(format('pg_temp.%I', 'pum_' || side || '_' || i)::regclass);
                    ELSE
                      EXECUTE format('CREATE %s INDEX %I ON pg_temp.%I %s',
                        CASE WHEN def LIKE 'UNIQUE %' THEN 'UNIQUE' ELSE '' END, 'pum_' || side || '_' || i, t,
                        CASE WHEN def LIKE 'UNIQUE %' THEN substr(def, 8) ELSE def END);
                      res := pg_get_indexdef(format('pg_temp.%I', 'pum_' || side || '_' || i)::regclass);
                      res := substr(res, strpos(res, ' USING '));
                    END IF;
                    IF side = 'a' THEN ra := res; ELSE rb := res; END IF;
                  END LOOP;
                EXCEPTION WHEN others THEN
                  ra := NULL;
                  rb := SQLERRM;
                END;
                RETURN NEXT;
              END LOOP;
            END
            $f$""";

    private Reprinter() {
    }

    /** See {@link pum.catalog.Catalog#sameMeaning}. */
    public static List<Boolean> sameMeaning(Connection connection, List<Reprint> pairs) {
        List<Boolean> same = new ArrayList<>(Collections.nCopies(pairs.size(), Boolean.FALSE));
        if (pairs.isEmpty()) {
            return same;
        }
        Savepoint savepoint = null;
        boolean autoCommit = true;
        try {
            autoCommit = connection.getAutoCommit();
            if (autoCommit) {
                connection.setAutoCommit(false);
            } else {
                savepoint = connection.setSavepoint();
            }
            try (Statement st = connection.createStatement()) {
                // one round trip. A temporary view takes ACCESS SHARE (what a SELECT takes) on the
                // tables it reads: never wait for it, so a session that holds or awaits a stronger
                // lock is not held up
                st.execute("SET LOCAL search_path = pg_catalog; SET LOCAL lock_timeout = '100ms'; " + FUNCTION);
            }
            try (PreparedStatement ps = connection.prepareStatement("SELECT n, ra, rb FROM pg_temp.pum_reprint(?, ?, ?, ?, ?)")) {
                ps.setArray(1, array(connection, pairs.stream().map(p -> p.kind().name()).toList()));
                ps.setArray(2, array(connection, pairs.stream().map(p -> String.join(", ", p.columns())).toList()));
                ps.setArray(3, array(connection, pairs.stream().map(Reprint::type).toList()));
                ps.setArray(4, array(connection, pairs.stream().map(p -> strip(p.kind(), p.first())).toList()));
                ps.setArray(5, array(connection, pairs.stream().map(p -> strip(p.kind(), p.second())).toList()));
                Server server = new Server(PgText.serverVersionNum(connection));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        int n = rs.getInt(1) - 1;
                        String a = rs.getString(2);
                        String b = rs.getString(3);
                        if (a == null) {
                            LOG.log(System.Logger.Level.DEBUG, "cannot reprint {0}: {1}", pairs.get(n), b);
                        } else {
                            // view text in the form the catalog reader gives it
                            if (pairs.get(n).kind() == Reprint.Kind.VIEW) {
                                a = ViewReader.definition(a, server);
                                b = ViewReader.definition(b, server);
                            }
                            same.set(n, Objects.equals(Scope.collapse(a), Scope.collapse(b)));
                        }
                    }
                }
            }
        } catch (SQLException e) {
            LOG.log(System.Logger.Level.INFO, "the server could not reprint expressions ({0}); differing texts count as differences",
                    e.getMessage());
            Collections.fill(same, Boolean.FALSE);
        } finally {
            try {
                if (savepoint != null) {
                    connection.rollback(savepoint);
                    connection.releaseSavepoint(savepoint);
                } else {
                    connection.rollback();
                    connection.setAutoCommit(autoCommit);
                }
            } catch (SQLException e) {
                LOG.log(System.Logger.Level.WARNING, "could not roll back the reprint transaction: {0}", e.getMessage());
            }
        }
        return same;
    }

    /** An index definition from " USING " on, keeping "UNIQUE ". */
    private static String strip(Reprint.Kind kind, String text) {
        if (kind != Reprint.Kind.INDEX || text == null) {
            return text;
        }
        int using = text.indexOf(" USING ");
        String tail = using < 0 ? text : text.substring(using + 1);
        return text.startsWith("CREATE UNIQUE ") ? "UNIQUE " + tail : tail;
    }

    private static Array array(Connection c, List<String> values) throws SQLException {
        return c.createArrayOf("text", values.toArray());
    }
}
